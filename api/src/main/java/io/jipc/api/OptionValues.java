package io.jipc.api;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value spellings of {@link IpcUri}'s typed options (integers, sizes, booleans, words,
 * {@code mode=}, {@code open=}): each method reads one value given as text and fails with an
 * {@link IpcUriException} naming the URI, the option and what was expected.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** {@code open=}: create, open or open-or-create. */
    static Open open(String text, String v) {
        Open o = Open.fromSpelling(v);
        if (o == null) {
            throw new IpcUriException(text, "option 'open'", "'" + v + "' is not create, open or open-or-create");
        }
        return o;
    }

    /** {@code mode=}: octal permission bits in 0..0777. */
    static int mode(String text, String v) {
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

    /** An integer, decimal or hexadecimal with {@code 0x}, within {@code [min, max]}. */
    static long integer(String text, String key, String v, long min, long max) {
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
        return inRange(text, key, v, n, min, max);
    }

    /** A number of bytes with an optional k/m/g suffix (then optionally b or ib), within {@code [min, max]}. */
    static long size(String text, String key, String v, long min, long max) {
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
        return inRange(text, key, v, n, min, max);
    }

    /** true/false, yes/no, 1/0. */
    static boolean bool(String text, String key, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": return true;
            case "false": case "no": case "0": return false;
            default: throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not true or false");
        }
    }

    /** One of {@code choices}. */
    static String choice(String text, String key, String v, Set<String> choices) {
        if (!choices.contains(v)) {
            throw new IpcUriException(text, "option '" + key + "'", "'" + v + "' is not one of " + new TreeSet<>(choices));
        }
        return v;
    }

    private static long inRange(String text, String key, String v, long n, long min, long max) {
        if (n < min || n > max) {
            throw new IpcUriException(text, "option '" + key + "'", v + " is outside " + min + ".." + max);
        }
        return n;
    }
}
