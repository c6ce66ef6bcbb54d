package io.jipc.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's sections for the claims that need their own table and chart (C2, C4, C10, C14).
 */
final class ClaimSections {
    private ClaimSections() {
    }

    /** The sections C2, C4, C10 and C14, each a table and its charts. */
    static void section(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        handOver(doc, r, a, sink);
        selectDepth(doc, r, a, sink);
        multiQueue(doc, r, a, sink);
        designs(doc, r, a, sink);
    }

    /** C2: the region + mutex hand-over against the stream baseline, per size. */
    private static void handOver(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "C2: region + mutex hand-over vs a stream");
        String base = a.streamBaseline();
        List<List<String>> rows = new ArrayList<>();
        Map<Double, Double> h = new TreeMap<>();
        Map<Double, Double> p = new TreeMap<>();
        for (Row row : r.all("RegionHandOver", "roundTrip")) {
            int size = (int) row.intParam("size");
            double hv = row.ok() ? row.nanos("50.0") / 1e3 : Double.NaN;
            double pv = a.rtt(base, size, "50.0");
            rows.add(List.of(row.param("size"), fmt(hv), fmt(pv), row.ok() ? "ok" : row.failure()));
            h.put((double) size, hv);
            p.put((double) size, pv);
        }
        rows.sort(ReportRows.BY_FIRST_NUMBER);
        doc.table(List.of("size (B)", "region+mutex p50 (µs)", base + " p50 (µs)", "status"), rows);
        Map<String, Map<Double, Double>> s = Charts.series();
        s.put("region + mutex", h);
        s.put(base, p);
        sink.chart("c2-handover", Charts.xy("C2: region+mutex hand-over vs " + base, "payload size (bytes, log scale)",
                "round trip p50 (µs)", s, true), "C2 round trip per size");
    }

    /** C4: SysV receive by type with N messages of another type ahead. */
    private static void selectDepth(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "C4: SysV receive by type with messages ahead");
        List<List<String>> rows = new ArrayList<>();
        Map<Double, Double> c4 = new TreeMap<>();
        for (Row row : r.all("SysvSelectDepth", "sendThenSelect")) {
            double v = row.ok() ? row.nanos(null) : Double.NaN;
            rows.add(List.of(row.param("ahead"), row.ok() ? Fmt.pm(v, v * ReportRows.relErr(row)) : "-", row.ok() ? "ok" : row.failure()));
            c4.put((double) row.intParam("ahead"), v);
        }
        rows.sort(ReportRows.BY_FIRST_NUMBER);
        doc.table(List.of("messages ahead", "send + receive(tag) (ns)", "status"), rows);
        Map<String, Map<Double, Double>> s4 = Charts.series();
        s4.put("sysv send + receive(tag=1)", c4);
        sink.chart("c4-slope", Charts.xy("C4: cost of selecting by type past N messages", "messages of another type ahead",
                "time per send + receive (ns)", s4, false), "C4 slope");
    }

    /** C10: a server waiting on K queues: latency and CPU. */
    private static void multiQueue(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "C10: a server waiting on K queues");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<Double, Double>> s10 = Charts.series();
        Map<String, Map<Double, Double>> s10c = Charts.series();
        for (Row row : r.all("MultiQueueServer", "roundTrip")) {
            String m = row.param("mech");
            double v = row.ok() ? row.nanos("50.0") / 1e3 : Double.NaN;
            double cpu = row.ok() ? r.cpuPerOp(row, true) / 1e3 : Double.NaN;
            rows.add(List.of(m, row.param("queues"), fmt(v), row.ok() ? fmt(row.nanos("99.0") / 1e3) : "-", fmt(cpu),
                    row.ok() ? fmt(r.peerUtilization(row)) : "-", row.ok() ? fmt(r.peerIdleUtilization(row)) : "-",
                    row.ok() ? "ok" : row.failure()));
            s10.computeIfAbsent(m, k -> new TreeMap<>()).put((double) row.intParam("queues"), v);
            s10c.computeIfAbsent(m, k -> new TreeMap<>()).put((double) row.intParam("queues"),
                    row.ok() ? r.peerIdleUtilization(row) : Double.NaN);
        }
        doc.table(List.of("server waits with", "K queues", "round trip p50 (µs)", "p99 (µs)", "server CPU per request (µs)",
                "server busy (cores)", "idle server (cores)", "status"), rows);
        doc.p("Server CPU is read from /proc/PID/stat over the whole trial (10 ms ticks; it includes the peer JVM's "
                + "JIT work during the trial, so short --quick trials overstate it). \"Busy\" = server CPU time / wall time; \"idle server\" = the same over 0.5 s with no request at all.");
        sink.chart("c10-latency", Charts.xy("C10: round trip vs number of queues", "K (queues the server waits on)",
                "round trip p50 (µs)", s10, false), "C10 latency");
        sink.chart("c10-cpu", Charts.xy("C10: CPU of a server waiting with no request, vs number of queues",
                "K (queues the server waits on)", "idle server CPU time / wall time (cores)", s10c, false),
                "C10 idle server CPU");
    }

    /** C14: the two client/server designs. */
    private static void designs(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "C14: client/server designs");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> s14 = Charts.series();
        for (Row row : r.all("ClientServerDesigns", "request")) {
            double v = row.ok() ? row.opsPerSecond() : Double.NaN;
            long c = row.intParam("clients");
            rows.add(List.of(row.param("design"), Long.toString(c), row.ok() ? Fmt.pm(v, v * ReportRows.relErr(row)) : "-", fmt(v * c),
                    row.ok() ? "ok" : row.failure()));
            s14.computeIfAbsent(row.param("design"), k -> new LinkedHashMap<>()).put(Fmt.plural(c, "client"), v * c);
        }
        doc.table(List.of("design", "clients", "requests/s per client", "total requests/s (approx.)", "status"), rows);
        sink.chart("c14-designs", Charts.category("C14: request/response throughput of the two designs", "clients",
                "total requests/s", s14), "C14 throughput");
    }

}
