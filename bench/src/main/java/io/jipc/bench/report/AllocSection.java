package io.jipc.bench.report;

import io.jipc.bench.Channels;
import io.jipc.bench.Locker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's "Allocation per operation (B/op)": bytes the benchmark JVM allocates per message
 * (round trip, one-way send) and per uncontended lock+unlock, from JMH's {@code -prof gc}
 * ({@code gc.alloc.rate.norm}) — the hot-path phases of {@code --full}, or the short allocation pass
 * of {@code --quick} ({@link Results#GC_FILE}) — and every hot path above zero with its cause.
 */
final class AllocSection {
    /**
     * Below this a figure is the measuring harness's own allocation spread over the operations
     * (JMH's bookkeeping, the run's other threads), not the hot path.
     */
    static final double NOISE = 1.0;

    /** Hot paths measured: benchmark, method, what one operation is. */
    private static final String[][] HOT = {{"ChannelRoundTrip", "roundTrip", "round trip"}, {"ChannelThroughput", "send",
        "one-way send"}, {"MutexUncontended", "lockUnlock", "lock+unlock"}};

    /** Why a hot path allocates, found by reading its code: key "channel:MECH" or "mutex:MECH". */
    static final Map<String, String> CAUSES = new LinkedHashMap<>();

    static {
        String lockFile = "each acquisition writes a fresh identity (`LockIdentity.fresh()`: a new token String, `encode()` "
                + "builds the file's text and its bytes) and each release reads the file back (`LockFileIo.readAll`: a byte "
                + "array of the file's length), then parses it (`new String`, `split`, a `HashMap`); `Fd.fstat`/`FileOps.lstat` "
                + "return a new `Stat`, and JNR copies each path String to native bytes per call";
        CAUSES.put("mutex:lockfile", lockFile);
        CAUSES.put("mutex:linklock", lockFile + "; linklock also builds a unique file name per acquisition");
        CAUSES.put("mutex:zookeeper", "a ZooKeeper client round trip per lock and per unlock (create an ephemeral "
                + "sequential znode, list the children, delete): request/response records, Jute serialization and NIO "
                + "packets in the ZooKeeper client library (peer, not jipc)");
        CAUSES.put("channel:ring", "before each futex sleep the ring checks that its peer lives: `Liveness` calls "
                + "`kill(pid, 0)` and reads `/proc/<pid>/stat` with `Files.readAllBytes(Path.of(...))` (a String, a Path, a "
                + "channel and a byte[] per check, issue 12); a round trip sleeps on almost every message, a one-way stream "
                + "seldom");
        String aeron = "the Aeron media driver runs inside the benchmark JVM (`BenchAeron` launches it), so the "
                + "allocation of its conductor, sender and receiver threads is counted with the channel's";
        CAUSES.put("channel:aeron-ipc", aeron);
        CAUSES.put("channel:aeron-udp", aeron + "; over UDP the driver also polls the loopback sockets");
        CAUSES.put("channel", "not identified by reading the code (the channel's send and receive paths allocate nothing "
                + "visible): the figure covers every thread of the benchmark JVM during one short iteration, and a round "
                + "trip of 10-20 µs makes few operations, so background allocation (JMH's harness, the peer watchdog "
                + "thread) weighs more per operation than in the one-way row; a forked `--full` run or a JFR allocation "
                + "profile will tell");
        CAUSES.put("mutex:jdk-filelock", "`FileChannel.lock()` returns a new `FileLock` per call and registers it in the "
                + "JDK's file-lock table (peer, not jipc)");
    }

    /** One measured hot path. */
    record Alloc(String operation, String mech, String size, double bytesPerOp, String source) {
    }

    private AllocSection() {
    }

    /** Every hot path of the run with a B/op figure. */
    static List<Alloc> measured(Results r) {
        List<Alloc> l = new ArrayList<>();
        for (String[] h : HOT) {
            String[] mechs = h[0].startsWith("Channel") ? Channels.ALL : Locker.ALL;
            for (String m : mechs) {
                List<Row> rows = new ArrayList<>(r.all(h[0], h[1]));
                rows.removeIf(x -> !m.equals(x.param("mech")));
                java.util.Set<String> done = new java.util.HashSet<>();
                for (Row row : rows) {
                    String key = h[0] + "." + h[1] + "|" + row.paramsKey();
                    double v = row.ok() ? row.allocBytesPerOp() : Double.NaN;
                    String src = "-prof gc of the timed run";
                    if (Double.isNaN(v) && r.gcAlloc.containsKey(key)) {
                        v = r.gcAlloc.get(key);
                        src = "allocation pass (--quick)";
                    }
                    if (!Double.isNaN(v) && done.add(key)) {
                        l.add(new Alloc(h[2], m, row.param("size") == null ? "-" : row.param("size"), v, src));
                    }
                }
                // a hot path only the allocation pass ran (e.g. its timed row failed)
                for (Map.Entry<String, Double> e : r.gcAlloc.entrySet()) {
                    String prefix = h[0] + "." + h[1] + "|";
                    Map<String, String> p = params(e.getKey().substring(e.getKey().indexOf('|') + 1));
                    if (e.getKey().startsWith(prefix) && m.equals(p.get("mech")) && done.add(e.getKey())
                            && !Double.isNaN(e.getValue())) {
                        l.add(new Alloc(h[2], m, p.getOrDefault("size", "-"), e.getValue(), "allocation pass (--quick)"));
                    }
                }
            }
        }
        return l;
    }

    private static Map<String, String> params(String key) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : key.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return p;
    }

    /** The cause of a hot path's allocation, or a sentence saying it is not identified. */
    static String cause(Alloc a) {
        boolean mutex = a.operation().equals("lock+unlock");
        String c = CAUSES.get((mutex ? "mutex:" : "channel:") + a.mech());
        if (c == null && !mutex) {
            c = CAUSES.get("channel");
        }
        return c != null ? c : "not identified yet (read its hot path with a JFR allocation profile)";
    }

    /** The section: the B/op table and the hot paths above zero with their cause. */
    static void section(Doc doc, Results r) {
        doc.h(2, "Allocation per operation (B/op)");
        List<Alloc> all = measured(r);
        if (all.isEmpty()) {
            doc.p("Not measured in this run (no `-prof gc` figures: `jipc bench --quick` measures them in its allocation "
                    + "pass, `--full` in its hot-path phases; an older run has neither).");
            return;
        }
        doc.p("Bytes allocated per operation by the benchmark JVM (all its threads; the peer JVM at the other end is "
                + "not counted), JMH `-prof gc` (`gc.alloc.rate.norm`). jipc's goal is 0. In `--quick` the figures come from "
                + "a short pass (two 200 ms average-time iterations per hot path at 64 B, after the timed phases, so the code is compiled); "
                + "each figure is the smaller iteration, because JMH charges a trial's teardown (closing handles, stopping peers) to the last one; "
                + "figures below " + fmt(NOISE) + " B/op are the harness's own allocation spread over the operations.");
        List<List<String>> rows = new ArrayList<>();
        List<String> above = new ArrayList<>();
        for (Alloc a : all) {
            rows.add(List.of(a.operation(), a.mech() + (Channels.isPeer(a.mech()) || a.mech().startsWith("jdk")
                    || a.mech().equals("zookeeper") ? " (peer)" : ""), a.size(), fmt(a.bytesPerOp()), a.source()));
            if (a.bytesPerOp() >= NOISE) {
                above.add(a.mech() + " " + a.operation() + (a.size().equals("-") ? "" : " " + a.size() + " B") + ": **"
                        + fmt(a.bytesPerOp()) + " B/op** — " + cause(a));
            }
        }
        doc.table(List.of("hot path", "mechanism", "size (B)", "B/op", "measured by"), rows);
        if (above.isEmpty()) {
            doc.p("Every hot path measured allocates nothing per operation.");
        } else {
            doc.p("Hot paths that allocate, with the cause:");
            doc.bullets(above);
        }
    }
}
