package io.jipc.bench.report;

import io.jipc.api.Primitive;
import io.jipc.bench.Channels;
import io.jipc.bench.checks.CheckResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * Sections of the report that stand on their own: the one-picture summary, the machine, the
 * capability matrix (one column per backend, so it fits the page), the live checks, the peers
 * and the benchmarks that did not run.
 */
final class ReportSections {
    /** Where a section puts a chart (the report keeps the PNG and links it). */
    interface ChartSink {
        void chart(String name, byte[] png, String caption);
    }

    private ReportSections() {
    }

    /** Round trip p50 against one-way rate, one labelled point per channel. */
    static void summary(Doc doc, Analysis a, ChartSink sink) {
        doc.h(2, "Summary: round trip against throughput");
        if (a.rttSizes().isEmpty() || a.tputSizes().isEmpty()) {
            doc.p("This run has no channel with both a round trip and a throughput: no summary chart.");
            return;
        }
        int s = a.rttSizes().get(0);
        int t = a.tputSizes().get(0);
        Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
        groups.put("kernel-mediated (waiters sleep)", new LinkedHashMap<>());
        groups.put("shared memory (waiters spin first)", new LinkedHashMap<>());
        for (String m : Channels.ALL) {
            double x = a.tput(m, t);
            double y = a.rtt(m, s, "50.0");
            if (Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            String label = m + (Channels.isPeer(m) ? " (peer)" : "");
            groups.get(Analysis.SHARED_MEMORY.contains(m) ? "shared memory (waiters spin first)"
                    : "kernel-mediated (waiters sleep)").put(label, new double[] {x, y});
        }
        doc.p("One point per channel: further right streams more messages per second one way (" + t + " B), lower "
                + "answers a request sooner (round trip p50, " + s + " B). The best place is the bottom right. Shared-memory "
                + "channels buy their speed with a core that spins while it waits (see CPU/op in the tables below).");
        sink.chart("summary", ScatterChart.draw("Channels: round trip vs one-way throughput",
                "one-way throughput, " + t + " B (messages/s)", "round trip p50, " + s + " B (µs)", groups),
                "round-trip p50 against one-way throughput, one point per channel");
    }

    /** The capability matrix: one table per primitive, a column per backend, notes below. */
    static void capabilities(Doc doc) {
        doc.h(2, "Capability matrix");
        doc.p("What each backend says about itself (`Capabilities`), one column per backend; the notes follow each table.");
        for (Map.Entry<Primitive, List<Map<String, String>>> e : Analysis.capabilityMatrix().entrySet()) {
            String name = e.getKey().name().toLowerCase(Locale.ROOT);
            String title = Fmt.plural(name);
            if (e.getValue().isEmpty()) {
                doc.p(title + ": no backend installed.");
                continue;
            }
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            e.getValue().forEach(x -> keys.addAll(x.keySet()));
            keys.remove("scheme");
            keys.remove("primitive");
            keys.remove("notes");
            List<String> head = new ArrayList<>(List.of(name));
            for (Map<String, String> x : e.getValue()) {
                head.add("`" + x.getOrDefault("scheme", "?") + "`");
            }
            List<List<String>> rows = new ArrayList<>();
            for (String k : keys) {
                List<String> row = new ArrayList<>(List.of(k));
                for (Map<String, String> x : e.getValue()) {
                    row.add(micro(x.getOrDefault(k, "")));
                }
                rows.add(row);
            }
            doc.h(3, Character.toUpperCase(title.charAt(0)) + title.substring(1));
            doc.table(head, rows);
            List<String> notes = new ArrayList<>();
            for (Map<String, String> x : e.getValue()) {
                String n = x.get("notes");
                if (n != null && !n.isBlank()) {
                    notes.add("`" + x.getOrDefault("scheme", "?") + "`: " + micro(n));
                }
            }
            if (!notes.isEmpty()) {
                doc.bullets(notes);
            }
        }
    }

    /** Backends write microseconds as "us" in their notes; the report writes µs. */
    static String micro(String s) {
        return s.replaceAll("([0-9]) us\\b", "$1 µs");
    }

    /** The live checks of the semantic claims, with what each saw. */
    static void liveChecks(Doc doc, List<CheckResult> checks) {
        doc.h(2, "Live checks of the semantic claims");
        if (checks == null) {
            doc.p("This results directory has no `checks.tsv` (a run made before the live checks existed): C5, C8, C9, "
                    + "C12 and C15 are " + LiveVerdicts.NOT_CHECKED + ".");
            return;
        }
        long ms = checks.stream().mapToLong(c -> Math.max(0, c.millis())).sum();
        doc.p("`jipc bench` ran these on this machine before the benchmarks (" + Fmt.num(ms / 1e3) + " s in all), "
                + "with real kernel objects and, where the claim is about processes, a child JVM; each removed what it "
                + "created. The claims above take their verdicts from them.");
        List<List<String>> rows = new ArrayList<>();
        for (CheckResult c : checks) {
            rows.add(List.of("`" + c.name() + "`", String.join(", ", c.claims()), "**" + LiveVerdicts.outcome(c) + "**",
                    c.millis() < 0 ? "-" : Fmt.num(c.millis()), c.observed()));
        }
        doc.table(List.of("check", "claim", "outcome", "time (ms)", "what it saw"), rows);
    }

    /** The machine the run was measured on, and the IPC limits in force. */
    static void machine(Doc doc, Results r) {
        doc.h(2, "Machine");
        Map<String, String> m = r.machine.isEmpty() ? Machine.collect("unknown (collected at report time)") : r.machine;
        List<List<String>> facts = new ArrayList<>();
        List<List<String>> limits = new ArrayList<>();
        m.forEach((k, v) -> {
            if (k.startsWith(Machine.LIMIT)) {
                limits.add(List.of(k.substring(Machine.LIMIT.length()), v));
            } else {
                facts.add(List.of(k, v));
            }
        });
        doc.table(List.of("fact", "value"), facts);
        doc.p("IPC limits in force (as `jipc limits` prints them; the suite never raises them):");
        doc.table(List.of("limit", "value (source)"), limits);
    }

    /** jipc beside what a Java engineer would use instead. */
    static void peers(Doc doc, Analysis a) {
        doc.h(2, "Peers: what a Java engineer would use instead");
        List<List<String>> rows = new ArrayList<>();
        for (int size : a.rttSizes()) {
            rows.add(List.of("ring vs Agrona OneToOneRingBuffer (round trip p50, " + size + " B)",
                    fmt(a.rtt("ring", size, "50.0")) + " µs", fmt(a.rtt("agrona", size, "50.0")) + " µs"));
            rows.add(List.of("unix-stream vs JDK UnixDomain SocketChannel (round trip p50, " + size + " B)",
                    fmt(a.rtt("unix-stream", size, "50.0")) + " µs", fmt(a.rtt("jdk-unix", size, "50.0")) + " µs"));
        }
        rows.add(List.of("fcntl vs JDK FileChannel.lock (uncontended)", fmt(a.mutexUncontended("fcntl")) + " ns",
                fmt(a.mutexUncontended("jdk-filelock")) + " ns"));
        rows.add(List.of("fcntl vs JDK FileChannel.lock (contended ops/s)", fmt(a.mutexContended("fcntl")),
                fmt(a.mutexContended("jdk-filelock"))));
        doc.table(List.of("comparison", "jipc", "peer"), rows);
    }

    /** Every benchmark that did not run, with its reason. */
    static void failures(Doc doc, Results r) {
        doc.h(2, "Benchmarks that did not run");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.rows) {
            if (row.failure() != null) {
                rows.add(List.of(row.benchmark() + "." + row.method(), row.paramsKey(), row.failure()));
            }
        }
        if (rows.isEmpty()) {
            doc.p("None: every planned benchmark produced a result.");
        } else {
            doc.table(List.of("benchmark", "parameters", "failed/skipped: reason"), rows);
        }
    }
}
