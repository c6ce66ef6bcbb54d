package io.jipc.bench.report;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.Primitive;
import io.jipc.bench.Channels;
import io.jipc.bench.Locker;
import io.jipc.bench.Regions;
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
        TreeSet<Integer> s = new TreeSet<>();
        for (Row row : r.all("ChannelRoundTrip", "roundTrip")) {
            if (row.ok()) {
                s.add((int) row.intParam("size"));
            }
        }
        return new ArrayList<>(s);
    }

    /** The payload sizes with at least one throughput result. */
    public List<Integer> tputSizes() {
        TreeSet<Integer> s = new TreeSet<>();
        for (Row row : r.all("ChannelThroughput", "send")) {
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

    /** C10 round trip p50 (µs). */
    public double c10(String mech, int k) {
        Row row = r.find("MultiQueueServer", "roundTrip", "mech", mech, "queues", Integer.toString(k));
        return row == null ? Double.NaN : row.nanos("50.0") / 1e3;
    }

    /** C10 server CPU per request (µs). */
    public double c10Cpu(String mech, int k) {
        Row row = r.find("MultiQueueServer", "roundTrip", "mech", mech, "queues", Integer.toString(k));
        return row == null ? Double.NaN : r.cpuPerOp(row, true) / 1e3;
    }

    /** C14 requests/s of one client (total ~ x clients). */
    public double c14(String design, int clients) {
        Row row = r.find("ClientServerDesigns", "request", "design", design, "clients", Integer.toString(clients));
        return row == null ? Double.NaN : row.opsPerSecond();
    }

    /** C10 server CPU utilisation over the trial (cores). */
    public double c10Util(String mech, int k) {
        Row row = r.find("MultiQueueServer", "roundTrip", "mech", mech, "queues", Integer.toString(k));
        return row == null ? Double.NaN : r.peerUtilization(row);
    }

    /** C10 server CPU while idle (cores). */
    public double c10Idle(String mech, int k) {
        Row row = r.find("MultiQueueServer", "roundTrip", "mech", mech, "queues", Integer.toString(k));
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

    /** Every claim C1-C15 with figures and a verdict computed from the data. */
    public List<Claim> claims() {
        List<io.jipc.bench.checks.CheckResult> checks = r.checks;
        List<Claim> l = new ArrayList<>();
        l.add(c1());
        l.add(c2());
        l.add(c3());
        l.add(c4());
        l.add(LiveVerdicts.claim("C5", "POSIX queues deliver highest priority first; SysV msgtyp<0 is a priority queue, >0 selects", checks));
        l.add(c6());
        l.add(c7());
        l.add(LiveVerdicts.claim("C8", "SysV semaphores: create+init race; a dead holder keeps it unless SEM_UNDO", checks));
        l.add(LiveVerdicts.claim("C9", "SysV objects persist, leak, can be removed in use (EIDRM), keys collide", checks));
        l.add(c10());
        l.add(c11());
        l.add(LiveVerdicts.claim("C12", "POSIX objects are named like files: permissions, unlink while open", checks));
        l.add(c13());
        l.add(c14());
        l.add(c15(checks));
        return l;
    }

    private Claim c1() {
        StringBuilder f = new StringBuilder();
        int wins = 0;
        int losses = 0;
        for (int size : rttSizes()) {
            String shm = best(SHARED_MEMORY, size);
            String ker = best(KERNEL, size);
            if (shm == null || ker == null) {
                continue;
            }
            double a = rtt(shm, size, "50.0");
            double b = rtt(ker, size, "50.0");
            f.append(size).append(" B: ").append(shm).append(' ').append(fmt(a)).append(" µs vs ").append(ker)
                    .append(' ').append(fmt(b)).append(" µs; ");
            if (a < b) {
                wins++;
            } else {
                losses++;
            }
        }
        if (wins + losses == 0) {
            return new Claim("C1", "Shared memory is the fastest way to communicate", "no shared-memory and kernel "
                    + "round trips to compare in this run", "depends (not measured)");
        }
        return new Claim("C1", "Shared memory is the fastest way to communicate", "round trip p50, best shared-memory vs "
                + "best kernel channel: " + f, losses == 0 ? "confirmed" : wins == 0 ? "refuted" : "depends");
    }

    /** The mechanism of {@code among} with the lowest p50 round trip at {@code size}. */
    String best(List<String> among, int size) {
        String best = null;
        for (String m : among) {
            double v = rtt(m, size, "50.0");
            if (!Double.isNaN(v) && (best == null || v < rtt(best, size, "50.0"))) {
                best = m;
            }
        }
        return best;
    }

    private Claim c2() {
        String base = streamBaseline();
        StringBuilder f = new StringBuilder();
        List<Integer> shmWins = new ArrayList<>();
        List<Integer> pipeWins = new ArrayList<>();
        for (int size : rttSizes()) {
            double h = handover(size);
            double p = rtt(base, size, "50.0");
            if (Double.isNaN(h) || Double.isNaN(p)) {
                continue;
            }
            f.append(size).append(" B: region+mutex ").append(fmt(h)).append(" µs vs ").append(base).append(' ')
                    .append(fmt(p)).append(" µs; ");
            (h < p ? shmWins : pipeWins).add(size);
        }
        String claim = "Shared memory needs synchronization; for sequential traffic pipes are preferable";
        if (shmWins.isEmpty() && pipeWins.isEmpty()) {
            return new Claim("C2", claim, "region hand-over or " + base + " round trip missing", "depends (not measured)");
        }
        String v = shmWins.isEmpty() ? "confirmed" : pipeWins.isEmpty() ? "refuted"
                : "depends (region+mutex faster at " + shmWins + " B, " + base + " faster at " + pipeWins + " B)";
        return new Claim("C2", claim, f.toString(), v);
    }

    private Claim c3() {
        if (rttSizes().isEmpty()) {
            return new Claim("C3", "Pipes/socketpairs do what queues do without SysV's complications", "no round trips",
                    "depends (not measured)");
        }
        int size = rttSizes().get(0);
        double sysv = rtt("sysv", size, "50.0");
        double posix = rtt("posix", size, "50.0");
        String stream = best(List.of("pipe", "fifo", "unix-stream", "unix-seqpacket"), size);
        double s = stream == null ? Double.NaN : rtt(stream, size, "50.0");
        double q = Double.isNaN(sysv) ? posix : Double.isNaN(posix) ? sysv : Math.min(sysv, posix);
        String f = size + " B round trip p50: sysv " + fmt(sysv) + " µs, posix " + fmt(posix) + " µs, best stream ("
                + stream + ") " + fmt(s) + " µs";
        String v;
        if (Double.isNaN(q) || Double.isNaN(s)) {
            v = "depends (not all measured)";
        } else if (s <= q * 1.25) {
            v = "confirmed (streams as fast; queues add only boundaries and tags)";
        } else {
            v = "refuted (queues " + fmt(s / q) + "× faster here)";
        }
        return new Claim("C3", "Pipes/socketpairs do what queues do without SysV's complications", f, v);
    }

    private Claim c4() {
        double s0 = select(0);
        double s1000 = select(1000);
        String claim = "A SysV queue is a linked list: selecting by type walks past the messages ahead";
        if (Double.isNaN(s0) || Double.isNaN(s1000)) {
            return new Claim("C4", claim, "receive(tag) with messages ahead not measured", "depends (not measured)");
        }
        double slope = (s1000 - s0) / 1000;
        String f = "send+receive(tag): 0 ahead " + fmt(s0) + " ns, 10 " + fmt(select(10)) + " ns, 100 " + fmt(select(100))
                + " ns, 1000 " + fmt(s1000) + " ns; slope " + fmt(slope) + " ns per message ahead";
        return new Claim("C4", claim, f, s1000 > s0 * 1.5 && slope > 0 ? "confirmed" : "refuted");
    }

    private Claim c6() {
        double fcntl = mutexUncontended("fcntl");
        double sysv = mutexUncontended("sysv");
        double posix = mutexUncontended("posix");
        double sem = Double.isNaN(sysv) ? posix : Double.isNaN(posix) ? sysv : Math.min(sysv, posix);
        String claim = "An fcntl write lock is a good mutex, slightly slower than semaphores";
        String f = "uncontended lock+unlock: fcntl " + fmt(fcntl) + " ns, sysv sem " + fmt(sysv) + " ns, posix sem "
                + fmt(posix) + " ns; contended CPU/op: fcntl " + fmt(mutexContendedCpu("fcntl")) + " µs";
        if (Double.isNaN(fcntl) || Double.isNaN(sem)) {
            return new Claim("C6", claim, f, "depends (not all measured)");
        }
        double ratio = fcntl / sem;
        String v = ratio < 1 ? "refuted (fcntl faster, " + fmt(ratio) + "×)"
                : ratio <= 3 ? "confirmed (" + fmt(ratio) + "× the best semaphore)"
                : "depends (fcntl " + fmt(ratio) + "× slower: more than slightly)";
        return new Claim("C6", claim, f, v);
    }

    private Claim c7() {
        String claim = "Lock files are atomic but waiters poll, very inefficiently";
        double lf = mutexContended("lockfile");
        double lfCpu = mutexContendedCpu("lockfile");
        String block = null;
        for (String m : List.of("fcntl", "ofd", "flock", "sysv", "posix", "robust")) {
            if (!Double.isNaN(mutexContended(m)) && (block == null || mutexContended(m) > mutexContended(block))) {
                block = m;
            }
        }
        if (Double.isNaN(lf) || block == null) {
            return new Claim("C7", claim, "contended lock-file or blocking-mutex trial missing", "depends (not measured)");
        }
        double bl = mutexContended(block);
        double blCpu = mutexContendedCpu(block);
        String f = "contended: lockfile " + fmt(lf) + " ops/s, " + fmt(lfCpu) + " µs CPU/op (both processes); best "
                + "blocking (" + block + ") " + fmt(bl) + " ops/s, " + fmt(blCpu) + " µs CPU/op";
        boolean slower = lf < bl / 2;
        boolean burns = !Double.isNaN(lfCpu) && !Double.isNaN(blCpu) && lfCpu > blCpu * 2;
        return new Claim("C7", claim, f, slower || burns ? "confirmed" : "refuted");
    }

    private Claim c10() {
        String claim = "SysV queues cannot be polled: a server on K queues must loop";
        StringBuilder f = new StringBuilder();
        int kMax = 0;
        for (int k : new int[] {1, 4, 16}) {
            for (String m : new String[] {"sysv", "posix", "jdk-unix"}) {
                double v = c10(m, k);
                if (!Double.isNaN(v)) {
                    f.append(m).append(" K=").append(k).append(": ").append(fmt(v)).append(" µs, server busy ")
                            .append(fmt(c10Util(m, k))).append(" cores, ").append(fmt(c10Cpu(m, k))).append(" µs CPU/req, idle server ")
                            .append(fmt(c10Idle(m, k))).append(" cores; ");
                    kMax = Math.max(kMax, k);
                }
            }
        }
        if (kMax == 0) {
            return new Claim("C10", claim, "not measured", "depends (not measured)");
        }
        double sysv = c10Idle("sysv", kMax);
        double other = Double.NaN;
        for (String m : new String[] {"posix", "jdk-unix"}) {
            double c = c10Idle(m, kMax);
            if (!Double.isNaN(c) && (Double.isNaN(other) || c < other)) {
                other = c;
            }
        }
        Capabilities sc = caps("sysv", Primitive.CHANNEL);
        Capabilities pc = caps("posix", Primitive.CHANNEL);
        f.append("pollable: sysv ").append(sc == null ? "?" : sc.pollable() ? "yes" : "no").append(", posix ")
                .append(pc == null ? "?" : pc.pollable() ? "yes" : "no");
        String v;
        if (Double.isNaN(sysv) || Double.isNaN(other)) {
            v = "depends (no pollable server to compare)";
        } else {
            v = sysv > other * 1.5 + 0.05 ? "confirmed (with no request coming, the polling server keeps " + fmt(sysv)
                    + " cores busy vs " + fmt(other) + " for a server blocked in poll/epoll)"
                    : "refuted (the idle polling loop burns no more CPU here)";
        }
        return new Claim("C10", claim, f.toString(), v);
    }

    private Claim c11() {
        String claim = "Sharing through a mapped file is very inefficient (goes through the disk)";
        double diskSync = syncUs("dirtyAndSync", "file-disk");
        double tmpfsSync = syncUs("dirtyAndSync", "file-tmpfs");
        double diskW = regionGBs("RegionBandwidth", "writeWarm", "file-disk");
        double memW = Double.NaN;
        String memMech = null;
        for (String m : new String[] {"anon", "posix", "sysv", "file-tmpfs"}) {
            double w = regionGBs("RegionBandwidth", "writeWarm", m);
            if (!Double.isNaN(w) && (Double.isNaN(memW) || w > memW)) {
                memW = w;
                memMech = m;
            }
        }
        String f = "warm write: file-disk " + fmt(diskW) + " GB/s vs " + (memMech == null ? "memory regions" : memMech) + " " + fmt(memW) + " GB/s; dirty+msync "
                + "(sync block): file-disk " + fmt(diskSync) + " µs, file-tmpfs " + fmt(tmpfsSync) + " µs; first touch: file-disk "
                + fmt(regionGBs("RegionBandwidth", "writeFirstTouch", "file-disk")) + " GB/s";
        if (Double.isNaN(diskSync) || Double.isNaN(diskW) || Double.isNaN(memW)) {
            return new Claim("C11", claim, f, "depends (not all measured)");
        }
        boolean warmSlow = diskW < memW * 0.7;
        boolean syncSlow = Double.isNaN(tmpfsSync) || diskSync > tmpfsSync * 3;
        String v = warmSlow && syncSlow ? "confirmed"
                : syncSlow ? "depends (memory speed until msync; msync " + fmt(diskSync / tmpfsSync) + "× tmpfs)"
                : "refuted";
        return new Claim("C11", claim, f, v);
    }

    private Claim c13() {
        List<String> hit = new ArrayList<>();
        for (Row row : r.rows) {
            if (row.failure() != null && row.failure().startsWith("not allowed by limit")) {
                hit.add(row.benchmark() + " " + row.param("mech") + " " + row.param("size") + " B: " + row.failure());
            }
        }
        String f = "msgmax " + io.jipc.os.SystemLimits.msgmax() + " B, msgmnb " + io.jipc.os.SystemLimits.msgmnb()
                + " B, mq msgsize_max " + io.jipc.os.SystemLimits.mqMsgsizeMax() + " B, mq msg_max "
                + io.jipc.os.SystemLimits.mqMsgMax() + "; sizes refused: " + (hit.isEmpty() ? "none" : String.join("; ", hit));
        boolean small = io.jipc.os.SystemLimits.msgmax() <= 65536 || io.jipc.os.SystemLimits.mqMsgsizeMax() <= 65536;
        return new Claim("C13", "Queues have small system limits", f, small ? "confirmed" : "refuted");
    }

    private Claim c14() {
        String claim = "Client/server: one shared queue suits small messages; a queue per client runs into MSGMNI";
        StringBuilder f = new StringBuilder();
        int sharedBetter = 0;
        int perBetter = 0;
        for (int c : new int[] {1, 4, 16}) {
            double a = c14("shared-queue", c);
            double b = c14("queue-per-client", c);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                continue;
            }
            f.append(Fmt.plural(c, "client")).append(": shared ").append(fmt(a * c)).append(" req/s, per-client ").append(fmt(b * c))
                    .append(" req/s; ");
            if (a >= b * 0.9) {
                sharedBetter++;
            } else {
                perBetter++;
            }
        }
        f.append("msgmni ").append(io.jipc.os.SystemLimits.read("/proc/sys/kernel/msgmni", -1));
        if (sharedBetter + perBetter == 0) {
            return new Claim("C14", claim, f.toString(), "depends (not measured)");
        }
        return new Claim("C14", claim, f.toString(), perBetter == 0 ? "confirmed (64-byte messages)"
                : sharedBetter == 0 ? "refuted" : "depends");
    }

    private Claim c15(List<io.jipc.bench.checks.CheckResult> checks) {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (Backend b : Ipc.backends()) {
            if (b.primitives().contains(Primitive.CHANNEL)) {
                Capabilities c = caps(b.scheme(), Primitive.CHANNEL);
                if (c != null) {
                    (c.senderIdentity() ? yes : no).add(b.scheme());
                }
            }
        }
        String f = "capability table, sender identity: yes " + yes + ", no " + no + "; "
                + LiveVerdicts.figures(checks, "C15");
        boolean queuesBlind = !yes.contains("sysv") && !yes.contains("posix");
        String live = LiveVerdicts.verdict(checks, "C15");
        String v = yes.isEmpty() && no.isEmpty() ? "depends (no channel backend installed)"
                : !queuesBlind ? "refuted (a queue backend says it knows the sender)"
                : live;
        return new Claim("C15", "A queue receiver cannot know the sender; only socket credentials/signals tell", f, v);
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
        boolean rr = pattern.equals("request-reply");
        List<Integer> sizes = rr ? rttSizes() : tputSizes();
        if (sizes.isEmpty()) {
            return new Choice(pattern, "none", "no channel results in this run");
        }
        int size = nearest(sizes, wanted);
        String best = null;
        double bestV = Double.NaN;
        List<String> considered = new ArrayList<>();
        for (String m : Channels.ALL) {
            if (jipcOnly && Channels.isPeer(m)) {
                continue;
            }
            Capabilities c = caps(Channels.scheme(m), Primitive.CHANNEL);
            if (!related && c != null && c.needsRelatedProcesses()) {
                continue;
            }
            if (crashSafe && c != null && c.persistence() == Capabilities.Persistence.KERNEL) {
                continue;
            }
            double v = rr ? rtt(m, size, "50.0") : tput(m, size);
            if (Double.isNaN(v)) {
                continue;
            }
            considered.add(m + " " + (rr ? fmt(v) + " µs" : fmt(v) + " msg/s"));
            if (best == null || (rr ? v < bestV : v > bestV)) {
                best = m;
                bestV = v;
            }
        }
        if (best == null) {
            return new Choice(pattern, "none", "no mechanism matching the constraints was measured");
        }
        String need = (rr ? "small request/response" : "one-way stream") + " at " + size + " B"
                + (related ? " (related processes allowed)" : " between unrelated processes") + (crashSafe ? ", nothing left behind by a crash" : "");
        String why = (rr ? "round trip p50 " : "throughput ") + (rr ? fmt(bestV) + " µs" : fmt(bestV) + " msg/s = "
                + fmt(bestV * size / 1e6) + " MB/s") + "; measured: " + String.join(", ", considered);
        if (SHARED_MEMORY.contains(best)) {
            why += " (shared memory: the waiting side spins before it sleeps, so fast hand-overs cost CPU)";
        }
        return new Choice(need, best, why);
    }

    /** The best region for bulk data. */
    public Choice bulk(boolean related, boolean crashSafe) {
        String best = null;
        double bestV = Double.NaN;
        List<String> considered = new ArrayList<>();
        for (String m : Regions.ALL) {
            Capabilities c = caps(Regions.scheme(m), Primitive.REGION);
            if (!related && c != null && c.needsRelatedProcesses()) {
                continue;
            }
            if (crashSafe && c != null && c.persistence() == Capabilities.Persistence.KERNEL) {
                continue;
            }
            double v = regionGBs("RegionBandwidth", "writeWarm", m);
            if (Double.isNaN(v)) {
                continue;
            }
            considered.add(m + " " + fmt(v) + " GB/s");
            if (best == null || v > bestV) {
                best = m;
                bestV = v;
            }
        }
        if (best == null) {
            return new Choice("bulk data", "none", "no region results in this run");
        }
        return new Choice("bulk data" + (related ? "" : " between unrelated processes"), best + " region",
                "warm write " + fmt(bestV) + " GB/s; measured: " + String.join(", ", considered));
    }

    /**
     * The choice when the processes run on different hosts: the measured off-box channel
     * ({@link Channels#ACROSS_HOSTS}, over the loopback interface here), with the best one-host
     * figure beside it for what going off-box costs; a ZooKeeper lock for {@code lock}.
     */
    public Choice acrossHosts(String pattern, int wanted) {
        if (pattern.equals("lock")) {
            double zk = mutexUncontended("zookeeper");
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
        List<Integer> sizes = rr ? rttSizes() : tputSizes();
        if (sizes.isEmpty()) {
            return new Choice(pattern + " across hosts", "none", "no channel results in this run");
        }
        int size = nearest(sizes, wanted);
        String best = null;
        double bestV = Double.NaN;
        List<String> considered = new ArrayList<>();
        for (String m : Channels.ACROSS_HOSTS) {
            double v = rr ? rtt(m, size, "50.0") : tput(m, size);
            if (Double.isNaN(v)) {
                continue;
            }
            considered.add(m + " " + (rr ? fmt(v) + " us" : fmt(v) + " msg/s"));
            if (best == null || (rr ? v < bestV : v > bestV)) {
                best = m;
                bestV = v;
            }
        }
        String need = (rr ? "small request/response" : "one-way stream") + " at " + size + " B between hosts";
        if (best == null) {
            return new Choice(need, "aeron-udp", "the only jipc channel that crosses hosts; not measured in this run "
                    + "(run jipc bench with the aeron backend installed)");
        }
        Choice local = channel(pattern, wanted, false, false, true);
        String why = (rr ? "round trip p50 " + fmt(bestV) + " us" : "throughput " + fmt(bestV) + " msg/s")
                + " over the loopback interface (add the network's own latency between hosts); measured: "
                + String.join(", ", considered) + "; on one host " + local.choice() + " does " + local.why();
        return new Choice(need, best, why);
    }

    /** The best mutex, optionally one that reports a dead owner. */
    public Choice lock(boolean crashSafe) {
        String best = null;
        double bestV = Double.NaN;
        List<String> considered = new ArrayList<>();
        for (String m : Locker.ALL) {
            if (m.equals("jdk-filelock") || m.equals("zookeeper")) {
                continue; // zookeeper: the across-hosts choice (acrossHosts), never the fastest on one host
            }
            Capabilities c = caps(Locker.scheme(m), Primitive.MUTEX);
            if (crashSafe && (c == null || !c.ownerDeathDetected())) {
                continue;
            }
            double v = mutexUncontended(m);
            if (Double.isNaN(v)) {
                continue;
            }
            considered.add(m + " " + fmt(v) + " ns" + (Double.isNaN(mutexContended(m)) ? ""
                    : " / contended " + fmt(mutexContended(m)) + " ops/s, " + fmt(mutexContendedCpu(m)) + " µs CPU/op"));
            if (best == null || v < bestV) {
                best = m;
                bestV = v;
            }
        }
        if (best == null) {
            return new Choice(crashSafe ? "mutex surviving a crashed holder" : "mutex", "none",
                    "no mutex matching the constraints was measured");
        }
        return new Choice(crashSafe ? "mutex that must survive a crashed holder" : "fastest mutex", best,
                "uncontended lock+unlock " + fmt(bestV) + " ns; measured: " + String.join(", ", considered));
    }

    /** The recommendation section: one choice per common need. */
    public List<Choice> recommendations() {
        List<Choice> l = new ArrayList<>();
        int small = rttSizes().isEmpty() ? 64 : rttSizes().get(0);
        l.add(channel("request-reply", small, false, false, true));
        Choice kernelOnly = channelKernelOnly(small);
        if (kernelOnly != null) {
            l.add(kernelOnly);
        }
        int big = tputSizes().isEmpty() ? 8192 : tputSizes().get(tputSizes().size() - 1);
        l.add(channel("stream", big, false, false, true));
        l.add(bulk(false, false));
        l.add(lock(false));
        l.add(lock(true));
        return l;
    }

    private Choice channelKernelOnly(int size) {
        String best = null;
        for (String m : KERNEL) {
            if (Channels.isPeer(m)) {
                continue;
            }
            Capabilities c = caps(Channels.scheme(m), Primitive.CHANNEL);
            if (c != null && c.needsRelatedProcesses()) {
                continue;
            }
            double v = rtt(m, size, "50.0");
            if (!Double.isNaN(v) && (best == null || v < rtt(best, size, "50.0"))) {
                best = m;
            }
        }
        return best == null ? null : new Choice("request/response at " + size + " B without a spinning core", best,
                "round trip p50 " + fmt(rtt(best, size, "50.0")) + " µs; waiters sleep in the kernel");
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
