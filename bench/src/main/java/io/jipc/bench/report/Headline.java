package io.jipc.bench.report;

import io.jipc.bench.Channels;

import java.util.ArrayList;
import java.util.List;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The headline table: round trip and one-way rate per channel, as a report table and as text
 * (printed by {@code jipc bench}).
 */
final class Headline {
    private Headline() {
    }

    /** The headline table as text (printed by {@code jipc bench}). */
    static String text(Results r) {
        List<List<String>> rows = rows(new Analysis(r));
        List<String> head = head(new Analysis(r));
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> row : rows) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, w);
        for (List<String> row : rows) {
            appendRow(sb, row, w);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c).append("  ");
        }
        sb.append('\n');
    }

    /** The column heads (the payload sizes are the run's smallest). */
    static List<String> head(Analysis a) {
        int s = a.rttSizes().isEmpty() ? 64 : a.rttSizes().get(0);
        int t = a.tputSizes().isEmpty() ? 64 : a.tputSizes().get(0);
        return List.of("channel", "RTT p50 " + s + " B (µs)", "RTT p99 " + s + " B (µs)", "one-way " + t + " B (msg/s)",
                "status");
    }

    /** One row per channel mechanism: p50, p99, one-way rate, status. */
    static List<List<String>> rows(Analysis a) {
        int s = a.rttSizes().isEmpty() ? 64 : a.rttSizes().get(0);
        int t = a.tputSizes().isEmpty() ? 64 : a.tputSizes().get(0);
        List<List<String>> rows = new ArrayList<>();
        for (String m : Channels.ALL) {
            double p50 = a.rtt(m, s, "50.0");
            String status = "ok";
            if (Double.isNaN(p50)) {
                Row f = ReportRows.failure(a.r, "ChannelRoundTrip", "mech", m);
                status = f == null ? "not run" : f.failure();
            }
            rows.add(List.of(m + (Channels.isPeer(m) ? " (peer)" : ""), fmt(p50), fmt(a.rtt(m, s, "99.0")),
                    fmt(a.tput(m, t)), ReportRows.shorten(status, 70)));
        }
        return rows;
    }
}
