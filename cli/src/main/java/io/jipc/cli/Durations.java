package io.jipc.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the command line's durations: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}, {@code 0}. */
public final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = P.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use a number with a unit, e.g. 500ms, 2s, 1m, 1h (0 = do not wait)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (n != 0) {
                throw new IllegalArgumentException("'" + text + "' has no unit: write e.g. " + m.group(1) + "s or " + m.group(1) + "ms");
            }
            return Duration.ZERO;
        }
        double nanosPer;
        switch (unit) {
            case "ns": nanosPer = 1; break;
            case "us": nanosPer = 1e3; break;
            case "ms": nanosPer = 1e6; break;
            case "s": nanosPer = 1e9; break;
            case "m": nanosPer = 60e9; break;
            default: nanosPer = 3600e9; break;
        }
        double nanos = n * nanosPer;
        if (nanos > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos((long) nanos);
    }

    /** A short human form: {@code 500ms}, {@code 2s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return ms + "ms";
    }
}
