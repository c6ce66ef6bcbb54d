package io.jipc.bench.report;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.Primitive;
import io.jipc.bench.report.Analysis.Claim;
import io.jipc.spi.Backend;

import java.util.ArrayList;
import java.util.List;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The verdict on each claim C1-C15, computed from the figures of one {@link Analysis} (the live
 * checks of the run decide C5, C8, C9, C12 and part of C15).
 */
final class Claims {
    private final Analysis data;

    Claims(Analysis data) {
        this.data = data;
    }

    /** Every claim C1-C15 with figures and a verdict computed from the data. */
    List<Claim> all() {
        List<io.jipc.bench.checks.CheckResult> checks = data.r.checks;
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
        for (int size : data.rttSizes()) {
            String shm = best(Analysis.SHARED_MEMORY, size);
            String ker = best(Analysis.KERNEL, size);
            if (shm == null || ker == null) {
                continue;
            }
            double a = data.rtt(shm, size, "50.0");
            double b = data.rtt(ker, size, "50.0");
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
            double v = data.rtt(m, size, "50.0");
            if (!Double.isNaN(v) && (best == null || v < data.rtt(best, size, "50.0"))) {
                best = m;
            }
        }
        return best;
    }

    private Claim c2() {
        String base = data.streamBaseline();
        StringBuilder f = new StringBuilder();
        List<Integer> shmWins = new ArrayList<>();
        List<Integer> pipeWins = new ArrayList<>();
        for (int size : data.rttSizes()) {
            double h = data.handover(size);
            double p = data.rtt(base, size, "50.0");
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
        if (data.rttSizes().isEmpty()) {
            return new Claim("C3", "Pipes/socketpairs do what queues do without SysV's complications", "no round trips",
                    "depends (not measured)");
        }
        int size = data.rttSizes().get(0);
        double sysv = data.rtt("sysv", size, "50.0");
        double posix = data.rtt("posix", size, "50.0");
        String stream = best(List.of("pipe", "fifo", "unix-stream", "unix-seqpacket"), size);
        double s = stream == null ? Double.NaN : data.rtt(stream, size, "50.0");
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
        double s0 = data.select(0);
        double s1000 = data.select(1000);
        String claim = "A SysV queue is a linked list: selecting by type walks past the messages ahead";
        if (Double.isNaN(s0) || Double.isNaN(s1000)) {
            return new Claim("C4", claim, "receive(tag) with messages ahead not measured", "depends (not measured)");
        }
        double slope = (s1000 - s0) / 1000;
        String f = "send+receive(tag): 0 ahead " + fmt(s0) + " ns, 10 " + fmt(data.select(10)) + " ns, 100 " + fmt(data.select(100))
                + " ns, 1000 " + fmt(s1000) + " ns; slope " + fmt(slope) + " ns per message ahead";
        return new Claim("C4", claim, f, s1000 > s0 * 1.5 && slope > 0 ? "confirmed" : "refuted");
    }

    private Claim c6() {
        double fcntl = data.mutexUncontended("fcntl");
        double sysv = data.mutexUncontended("sysv");
        double posix = data.mutexUncontended("posix");
        double sem = Double.isNaN(sysv) ? posix : Double.isNaN(posix) ? sysv : Math.min(sysv, posix);
        String claim = "An fcntl write lock is a good mutex, slightly slower than semaphores";
        String f = "uncontended lock+unlock: fcntl " + fmt(fcntl) + " ns, sysv sem " + fmt(sysv) + " ns, posix sem "
                + fmt(posix) + " ns; contended CPU/op: fcntl " + fmt(data.mutexContendedCpu("fcntl")) + " µs";
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
        double lf = data.mutexContended("lockfile");
        double lfCpu = data.mutexContendedCpu("lockfile");
        String block = null;
        for (String m : List.of("fcntl", "ofd", "flock", "sysv", "posix", "robust")) {
            if (!Double.isNaN(data.mutexContended(m)) && (block == null || data.mutexContended(m) > data.mutexContended(block))) {
                block = m;
            }
        }
        if (Double.isNaN(lf) || block == null) {
            return new Claim("C7", claim, "contended lock-file or blocking-mutex trial missing", "depends (not measured)");
        }
        double bl = data.mutexContended(block);
        double blCpu = data.mutexContendedCpu(block);
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
                double v = data.c10(m, k);
                if (!Double.isNaN(v)) {
                    f.append(m).append(" K=").append(k).append(": ").append(fmt(v)).append(" µs, server busy ")
                            .append(fmt(data.c10Util(m, k))).append(" cores, ").append(fmt(data.c10Cpu(m, k))).append(" µs CPU/req, idle server ")
                            .append(fmt(data.c10Idle(m, k))).append(" cores; ");
                    kMax = Math.max(kMax, k);
                }
            }
        }
        if (kMax == 0) {
            return new Claim("C10", claim, "not measured", "depends (not measured)");
        }
        double sysv = data.c10Idle("sysv", kMax);
        double other = Double.NaN;
        for (String m : new String[] {"posix", "jdk-unix"}) {
            double c = data.c10Idle(m, kMax);
            if (!Double.isNaN(c) && (Double.isNaN(other) || c < other)) {
                other = c;
            }
        }
        Capabilities sc = Analysis.caps("sysv", Primitive.CHANNEL);
        Capabilities pc = Analysis.caps("posix", Primitive.CHANNEL);
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
        double diskSync = data.syncUs("dirtyAndSync", "file-disk");
        double tmpfsSync = data.syncUs("dirtyAndSync", "file-tmpfs");
        double diskW = data.regionGBs("RegionBandwidth", "writeWarm", "file-disk");
        double memW = Double.NaN;
        String memMech = null;
        for (String m : new String[] {"anon", "posix", "sysv", "file-tmpfs"}) {
            double w = data.regionGBs("RegionBandwidth", "writeWarm", m);
            if (!Double.isNaN(w) && (Double.isNaN(memW) || w > memW)) {
                memW = w;
                memMech = m;
            }
        }
        String f = "warm write: file-disk " + fmt(diskW) + " GB/s vs " + (memMech == null ? "memory regions" : memMech) + " " + fmt(memW) + " GB/s; dirty+msync "
                + "(sync block): file-disk " + fmt(diskSync) + " µs, file-tmpfs " + fmt(tmpfsSync) + " µs; first touch: file-disk "
                + fmt(data.regionGBs("RegionBandwidth", "writeFirstTouch", "file-disk")) + " GB/s";
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
        for (Row row : data.r.rows) {
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
            double a = data.c14("shared-queue", c);
            double b = data.c14("queue-per-client", c);
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
                Capabilities c = Analysis.caps(b.scheme(), Primitive.CHANNEL);
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
}
