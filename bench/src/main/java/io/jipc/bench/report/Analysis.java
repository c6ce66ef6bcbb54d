package io.jipc.bench.report;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.Primitive;
import io.jipc.bench.Channels;
import io.jipc.spi.Backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Numbers drawn from a run's {@link Results}: per-mechanism latencies, rates, costs; the verdict on
 * each claim C1-C15 computed from them; and recommendations. Shared by the report and
 * {@code jipc choose}.
 */
public final class Analysis {
    /** Mechanisms whose hand-over is shared memory (spinning consumers). */
    static final List<String> SHARED_MEMORY = List.of("ring", "agrona");
    /** Kernel-mediated channel mechanisms. */
    static final List<String> KERNEL = List.of("sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "jdk-unix");

    final Results r;

    /** Analyses {@code r}. */
    public Analysis(Results r) {
        this.r = r;
    }

    /** The payload sizes with at least one round-trip result. */
    public List<Integer> rttSizes() {
        return sizes("ChannelRoundTrip", "roundTrip");
    }

    /** The payload sizes with at least one throughput result. */
    public List<Integer> tputSizes() {
        return sizes("ChannelThroughput", "send");
    }

    private List<Integer> sizes(String bench, String method) {
        TreeSet<Integer> s = new TreeSet<>();
        for (Row row : r.all(bench, method)) {
            if (row.ok()) {
                s.add((int) row.intParam("size"));
            }
        }
        return new ArrayList<>(s);
    }

    /** Round-trip latency percentile ("50.0", "99.0"...) in µs, NaN when absent. */
    public double rtt(String mech, int size, String pct) {
        Row row = r.find("ChannelRoundTrip", "roundTrip", "mech", mech, "size", Integer.toString(size));
        return row == null ? Double.NaN : row.nanos(pct) / 1e3;
    }

    /** One-way messages per second, NaN when absent. */
    public double tput(String mech, int size) {
        Row row = r.find("ChannelThroughput", "send", "mech", mech, "size", Integer.toString(size));
        return row == null ? Double.NaN : row.opsPerSecond();
    }

    /** Uncontended lock+unlock in ns. */
    public double mutexUncontended(String mech) {
        Row row = r.find("MutexUncontended", "lockUnlock", "mech", mech);
        return row == null ? Double.NaN : row.nanos(null);
    }

    /** Contended lock+work+unlock operations per second of the benchmark side. */
    public double mutexContended(String mech) {
        Row row = r.find("MutexContended", "lockWorkUnlock", "mech", mech);
        return row == null ? Double.NaN : row.opsPerSecond();
    }

    /** CPU (both processes) per contended operation, in µs. */
    public double mutexContendedCpu(String mech) {
        Row row = r.find("MutexContended", "lockWorkUnlock", "mech", mech);
        if (row == null) {
            return Double.NaN;
        }
        return (r.cpuPerOp(row, false) + r.cpuPerOp(row, true)) / 1e3;
    }

    /** Region bandwidth in GB/s of {@code method} (writeWarm, readWarm, writeFirstTouch) or of RegionCrossRead. */
    public double regionGBs(String bench, String method, String mech) {
        Row row = r.find(bench, method, "mech", mech);
        if (row == null) {
            return Double.NaN;
        }
        long bytes = row.intParam("block");
        return bytes / row.nanos(null);
    }

    /** RegionSync time in µs. */
    public double syncUs(String method, String mech) {
        Row row = r.find("RegionSync", method, "mech", mech);
        return row == null ? Double.NaN : row.nanos(null) / 1e3;
    }

    /** The region+mutex hand-over round trip p50 in µs. */
    public double handover(int size) {
        Row row = r.find("RegionHandOver", "roundTrip", "size", Integer.toString(size));
        return row == null ? Double.NaN : row.nanos("50.0") / 1e3;
    }

    /** The stream mechanism the C2 comparison uses (pipe, else the first stream channel measured). */
    public String streamBaseline() {
        for (String m : List.of("pipe", "fifo", "unix-stream", "jdk-unix")) {
            if (!rttSizes().isEmpty() && !Double.isNaN(rtt(m, rttSizes().get(0), "50.0"))) {
                return m;
            }
        }
        return "pipe";
    }

    /** SysvSelectDepth ns per op at {@code ahead}. */
    public double select(int ahead) {
        Row row = r.find("SysvSelectDepth", "sendThenSelect", "ahead", Integer.toString(ahead));
        return row == null ? Double.NaN : row.nanos(null);
    }

    private Row c10Row(String mech, int k) {
        return r.find("MultiQueueServer", "roundTrip", "mech", mech, "queues", Integer.toString(k));
    }

    /** C10 round trip p50 (µs). */
    public double c10(String mech, int k) {
        Row row = c10Row(mech, k);
        return row == null ? Double.NaN : row.nanos("50.0") / 1e3;
    }

    /** C10 server CPU per request (µs). */
    public double c10Cpu(String mech, int k) {
        Row row = c10Row(mech, k);
        return row == null ? Double.NaN : r.cpuPerOp(row, true) / 1e3;
    }

    /** C14 requests/s of one client (total ~ x clients). */
    public double c14(String design, int clients) {
        Row row = r.find("ClientServerDesigns", "request", "design", design, "clients", Integer.toString(clients));
        return row == null ? Double.NaN : row.opsPerSecond();
    }

    /** C10 server CPU utilisation over the trial (cores). */
    public double c10Util(String mech, int k) {
        Row row = c10Row(mech, k);
        return row == null ? Double.NaN : r.peerUtilization(row);
    }

    /** C10 server CPU while idle (cores). */
    public double c10Idle(String mech, int k) {
        Row row = c10Row(mech, k);
        return row == null ? Double.NaN : r.peerIdleUtilization(row);
    }

    /** Capabilities of a scheme's primitive, or null when the backend is not installed. */
    public static Capabilities caps(String scheme, Primitive p) {
        if (scheme == null) {
            return null;
        }
        Backend b = Ipc.backend(scheme);
        if (b == null || !b.primitives().contains(p)) {
            return null;
        }
        try {
            return b.capabilities(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ claims

    /** One claim's line: id, the claim in short, the figures, the verdict. */
    public record Claim(String id, String claim, String figures, String verdict) {
    }

    /** Every claim C1-C15 with figures and a verdict computed from the data ({@link Claims}). */
    public List<Claim> claims() {
        return new Claims(this).all();
    }

    // ------------------------------------------------------------------ recommendations

    /** A recommendation: the need, the choice, the numbers behind it. */
    public record Choice(String need, String choice, String why) {
    }

    /**
     * The best channel for a pattern at a size: lowest round-trip p50 (request-reply) or highest
     * throughput (stream), among mechanisms allowed by {@code related} and {@code crashSafe}.
     */
    public Choice channel(String pattern, int wanted, boolean related, boolean crashSafe, boolean jipcOnly) {
        return new Recommendations(this).channel(pattern, wanted, related, crashSafe, jipcOnly);
    }

    /** The best region for bulk data. */
    public Choice bulk(boolean related, boolean crashSafe) {
        return new Recommendations(this).bulk(related, crashSafe);
    }

    /**
     * The choice when the processes run on different hosts: the measured off-box channel
     * ({@link Channels#ACROSS_HOSTS}, over the loopback interface here), with the best one-host
     * figure beside it for what going off-box costs; a ZooKeeper lock for {@code lock}.
     */
    public Choice acrossHosts(String pattern, int wanted) {
        return new Recommendations(this).acrossHosts(pattern, wanted);
    }

    /** The best mutex, optionally one that reports a dead owner. */
    public Choice lock(boolean crashSafe) {
        return new Recommendations(this).lock(crashSafe);
    }

    /** The recommendation section: one choice per common need. */
    public List<Choice> recommendations() {
        return new Recommendations(this).all();
    }

    static int nearest(List<Integer> sizes, int wanted) {
        int best = sizes.get(0);
        for (int s : sizes) {
            if (Math.abs(Math.log(s) - Math.log(Math.max(1, wanted))) < Math.abs(Math.log(best) - Math.log(Math.max(1, wanted)))) {
                best = s;
            }
        }
        return best;
    }

    /** The report's number format ({@link Fmt#num}): three significant digits, k/M/G suffixes, "-" for NaN. */
    public static String fmt(double v) {
        return Fmt.num(v);
    }

    /** Capability maps of every installed backend, grouped by primitive. */
    public static Map<Primitive, List<Map<String, String>>> capabilityMatrix() {
        Map<Primitive, List<Map<String, String>>> m = new LinkedHashMap<>();
        for (Primitive p : Primitive.values()) {
            m.put(p, new ArrayList<>());
        }
        for (Backend b : Ipc.backends()) {
            for (Primitive p : b.primitives()) {
                try {
                    m.get(p).add(b.capabilities(p).asMap());
                } catch (RuntimeException e) {
                    Map<String, String> err = new LinkedHashMap<>();
                    err.put("scheme", b.scheme());
                    err.put("error", e.toString());
                    m.get(p).add(err);
                }
            }
        }
        return m;
    }
}
