package io.jipc.bench.report;

import java.util.Locale;

/**
 * The report's one number format: three significant digits, with {@code k}, {@code M} and
 * {@code G} suffixes from a thousand up ({@code 315k}, {@code 4.44M}, {@code 88.7},
 * {@code 0.730}); {@code -} for a value that was not measured; {@code value ± error} where JMH
 * gives a score error. Units are written with their proper symbols ({@code µs}).
 */
public final class Fmt {
    /** Microseconds. */
    public static final String US = "µs";

    private Fmt() {
    }

    /** Three significant digits with a k/M/G suffix; {@code -} for NaN or infinity. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String[] suffix = {"", "k", "M", "G", "T"};
        int i = 0;
        while (a >= 999.5 && i < suffix.length - 1) {
            a /= 1000;
            i++;
        }
        String digits;
        if (a >= 99.95) {
            digits = String.format(Locale.ROOT, "%.0f", a);
        } else if (a >= 9.995) {
            digits = String.format(Locale.ROOT, "%.1f", a);
        } else if (a >= 0.9995 || i > 0) {
            digits = String.format(Locale.ROOT, "%.2f", a);
        } else if (a >= 0.001) {
            digits = String.format(Locale.ROOT, "%.3g", a);
        } else {
            digits = String.format(Locale.ROOT, "%.2e", a);
        }
        return (v < 0 ? "-" : "") + digits + suffix[i];
    }

    /** An axis tick: {@link #num} without trailing zeros ({@code 10}, {@code 0.1}, {@code 1M}). */
    public static String tick(double v) {
        String s = num(v);
        String suffix = s.isEmpty() || Character.isDigit(s.charAt(s.length() - 1)) ? "" : s.substring(s.length() - 1);
        String digits = s.substring(0, s.length() - suffix.length());
        if (digits.contains(".") && !digits.contains("e")) {
            digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return digits + suffix;
    }

    /**
     * {@code value ± error}, or the value alone when there is no error (NaN, zero: JMH gives none
     * for a single measurement).
     */
    public static String pm(double v, double err) {
        if (Double.isNaN(v) || Double.isNaN(err) || Double.isInfinite(err) || err <= 0) {
            return num(v);
        }
        return num(v) + " ± " + num(err);
    }

    /** {@code n thing} / {@code n things}. */
    public static String plural(long n, String thing) {
        return n + " " + (n == 1 ? thing : plural(thing));
    }

    /** The plural of a noun the report uses ("mutex" → "mutexes", "client" → "clients"). */
    public static String plural(String thing) {
        if (thing.endsWith("x") || thing.endsWith("s") || thing.endsWith("sh") || thing.endsWith("ch")) {
            return thing + "es";
        }
        if (thing.endsWith("y") && thing.length() > 1 && "aeiou".indexOf(thing.charAt(thing.length() - 2)) < 0) {
            return thing.substring(0, thing.length() - 1) + "ies";
        }
        return thing + "s";
    }
}
