package io.jipc.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed IPC URI: one string that picks the mechanism and the object.
 *
 * <h2>Grammar</h2>
 * <pre>
 *   uri     = scheme ":" [ path ] [ "?" option *( "&amp;" option ) ]
 *   scheme  = lower *( lower / digit / "-" )                 ; sysv, posix, fcntl, ring...
 *   path    = *( any character but "?" )                     ; "/etc/app", "/orders", "private", "pair", or empty
 *   option  = key "=" value
 *   key     = lower *( lower / digit / "-" / "_" )
 *   value   = 1*( any character but "&amp;" )                   ; %XX escapes are decoded in path and values
 * </pre>
 * Examples: {@code sysv:/etc/app?proj=7}, {@code sysv:?key=0x4a1}, {@code sysv:private},
 * {@code posix:/orders?maxmsg=10&msgsize=8192}, {@code fcntl:/tmp/app.lock},
 * {@code ring:/feed?capacity=1m}, {@code pipe:?fd=3,4}.
 *
 * <h2>Common options</h2>
 * {@code mode=0600} (octal permission bits, default owner-only) and
 * {@code open=create|open|open-or-create} (default {@code open-or-create}); every backend
 * declares the other options it accepts, and an unknown option is an error
 * ({@link #checkOptions(String, Set)}).
 *
 * <p>Parsing is fail-fast: every error is an {@link IpcUriException} naming the URI and the bad
 * part, raised before any system call. Instances are immutable.
 */
public final class IpcUri {
    /** Options every backend accepts. */
    public static final Set<String> COMMON_OPTIONS = Set.of("mode", "open");
    /** Default permission bits: owner read/write only. */
    public static final int DEFAULT_MODE = 0600;

    private final String text;
    private final String scheme;
    private final String path;
    private final Map<String, String> options;

    private IpcUri(String text, String scheme, String path, Map<String, String> options) {
        this.text = text;
        this.scheme = scheme;
        this.path = path;
        this.options = options;
    }

    /**
     * Parses {@code text}.
     *
     * @param text a URI such as {@code "sysv:/etc/app?proj=7&open=create"}
     * @return the parsed URI, with its {@code open=} and {@code mode=} options already checked
     * @throws IpcUriException when the text does not follow the grammar
     */
    public static IpcUri parse(String text) {
        if (text == null) {
            throw new IpcUriException("null", "", "the URI is null");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IpcUriException(text, "scheme", "expected scheme:path?options, e.g. sysv:/tmp/app?proj=1");
        }
        String scheme = text.substring(0, colon);
        if (!isName(scheme, false)) {
            throw new IpcUriException(text, "scheme '" + scheme + "'",
                    "a scheme is lower-case letters, digits and '-', starting with a letter");
        }
        String rest = text.substring(colon + 1);
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String path = decode(text, "path", rawPath);
        if (path.indexOf('\0') >= 0) {
            throw new IpcUriException(text, "path", "contains a NUL character");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0) {
            String query = rest.substring(q + 1);
            if (query.isEmpty()) {
                throw new IpcUriException(text, "options", "'?' is not followed by any option");
            }
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty()) {
                    throw new IpcUriException(text, "options", "empty option (a stray '&')");
                }
                if (eq < 0) {
                    throw new IpcUriException(text, "option '" + pair + "'", "expected key=value");
                }
                String key = pair.substring(0, eq);
                String value = decode(text, "option '" + key + "'", pair.substring(eq + 1));
                if (!isName(key, true)) {
                    throw new IpcUriException(text, "option '" + key + "'",
                            "an option name is lower-case letters, digits, '-' and '_'");
                }
                if (value.isEmpty()) {
                    throw new IpcUriException(text, "option '" + key + "'", "has no value");
                }
                if (options.put(key, value) != null) {
                    throw new IpcUriException(text, "option '" + key + "'", "is given more than once");
                }
            }
        }
        IpcUri uri = new IpcUri(text, scheme, path, Collections.unmodifiableMap(options));
        uri.mode();
        uri.open();
        return uri;
    }

    private static boolean isName(String s, boolean underscore) {
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (underscore && c == '_');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String text, String part, String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IpcUriException(text, part, "truncated %-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IpcUriException(text, part, "bad %-escape '" + s.substring(i, i + 3) + "'");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@return the scheme ({@code sysv}, {@code posix}...)} */
    public String scheme() {
        return scheme;
    }

    /** {@return the path, %-escapes decoded; empty when there is none} */
    public String path() {
        return path;
    }

    /** {@return whether the URI has a non-empty path} */
    public boolean hasPath() {
        return !path.isEmpty();
    }

    /** {@return the options in the order given (unmodifiable)} */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Looks up an option.
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @return its decoded value, or {@code null} when the URI does not give it
     */
    public String option(String key) {
        return options.get(key);
    }

    /**
     * Looks up an option, with a default.
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the value when the URI does not give the option
     * @return its decoded value, or {@code def}
     */
    public String option(String key, String def) {
        String v = options.get(key);
        return v == null ? def : v;
    }

    /**
     * Tells whether the URI gives an option.
     *
     * @param key the option's name
     * @return {@code true} if the option is present, whatever its value
     */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /**
     * Fails if an option is neither common ({@link #COMMON_OPTIONS}) nor in {@code allowed}.
     *
     * @param what the backend and primitive, for the message ({@code "sysv channel"})
     * @param allowed the backend's own option names
     * @throws IpcUriException naming the first unknown option and listing the known ones
     */
    public void checkOptions(String what, Set<String> allowed) {
        for (String key : options.keySet()) {
            if (!COMMON_OPTIONS.contains(key) && !allowed.contains(key)) {
                Set<String> known = new TreeSet<>(COMMON_OPTIONS);
                known.addAll(allowed);
                throw new IpcUriException(text, "option '" + key + "'", "unknown for " + what + "; known options: " + known);
            }
        }
    }

    /** {@return the {@code open=} mode, {@link Open#OPEN_OR_CREATE} by default} */
    public Open open() {
        String v = options.get("open");
        if (v == null) {
            return Open.OPEN_OR_CREATE;
        }
        Open o = Open.fromSpelling(v);
        if (o == null) {
            throw new IpcUriException(text, "option 'open'", "'" + v + "' is not create, open or open-or-create");
        }
        return o;
    }

    /** {@return the {@code mode=} permission bits (octal in the URI), {@link #DEFAULT_MODE} by default} */
    public int mode() {
        String v = options.get("mode");
        if (v == null) {
            return DEFAULT_MODE;
        }
        int m;
        try {
            m = Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw new IpcUriException(text, "option 'mode'", "'" + v + "' is not an octal number such as 0600");
        }
        if (m < 0 || m > 0777) {
            throw new IpcUriException(text, "option 'mode'", "'" + v + "' is outside 0..0777");
        }
        return m;
    }

    /**
     * An integer option: decimal, or hexadecimal with {@code 0x}.
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the value when the URI does not give the option
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value given, or {@code def}
     * @throws IpcUriException when it is not a number or outside {@code [min, max]}
     */
    public long longOption(String key, long def, long min, long max) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        long n;
        try {
            String s = v.toLowerCase(Locale.ROOT);
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            n = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            if (neg) {
                n = -n;
            }
        } catch (NumberFormatException e) {
            throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not an integer");
        }
        return checkRange(key, v, n, min, max);
    }

    /**
     * As {@link #longOption}, for values that fit an {@code int}.
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the value when the URI does not give the option
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value given, or {@code def}
     * @throws IpcUriException when it is not a number or outside {@code [min, max]}
     */
    public int intOption(String key, int def, int min, int max) {
        return (int) longOption(key, def, min, max);
    }

    /**
     * A size option: a number of bytes with an optional suffix {@code k}, {@code m}, {@code g}
     * (powers of 1024, case-insensitive, optionally followed by {@code b} or {@code ib}).
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the size in bytes when the URI does not give the option
     * @param min the smallest size accepted, in bytes
     * @param max the largest size accepted, in bytes
     * @return the size in bytes, or {@code def}
     * @throws IpcUriException when it is not a size or outside {@code [min, max]}
     */
    public long sizeOption(String key, long def, long min, long max) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long mult = 1;
        if (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g') {
                mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
                s = s.substring(0, s.length() - 1);
            }
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(s), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not a size such as 4096, 64k or 1m");
        }
        return checkRange(key, v, n, min, max);
    }

    /**
     * A boolean option: {@code true}/{@code false} (also {@code yes}/{@code no}, {@code 1}/{@code 0}).
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the value when the URI does not give the option
     * @return the value given, or {@code def}
     * @throws IpcUriException when the value is none of those spellings
     */
    public boolean booleanOption(String key, boolean def) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": return true;
            case "false": case "no": case "0": return false;
            default: throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not true or false");
        }
    }

    /**
     * An option whose value must be one of a fixed set of words.
     *
     * @param key the option's name, e.g. {@code "maxmsg"}
     * @param def the value when the URI does not give the option
     * @param choices the values accepted
     * @return the value given, or {@code def}
     * @throws IpcUriException when the value is not one of {@code choices}
     */
    public String choiceOption(String key, String def, Set<String> choices) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        if (!choices.contains(v)) {
            throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not one of " + new TreeSet<>(choices));
        }
        return v;
    }

    private long checkRange(String key, String v, long n, long min, long max) {
        if (n < min || n > max) {
            throw new IpcUriException(text, "option '" + key + "'", v + " is outside " + min + ".." + max);
        }
        return n;
    }

    /**
     * An error about part of this URI, for backends validating their own grammar.
     *
     * @param part the offending part (an option, {@code "path"}...)
     * @param problem what is wrong with it, in words
     * @return the exception, for the caller to throw
     */
    public IpcUriException error(String part, String problem) {
        return new IpcUriException(text, part, problem);
    }

    /** The URI exactly as given. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpcUri && ((IpcUri) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
