package io.jipc.bench.report;

import java.util.Comparator;
import java.util.List;

/**
 * Look-ups the report's tables share: failures and statuses of rows, JMH's relative error,
 * the order of mechanisms.
 */
final class ReportRows {
    private ReportRows() {
    }

    /** The first failed row of {@code bench} whose parameter {@code k} is {@code v}, or null. */
    static Row failure(Results r, String bench, String k, String v) {
        for (Row row : r.rows) {
            if (row.failure() != null && row.benchmark().equals(bench) && v.equals(row.param(k))) {
                return row;
            }
        }
        return null;
    }

    /** {@code s} cut to {@code n} characters with "..." when longer. */
    static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    /** "ok", "not run", or the failure of the first failed row of {@code bench} matching the key/value pairs. */
    static String status(Results r, String bench, String... kv) {
        boolean any = false;
        for (Row row : r.rows) {
            if (!row.benchmark().equals(bench)) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i + 1 < kv.length; i += 2) {
                match &= kv[i + 1].equals(row.param(kv[i]));
            }
            if (match && row.failure() != null) {
                return row.failure();
            }
            any |= match;
        }
        return any ? "ok" : "not run";
    }

    /** The CPU per operation of this side and of the peer, in µs, as "self / peer". */
    static String cpuSelfPeer(Results r, Row row) {
        return Analysis.fmt(r.cpuPerOp(row, false) / 1e3) + " / " + Analysis.fmt(r.cpuPerOp(row, true) / 1e3);
    }

    /** JMH's score error relative to the score (NaN when it gives none). */
    static double relErr(Row row) {
        return row == null || row.score() == 0 ? Double.NaN : Math.abs(row.error() / row.score());
    }

    /** The index of {@code v} in {@code all} ({@code all.length} when absent). */
    static int idx(String[] all, String v) {
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals(v)) {
                return i;
            }
        }
        return all.length;
    }

    /** Table rows whose first cell is a number (a size, a count), in its order. */
    static final Comparator<List<String>> BY_FIRST_NUMBER = (x, y) -> Integer.compare(Integer.parseInt(x.get(0)),
            Integer.parseInt(y.get(0)));

    /** Table rows of (mechanism, size, ...): in the order of {@code mechanisms}, then by size. */
    static Comparator<List<String>> byMechanismThenSize(String[] mechanisms) {
        return (x, y) -> x.get(0).equals(y.get(0)) ? Integer.compare(Integer.parseInt(x.get(1)), Integer.parseInt(y.get(1)))
                : Integer.compare(idx(mechanisms, x.get(0)), idx(mechanisms, y.get(0)));
    }
}
