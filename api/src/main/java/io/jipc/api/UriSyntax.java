package io.jipc.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The grammar of {@link IpcUri} (scheme, path, options, %-escapes): turns the text into its
 * parts, or fails with an {@link IpcUriException} naming the URI and the bad part.
 */
final class UriSyntax {
    private UriSyntax() {
    }

    /** The scheme: the text before the first ':', checked. */
    static String scheme(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IpcUriException(text, "scheme", "expected scheme:path?options, e.g. sysv:/tmp/app?proj=1");
        }
        String scheme = text.substring(0, colon);
        if (!isName(scheme, false)) {
            throw new IpcUriException(text, "scheme '" + scheme + "'",
                    "a scheme is lower-case letters, digits and '-', starting with a letter");
        }
        return scheme;
    }

    /** The text after the scheme's ':' (path and query). */
    static String afterScheme(String text, String scheme) {
        return text.substring(scheme.length() + 1);
    }

    /** The decoded path of {@code rest} (the text after the scheme's ':'). */
    static String path(String text, String rest) {
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String path = decode(text, "path", rawPath);
        if (path.indexOf('\0') >= 0) {
            throw new IpcUriException(text, "path", "contains a NUL character");
        }
        return path;
    }

    /** The decoded options of {@code rest} (the text after the scheme's ':'), in order, unmodifiable. */
    static Map<String, String> options(String text, String rest) {
        Map<String, String> options = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            String query = rest.substring(q + 1);
            if (query.isEmpty()) {
                throw new IpcUriException(text, "options", "'?' is not followed by any option");
            }
            for (String pair : query.split("&", -1)) {
                addOption(text, pair, options);
            }
        }
        return Collections.unmodifiableMap(options);
    }

    private static void addOption(String text, String pair, Map<String, String> options) {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
