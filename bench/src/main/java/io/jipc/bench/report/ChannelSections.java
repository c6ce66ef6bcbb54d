package io.jipc.bench.report;

import io.jipc.bench.Channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's two channel sections: round-trip latency and one-way throughput.
 */
final class ChannelSections {
    private static final String[] PCTS = {"50.0", "90.0", "99.0", "99.9"};
    private static final String[] PCT_NAMES = {"p50", "p90", "p99", "p99.9"};

    private ChannelSections() {
    }

    /** Round-trip latency: the table of percentiles and one chart per payload size. */
    static void roundTrip(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "Channels: round-trip latency");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.all("ChannelRoundTrip", "roundTrip")) {
            List<String> cells = new ArrayList<>(List.of(row.param("mech"), row.param("size")));
            for (String p : PCTS) {
                cells.add(row.ok() ? fmt(row.nanos(p) / 1e3) : "-");
            }
            cells.add(row.ok() ? Fmt.pm(row.nanos(null) / 1e3, row.error() * Row.nanosPerUnit(row.unit()) / 1e3) : "-");
            cells.add(row.ok() ? ReportRows.cpuSelfPeer(r, row) : "-");
            cells.add(row.ok() ? fmt(row.allocBytesPerOp()) : "-");
            cells.add(row.ok() ? "ok" : row.failure());
            rows.add(cells);
        }
        rows.sort(ReportRows.byMechanismThenSize(Channels.ALL));
        doc.table(List.of("mechanism", "size (B)", "p50 (µs)", "p90 (µs)", "p99 (µs)", "p99.9 (µs)",
                "mean ± error (µs)", "CPU/op self / peer (µs)", "alloc (B/op)", "status"), rows);
        for (int size : a.rttSizes()) {
            Map<String, Map<String, Double>> s = Charts.series();
            for (int i = 0; i < PCTS.length; i++) {
                Map<String, Double> v = new LinkedHashMap<>();
                for (String m : Channels.ALL) {
                    v.put(m, a.rtt(m, size, PCTS[i]));
                }
                s.put(PCT_NAMES[i], v);
            }
            sink.chart("rtt-" + size, Charts.category("Round-trip latency, " + size + " B payload", "mechanism",
                    "round trip (µs)", s), "round-trip latency percentiles at " + size + " B");
        }
    }

    /** One-way throughput: the table and one chart, a series per payload size. */
    static void throughput(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "Channels: one-way throughput");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.all("ChannelThroughput", "send")) {
            double ops = row.ok() ? row.opsPerSecond() : Double.NaN;
            double opsErr = row.ok() ? ops * ReportRows.relErr(row) : Double.NaN;
            rows.add(List.of(row.param("mech"), row.param("size"), Fmt.pm(ops, opsErr), fmt(ops * row.intParam("size") / 1e6),
                    row.ok() ? ReportRows.cpuSelfPeer(r, row) : "-",
                    row.ok() ? fmt(row.allocBytesPerOp()) : "-", row.ok() ? "ok" : row.failure()));
        }
        rows.sort(ReportRows.byMechanismThenSize(Channels.ALL));
        doc.table(List.of("mechanism", "size (B)", "messages/s", "MB/s", "CPU/msg producer / consumer (µs)",
                "alloc (B/op)", "status"), rows);
        Map<String, Map<String, Double>> s = Charts.series();
        for (int size : a.tputSizes()) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (String m : Channels.ALL) {
                v.put(m, a.tput(m, size) * size / 1e6);
            }
            s.put(size + " B", v);
        }
        sink.chart("throughput", Charts.category("One-way throughput per payload size", "mechanism", "throughput (MB/s)", s),
                "one-way throughput in MB/s, one series per payload size");
    }
}
