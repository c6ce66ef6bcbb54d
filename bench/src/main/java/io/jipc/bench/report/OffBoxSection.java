package io.jipc.bench.report;

import io.jipc.bench.Channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Going off-box: what it costs" section: the run's own {@code aeron-udp} and
 * {@code aeron-ipc} rows set against the one-host channels (round trip and one-way throughput)
 * and the {@code zookeeper} lock against the local mutexes ({@code fcntl} and the fastest), as
 * ratios, with what that means for choosing. Parts whose rows the run lacks say "not measured".
 */
final class OffBoxSection {
    /** The section's title. */
    static final String TITLE = "Going off-box: what it costs";
    /** The local mutex named beside zookeeper (the classic file lock a user would otherwise take). */
    static final String LOCAL_LOCK = "fcntl";

    private OffBoxSection() {
    }

    /** Appends the section to {@code doc}. */
    static void append(Doc doc, Analysis a) {
        doc.h(2, TITLE);
        paragraphs(a).forEach(doc::p);
    }

    /** The section's text, computed from {@code a}'s rows: caveat, channels, lock, what it means. */
    static List<String> paragraphs(Analysis a) {
        List<String> parts = new ArrayList<>();
        String channels = channels(a);
        String lock = lock(a);
        if (channels == null && lock == null) {
            return List.of("Not measured in this run: it has no aeron-udp, aeron-ipc or zookeeper rows (they need the jipc-aeron "
                    + "and jipc-zookeeper modules on the benchmark's class path and are not excluded by --only/--skip). "
                    + "With them, this section sets the cost of crossing hosts against the one-host channels and mutexes.");
        }
        parts.add("Every figure here is measured on this one machine: aeron-udp goes through the loopback interface "
                + "and zookeeper talks to a server in the benchmark JVM, so they are a floor: between real hosts, add the "
                + "network's own round trip to every aeron-udp round trip and several to every ZooKeeper lock (each "
                + "acquisition is a few writes a quorum must agree on).");
        parts.add(channels != null ? channels : "Channels off-box: not measured in this run"
                + reason(a, "ChannelRoundTrip", "aeron-udp") + ".");
        parts.add(lock != null ? lock : "Locks off-box: zookeeper not measured in this run"
                + reason(a, "MutexUncontended", "zookeeper") + ".");
        parts.add("What this means for choosing: keep processes that exchange a message per request, or take a lock per "
                + "operation, on one host (the recommendations below); cross hosts only when the processes must live "
                + "apart. The code stays the same there (only the URI changes), but the budget does not: use aeron-udp "
                + "for streams and batched or pipelined requests rather than one waited-for reply at a time, and a "
                + "zookeeper lock for coarse ownership held for seconds (a leader, a job, a shard), never per message.");
        return parts;
    }

    /** The channel sentences, or null when neither aeron row was measured. */
    private static String channels(Analysis a) {
        List<String> out = new ArrayList<>();
        if (!a.rttSizes().isEmpty()) {
            int s = Analysis.nearest(a.rttSizes(), 64);
            String kernel = best(a, Analysis.KERNEL, m -> a.rtt(m, s, "50.0"), true);
            String local = best(a, localChannels(), m -> a.rtt(m, s, "50.0"), true);
            double udp = a.rtt("aeron-udp", s, "50.0");
            double ipc = a.rtt("aeron-ipc", s, "50.0");
            if (!Double.isNaN(udp)) {
                out.add("aeron-udp's round trip (p50, " + s + " B) is " + Analysis.fmt(udp) + " µs: "
                        + against(udp, kernel, local, m -> a.rtt(m, s, "50.0"), " µs") + ".");
            }
            if (!Double.isNaN(ipc)) {
                out.add("aeron-ipc (the same Aeron streams through shared memory on one host) takes " + Analysis.fmt(ipc)
                        + " µs: " + against(ipc, kernel, local, m -> a.rtt(m, s, "50.0"), " µs")
                        + (Double.isNaN(udp) ? "." : "; the gap to aeron-udp (" + Analysis.fmt(udp - ipc)
                        + " µs) is what the network path costs even on one machine (sockets, loopback, the driver's "
                        + "sender and receiver), not Aeron itself."));
            }
        }
        if (!a.tputSizes().isEmpty()) {
            int t = Analysis.nearest(a.tputSizes(), 64);
            String kernel = best(a, Analysis.KERNEL, m -> a.tput(m, t), false);
            String local = best(a, localChannels(), m -> a.tput(m, t), false);
            for (String m : List.of("aeron-udp", "aeron-ipc")) {
                double v = a.tput(m, t);
                if (!Double.isNaN(v)) {
                    out.add("One way at " + t + " B " + m + " moves " + Analysis.fmt(v) + " msg/s: "
                            + against(v, kernel, local, x -> a.tput(x, t), " msg/s") + ".");
                }
            }
        }
        return out.isEmpty() ? null : String.join(" ", out);
    }

    /** The zookeeper sentence, or null when it was not measured. */
    private static String lock(Analysis a) {
        double zk = a.mutexUncontended("zookeeper");
        if (Double.isNaN(zk)) {
            return null;
        }
        StringBuilder sb = new StringBuilder("zookeeper's uncontended lock+unlock takes " + time(zk));
        List<String> vs = new ArrayList<>();
        double fcntl = a.mutexUncontended(LOCAL_LOCK);
        if (!Double.isNaN(fcntl)) {
            vs.add(ratio(zk / fcntl) + " " + LOCAL_LOCK + "'s " + time(fcntl));
        }
        String fastest = a.lock(false).choice();
        double f = a.mutexUncontended(fastest);
        if (!Double.isNaN(f) && !fastest.equals(LOCAL_LOCK)) {
            vs.add(ratio(zk / f) + " " + fastest + "'s " + time(f) + " (the fastest mutex on one host)");
        }
        if (!vs.isEmpty()) {
            sb.append(": ").append(String.join(" and ", vs));
        }
        double zc = a.mutexContended("zookeeper");
        double fc = a.mutexContended(LOCAL_LOCK);
        if (!Double.isNaN(zc)) {
            sb.append("; contended, it hands the lock over ").append(Analysis.fmt(zc)).append(" times a second")
                    .append(Double.isNaN(fc) ? "" : " against " + LOCAL_LOCK + "'s " + Analysis.fmt(fc));
        }
        return sb.append('.').toString();
    }

    private static List<String> localChannels() {
        List<String> l = new ArrayList<>();
        for (String m : Channels.ALL) {
            if (!m.startsWith("aeron-") && !Channels.isPeer(m)) {
                l.add(m);
            }
        }
        return l;
    }

    /** The measured mechanism of {@code among} with the lowest (or highest) value, or null. */
    private static String best(Analysis a, List<String> among, java.util.function.ToDoubleFunction<String> v, boolean lowest) {
        String best = null;
        for (String m : among) {
            double x = v.applyAsDouble(m);
            if (Channels.isPeer(m) || Double.isNaN(x)) {
                continue;
            }
            if (best == null || (lowest ? x < v.applyAsDouble(best) : x > v.applyAsDouble(best))) {
                best = m;
            }
        }
        return best;
    }

    /** "N× sysv's 9.12 µs (the fastest kernel channel) and M× ring's 0.300 µs (the fastest on one host)". */
    private static String against(double x, String kernel, String local, java.util.function.ToDoubleFunction<String> v, String unit) {
        List<String> vs = new ArrayList<>();
        if (kernel != null) {
            vs.add(ratio(x / v.applyAsDouble(kernel)) + " " + kernel + "'s " + Analysis.fmt(v.applyAsDouble(kernel)) + unit
                    + " (the fastest kernel channel)");
        }
        if (local != null && !local.equals(kernel)) {
            vs.add(ratio(x / v.applyAsDouble(local)) + " " + local + "'s " + Analysis.fmt(v.applyAsDouble(local)) + unit
                    + " (the fastest channel on one host)");
        }
        return vs.isEmpty() ? "no one-host channel was measured beside it" : String.join(" and ", vs);
    }

    /** A ratio with three significant digits, whole numbers from 100 up ({@code 8.91×}, {@code 3300×}). */
    static String ratio(double r) {
        return (r >= 99.5 ? String.format(Locale.ROOT, "%.0f", r) : Analysis.fmt(r)) + "×";
    }

    /** Nanoseconds as ns, µs or ms with three significant digits. */
    static String time(double ns) {
        if (ns >= 999_500) {
            return Analysis.fmt(ns / 1e6) + " ms";
        }
        return ns >= 999.5 ? Analysis.fmt(ns / 1e3) + " µs" : Analysis.fmt(ns) + " ns";
    }

    /** " (why it did not run)" when the run recorded a failure for {@code mech}, else "". */
    private static String reason(Analysis a, String bench, String mech) {
        Row f = ReportRows.failure(a.r, bench, "mech", mech);
        return f == null ? "" : " (" + mech + ": " + ReportRows.shorten(f.failure(), 120) + ")";
    }
}
