package io.jipc.api;

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
        String scheme = UriSyntax.scheme(text);
        String rest = UriSyntax.afterScheme(text, scheme);
        IpcUri uri = new IpcUri(text, scheme, UriSyntax.path(text, rest), UriSyntax.options(text, rest));
        uri.mode();
        uri.open();
        return uri;
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
        return OptionValues.open(text, v);
    }

    /** {@return the {@code mode=} permission bits (octal in the URI), {@link #DEFAULT_MODE} by default} */
    public int mode() {
        String v = options.get("mode");
        if (v == null) {
            return DEFAULT_MODE;
        }
        return OptionValues.mode(text, v);
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
        return OptionValues.integer(text, key, v, min, max);
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
        return OptionValues.size(text, key, v, min, max);
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
        return OptionValues.bool(text, key, v);
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
        return OptionValues.choice(text, key, v, choices);
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
