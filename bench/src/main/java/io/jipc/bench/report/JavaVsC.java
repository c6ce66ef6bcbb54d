package io.jipc.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's "Java / C ratios": each jipc operation against its C twin from {@code bench/src/main/c}
 * (run by {@code CReference} in the same run), always the same statistic on both sides — a round
 * trip's JMH {@code SampleTime} p50 against the C program's median of individually timed round
 * trips; a lock+unlock's or a block copy's JMH {@code AverageTime} mean against the C loop's mean —
 * and the chart of the ratios.
 */
final class JavaVsC {
    /** Round-trip sizes compared (those the C programs run). */
    static final int[] SIZES = {64, 1024, 4096, 8192, 65536};
    /** Channel mechanism → C program result (median {@code .p50} beside it). */
    static final Map<String, String> CHANNEL_TWINS = new LinkedHashMap<>();
    /** Mutex mechanism → C loop result (mean). */
    static final Map<String, String> MUTEX_TWINS = new LinkedHashMap<>();

    static {
        CHANNEL_TWINS.put("sysv", "c.sysv.rtt");
        CHANNEL_TWINS.put("posix", "c.posixmq.rtt");
        CHANNEL_TWINS.put("pipe", "c.pipe.rtt");
        CHANNEL_TWINS.put("fifo", "c.fifo.rtt");
        CHANNEL_TWINS.put("unix-stream", "c.unix-stream.rtt");
        CHANNEL_TWINS.put("unix-seqpacket", "c.unix-seqpacket.rtt");
        CHANNEL_TWINS.put("ring", "c.shm.rtt");
        CHANNEL_TWINS.put("agrona", "c.shm.rtt");
        MUTEX_TWINS.put("sysv", "c.sysv.sem");
        MUTEX_TWINS.put("posix", "c.posix.sem");
        MUTEX_TWINS.put("fcntl", "c.fcntl.lock");
        MUTEX_TWINS.put("ofd", "c.ofd.lock");
        MUTEX_TWINS.put("flock", "c.flock.lock");
        MUTEX_TWINS.put("robust", "c.robust.lock");
    }

    static final String MEDIAN = "p50 / median";
    static final String MEAN = "mean / mean";

    /** One comparison: Java and C in ns per operation, with the statistic both sides use. */
    record Pair(String operation, String javaRow, String cProgram, long size, String statistic, double javaNs, double cNs) {
        double ratio() {
            return javaNs / cNs;
        }

        String label() {
            return operation + (size > 0 ? ", " + bytes(size) : "");
        }
    }

    private JavaVsC() {
    }

    /** 64 B, 8 KiB, 16 MiB. */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n >= 1024 && n % 1024 == 0 ? (n >> 10) + " KiB" : n + " B";
    }

    /** Every pair with a figure on both sides; {@code missing} (may be null) gets each twin without one, with why. */
    static List<Pair> pairs(Results r, Analysis a, List<String> missing) {
        List<Pair> l = new ArrayList<>();
        for (Map.Entry<String, String> t : CHANNEL_TWINS.entrySet()) {
            String m = t.getKey();
            boolean any = false;
            for (int size : SIZES) {
                double j = a.rtt(m, size, "50.0") * 1e3;
                double c = r.c(t.getValue() + ".p50", size);
                if (!Double.isNaN(j) && !Double.isNaN(c) && c > 0) {
                    l.add(new Pair(m + " round trip" + (m.equals("agrona") ? " (peer)" : ""),
                            "ChannelRoundTrip mech=" + m, t.getValue(), size, MEDIAN, j, c));
                    any = true;
                }
            }
            if (!any && missing != null) {
                missing.add(m + " round trip (" + t.getValue() + "): " + why(r, a.rttSizes().stream()
                        .anyMatch(s -> !Double.isNaN(a.rtt(m, s, "50.0"))), t.getValue() + ".p50"));
            }
        }
        for (Map.Entry<String, String> t : MUTEX_TWINS.entrySet()) {
            String m = t.getKey();
            double j = a.mutexUncontended(m);
            double c = r.c(t.getValue(), 0);
            if (!Double.isNaN(j) && !Double.isNaN(c) && c > 0) {
                l.add(new Pair(m + " lock+unlock", "MutexUncontended mech=" + m, t.getValue(), 0, MEAN, j, c));
            } else if (missing != null) {
                missing.add(m + " lock+unlock (" + t.getValue() + "): " + why(r, !Double.isNaN(j), t.getValue()));
            }
        }
        boolean memcpy = false;
        for (Row row : r.all("RegionBandwidth", "writeWarm")) {
            double c = row.ok() ? r.c("c.memcpy", row.intParam("block")) * 1e3 : Double.NaN;
            if (!Double.isNaN(c) && c > 0) {
                l.add(new Pair(row.param("mech") + " region write vs memcpy", "RegionBandwidth.writeWarm mech="
                        + row.param("mech"), "c.memcpy", row.intParam("block"), MEAN, row.nanos(null), c));
                memcpy = true;
            }
        }
        if (!memcpy && missing != null) {
            missing.add("region write vs memcpy (c.memcpy): " + why(r, r.find("RegionBandwidth", "writeWarm") != null, "c.memcpy"));
        }
        return l;
    }

    private static String why(Results r, boolean javaRan, String cName) {
        boolean cRan = r.c.keySet().stream().anyMatch(k -> k.startsWith(cName + "|"));
        if (!javaRan && !cRan) {
            return "neither side ran in this run";
        }
        if (!javaRan) {
            return "the Java benchmark did not run";
        }
        return cRan ? "no size in common" : "the C program gave no " + cName + " (older run, or it did not run)";
    }

    /** The section: the table, what has no pair, the chart. */
    static void section(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "Java / C ratios");
        for (String s : r.cSkipped) {
            doc.p("C reference: " + s);
        }
        List<String> missing = new ArrayList<>();
        List<Pair> pairs = pairs(r, a, missing);
        if (pairs.isEmpty()) {
            doc.p("No pair of Java and C results to compare in this run.");
        } else {
            doc.p("Each row puts one jipc operation beside its C twin (the programs in `bench/src/main/c`, compiled "
                    + "and run by this run) and compares the same statistic on both sides: a round trip's JMH p50 with the "
                    + "C program's median of individually timed round trips (" + MEDIAN + "); a lock+unlock or a block copy "
                    + "as JMH's mean time per operation with the C loop's mean (" + MEAN + "). The shared-memory channels "
                    + "(ring, and the Agrona peer) are compared with the C spin ping-pong. Java / C = 1 is C speed.");
            List<List<String>> rows = new ArrayList<>();
            for (Pair p : pairs) {
                rows.add(List.of(p.operation(), p.size() > 0 ? Long.toString(p.size()) : "-", p.statistic(), fmt(p.javaNs()),
                        fmt(p.cNs()), fmt(p.ratio()) + "×", "`" + p.javaRow() + "` / `" + p.cProgram() + "`"));
            }
            doc.table(List.of("operation", "size (B)", "statistic (Java / C)", "Java (ns)", "C (ns)", "Java / C",
                    "rows compared"), rows);
        }
        if (!missing.isEmpty()) {
            doc.p("Mechanisms with a C twin but no ratio in this run:");
            doc.bullets(missing);
        }
        sink.chart("java-vs-c", chart(pairs), "Java / C time ratio per operation (1 = C speed; log axis when the "
                + "ratios span more than a decade)");
    }

    /** The Java vs C chart: one dot (or bar) per pair, the ratio of the times. */
    static byte[] chart(List<Pair> pairs) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (Pair p : pairs) {
            v.put(p.label(), p.ratio());
        }
        Map<String, Map<String, Double>> s = Charts.series();
        s.put("Java / C", v);
        return Charts.category("Java vs C: time per operation, Java / C (1 = C speed)", "operation (size)",
                "Java time / C time (×)", s);
    }
}
