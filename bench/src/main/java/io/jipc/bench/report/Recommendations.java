package io.jipc.bench.report;

import io.jipc.api.Capabilities;
import io.jipc.api.Primitive;
import io.jipc.bench.Channels;
import io.jipc.bench.Locker;
import io.jipc.bench.Regions;
import io.jipc.bench.report.Analysis.Choice;

import java.util.ArrayList;
import java.util.List;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The recommendations drawn from one {@link Analysis}: the best channel for a pattern and size,
 * the best region, the best mutex, and the choices across hosts. Used by the report and by
 * {@code jipc choose} (through {@link Analysis}).
 */
final class Recommendations {
    private final Analysis data;

    Recommendations(Analysis data) {
        this.data = data;
    }

    /**
     * The best of several measured mechanisms: the lowest or the highest figure wins; every
     * measured one is listed, as shown, in {@link #considered}. A NaN figure (not measured) is
     * passed over.
     */
    private static final class Pick {
        private final boolean lowestWins;
        private final List<String> considered = new ArrayList<>();
        private String best;
        private double value = Double.NaN;

        Pick(boolean lowestWins) {
            this.lowestWins = lowestWins;
        }

        void offer(String mech, double v, String shown) {
            if (Double.isNaN(v)) {
                return;
            }
            considered.add(shown);
            if (best == null || (lowestWins ? v < value : v > value)) {
                best = mech;
                value = v;
            }
        }

        String considered() {
            return String.join(", ", considered);
        }
    }

    /** Whether a backend with capabilities {@code c} (null: unknown) meets the constraints. */
    private static boolean allowed(Capabilities c, boolean related, boolean crashSafe) {
        if (!related && c != null && c.needsRelatedProcesses()) {
            return false;
        }
        return !(crashSafe && c != null && c.persistence() == Capabilities.Persistence.KERNEL);
    }

    /**
     * The best channel for a pattern at a size: lowest round-trip p50 (request-reply) or highest
     * throughput (stream), among mechanisms allowed by {@code related} and {@code crashSafe}.
     */
    Choice channel(String pattern, int wanted, boolean related, boolean crashSafe, boolean jipcOnly) {
        boolean rr = pattern.equals("request-reply");
        List<Integer> sizes = rr ? data.rttSizes() : data.tputSizes();
        if (sizes.isEmpty()) {
            return new Choice(pattern, "none", "no channel results in this run");
        }
        int size = Analysis.nearest(sizes, wanted);
        Pick pick = new Pick(rr);
        for (String m : Channels.ALL) {
            if (jipcOnly && Channels.isPeer(m)) {
                continue;
            }
            if (!allowed(Analysis.caps(Channels.scheme(m), Primitive.CHANNEL), related, crashSafe)) {
                continue;
            }
            double v = rr ? data.rtt(m, size, "50.0") : data.tput(m, size);
            pick.offer(m, v, m + " " + (rr ? fmt(v) + " µs" : fmt(v) + " msg/s"));
        }
        if (pick.best == null) {
            return new Choice(pattern, "none", "no mechanism matching the constraints was measured");
        }
        String need = (rr ? "small request/response" : "one-way stream") + " at " + size + " B"
                + (related ? " (related processes allowed)" : " between unrelated processes") + (crashSafe ? ", nothing left behind by a crash" : "");
        String why = (rr ? "round trip p50 " : "throughput ") + (rr ? fmt(pick.value) + " µs" : fmt(pick.value) + " msg/s = "
                + fmt(pick.value * size / 1e6) + " MB/s") + "; measured: " + pick.considered();
        if (Analysis.SHARED_MEMORY.contains(pick.best)) {
            why += " (shared memory: the waiting side spins before it sleeps, so fast hand-overs cost CPU)";
        }
        return new Choice(need, pick.best, why);
    }

    /** The best region for bulk data. */
    Choice bulk(boolean related, boolean crashSafe) {
        Pick pick = new Pick(false);
        for (String m : Regions.ALL) {
            if (!allowed(Analysis.caps(Regions.scheme(m), Primitive.REGION), related, crashSafe)) {
                continue;
            }
            double v = data.regionGBs("RegionBandwidth", "writeWarm", m);
            pick.offer(m, v, m + " " + fmt(v) + " GB/s");
        }
        if (pick.best == null) {
            return new Choice("bulk data", "none", "no region results in this run");
        }
        return new Choice("bulk data" + (related ? "" : " between unrelated processes"), pick.best + " region",
                "warm write " + fmt(pick.value) + " GB/s; measured: " + pick.considered());
    }

    /**
     * The choice when the processes run on different hosts: the measured off-box channel
     * ({@link Channels#ACROSS_HOSTS}, over the loopback interface here), with the best one-host
     * figure beside it for what going off-box costs; a ZooKeeper lock for {@code lock}.
     */
    Choice acrossHosts(String pattern, int wanted) {
        if (pattern.equals("lock")) {
            double zk = data.mutexUncontended("zookeeper");
            Choice local = lock(false);
            return new Choice("a lock shared by processes on different hosts", "zookeeper",
                    "the only jipc mutex that reaches other hosts (Curator InterProcessMutex, one ZooKeeper session per "
                            + "handle, released session-timeout after a holder dies); "
                            + (Double.isNaN(zk) ? "not measured in this run" : "uncontended lock+unlock " + fmt(zk)
                            + " ns against a server on this host (add the network round trips between hosts)")
                            + "; on one host " + local.choice() + ": " + local.why());
        }
        if (pattern.equals("bulk")) {
            return new Choice("bulk data between hosts", "aeron-udp",
                    "no shared-memory region spans hosts: stream the data over an aeron:udp channel (messages up to "
                            + "term-length/8) and keep a local region on each side");
        }
        boolean rr = pattern.equals("request-reply");
        List<Integer> sizes = rr ? data.rttSizes() : data.tputSizes();
        if (sizes.isEmpty()) {
            return new Choice(pattern + " across hosts", "none", "no channel results in this run");
        }
        int size = Analysis.nearest(sizes, wanted);
        Pick pick = new Pick(rr);
        for (String m : Channels.ACROSS_HOSTS) {
            double v = rr ? data.rtt(m, size, "50.0") : data.tput(m, size);
            pick.offer(m, v, m + " " + (rr ? fmt(v) + " us" : fmt(v) + " msg/s"));
        }
        String need = (rr ? "small request/response" : "one-way stream") + " at " + size + " B between hosts";
        if (pick.best == null) {
            return new Choice(need, "aeron-udp", "the only jipc channel that crosses hosts; not measured in this run "
                    + "(run jipc bench with the aeron backend installed)");
        }
        Choice local = channel(pattern, wanted, false, false, true);
        String why = (rr ? "round trip p50 " + fmt(pick.value) + " us" : "throughput " + fmt(pick.value) + " msg/s")
                + " over the loopback interface (add the network's own latency between hosts); measured: "
                + pick.considered() + "; on one host " + local.choice() + " does " + local.why();
        return new Choice(need, pick.best, why);
    }

    /** The best mutex, optionally one that reports a dead owner. */
    Choice lock(boolean crashSafe) {
        Pick pick = new Pick(true);
        for (String m : Locker.ALL) {
            if (m.equals("jdk-filelock") || m.equals("zookeeper")) {
                continue; // zookeeper: the across-hosts choice (acrossHosts), never the fastest on one host
            }
            Capabilities c = Analysis.caps(Locker.scheme(m), Primitive.MUTEX);
            if (crashSafe && (c == null || !c.ownerDeathDetected())) {
                continue;
            }
            double v = data.mutexUncontended(m);
            pick.offer(m, v, m + " " + fmt(v) + " ns" + (Double.isNaN(data.mutexContended(m)) ? ""
                    : " / contended " + fmt(data.mutexContended(m)) + " ops/s, " + fmt(data.mutexContendedCpu(m)) + " µs CPU/op"));
        }
        if (pick.best == null) {
            return new Choice(crashSafe ? "mutex surviving a crashed holder" : "mutex", "none",
                    "no mutex matching the constraints was measured");
        }
        return new Choice(crashSafe ? "mutex that must survive a crashed holder" : "fastest mutex", pick.best,
                "uncontended lock+unlock " + fmt(pick.value) + " ns; measured: " + pick.considered());
    }

    /** The recommendation section: one choice per common need. */
    List<Choice> all() {
        List<Choice> l = new ArrayList<>();
        int small = data.rttSizes().isEmpty() ? 64 : data.rttSizes().get(0);
        l.add(channel("request-reply", small, false, false, true));
        Choice kernelOnly = channelKernelOnly(small);
        if (kernelOnly != null) {
            l.add(kernelOnly);
        }
        int big = data.tputSizes().isEmpty() ? 8192 : data.tputSizes().get(data.tputSizes().size() - 1);
        l.add(channel("stream", big, false, false, true));
        l.add(bulk(false, false));
        l.add(lock(false));
        l.add(lock(true));
        return l;
    }

    private Choice channelKernelOnly(int size) {
        String best = null;
        for (String m : Analysis.KERNEL) {
            if (Channels.isPeer(m)) {
                continue;
            }
            Capabilities c = Analysis.caps(Channels.scheme(m), Primitive.CHANNEL);
            if (c != null && c.needsRelatedProcesses()) {
                continue;
            }
            double v = data.rtt(m, size, "50.0");
            if (!Double.isNaN(v) && (best == null || v < data.rtt(best, size, "50.0"))) {
                best = m;
            }
        }
        return best == null ? null : new Choice("request/response at " + size + " B without a spinning core", best,
                "round trip p50 " + fmt(data.rtt(best, size, "50.0")) + " µs; waiters sleep in the kernel");
    }
}
