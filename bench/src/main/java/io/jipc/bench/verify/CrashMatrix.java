package io.jipc.bench.verify;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The crash matrix: {@code kill -9} of a mutex holder (every mutex scheme), of a channel sender
 * and of a channel receiver (every channel scheme), and of a ring producer in the middle of
 * writing large records; each observation is set beside what the backend's
 * {@link Capabilities} declare:
 * <ul>
 *   <li>holder killed: the lock is free for the next locker ({@code crashReleases}); the next
 *       holder is told ({@code ownerDeathDetected}); the object is still there (persistence other
 *       than {@code PROCESS});</li>
 *   <li>sender killed: every message it completed reaches the receiver, intact and in order, and no
 *       cut message is delivered ({@code crashLeaves}: "discarded, never delivered", "the queue and
 *       its messages"); the waiting receiver then gets {@code IpcRemoved} where the capabilities say
 *       the survivor gets end of stream or {@code IpcRemoved}, and keeps waiting otherwise; a new
 *       sender can use the channel unless it needs related processes or has one peer;</li>
 *   <li>receiver killed: sends after its death are accepted (kept for a new receiver) or fail with
 *       {@code IpcRemoved} ("end of stream" schemes); a new receiver gets every message that was
 *       not delivered;</li>
 *   <li>ring producer killed mid-write: what it committed arrives, a record being written never
 *       does, the waiting consumer gets {@code IpcRemoved}, a new producer takes the role over.</li>
 * </ul>
 * Every object is removed at the end of its scenario, also when the scenario failed.
 */
public final class CrashMatrix {
    static final String HOLDER = "holder killed";
    static final String SENDER = "sender killed";
    static final String RECEIVER = "receiver killed";
    static final String MID_WRITE = "producer killed mid-write";
    private static final Duration START = Duration.ofSeconds(60);
    private static final int SENT_BEFORE = 8;

    private CrashMatrix() {
    }

    /** Every backend name {@code --only} accepts: the mutex schemes and the channel schemes. */
    public static List<String> backends() {
        List<String> all = new ArrayList<>(MutexFixture.SCHEMES);
        for (String s : ChannelFixture.SCHEMES) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return all;
    }

    /**
     * Runs the scenarios of the backends named in {@code only} (comma-separated; {@code sysv}
     * selects its channel and both mutex forms, {@code unix} both socket types; {@code null}: all).
     */
    public static List<CrashRow> run(String only, StressNames names, Consumer<CrashRow> progress) {
        return run(only, names, 1, progress);
    }

    /** As {@link #run(String, StressNames, Consumer)}, with up to {@code parallel} scenarios at the same time. */
    public static List<CrashRow> run(String only, StressNames names, int parallel, Consumer<CrashRow> progress) {
        List<String> sel = select(only);
        Consumer<CrashRow> report = progress == null ? r -> { } : r -> {
            synchronized (progress) {
                progress.accept(r);
            }
        };
        List<java.util.concurrent.Callable<List<CrashRow>>> tasks = new ArrayList<>();
        for (String m : MutexFixture.SCHEMES) {
            if (sel.contains(m)) {
                tasks.add(() -> collect(add -> holderKilled(m, names, add), report));
            }
        }
        for (String c : ChannelFixture.SCHEMES) {
            if (sel.contains(c)) {
                tasks.add(() -> collect(add -> senderKilled(c, names, add), report));
                tasks.add(() -> collect(add -> receiverKilled(c, names, add), report));
            }
        }
        if (sel.contains("ring")) {
            tasks.add(() -> collect(add -> ringMidWrite(names, add), report));
        }
        List<CrashRow> rows = new ArrayList<>();
        for (List<CrashRow> part : Parallel.all(tasks, parallel)) {
            rows.addAll(part);
        }
        return rows;
    }

    private static List<CrashRow> collect(Consumer<Consumer<CrashRow>> scenario, Consumer<CrashRow> progress) {
        List<CrashRow> rows = new ArrayList<>();
        scenario.accept(r -> {
            rows.add(r);
            progress.accept(r);
        });
        return rows;
    }

    /**
     * The backends {@code only} names ({@code null}: all).
     *
     * @throws IllegalArgumentException naming an unknown backend and the known ones
     */
    public static List<String> select(String only) {
        if (only == null || only.isBlank()) {
            return backends();
        }
        List<String> out = new ArrayList<>();
        for (String raw : only.split(",")) {
            String w = raw.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String b : backends()) {
                if (b.equals(w) || b.startsWith(w + "-")) {
                    if (!out.contains(b)) {
                        out.add(b);
                    }
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException("--only: unknown backend '" + raw.trim() + "'; known: "
                        + String.join(", ", backends()));
            }
        }
        return out;
    }

    // ---- mutex holder killed ------------------------------------------------------------------

    static void holderKilled(String scheme, StressNames names, Consumer<CrashRow> add) {
        try (MutexFixture f = MutexFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            boolean acquired;
            boolean died;
            boolean left;
            try (ChildProcess holder = ChannelStress.spawner("hold", f.uri).start()) {
                holder.awaitOutput("HELD", START);
                holder.killAndWait();
                left = f.exists();
                try (Mutex m = f.openAgain()) {
                    acquired = m.tryLock(2, TimeUnit.SECONDS);
                    died = acquired && m.ownerDied();
                    if (acquired) {
                        if (died) {
                            m.markConsistent();
                        }
                        m.unlock();
                    }
                }
            }
            add.accept(CrashRow.of(scheme, HOLDER, "lock released", acquired, caps.crashReleases(),
                    acquired ? "the next locker got it at once" : "tryLock(2 s) timed out"));
            if (acquired || caps.crashReleases()) {
                add.accept(CrashRow.of(scheme, HOLDER, "owner death reported", died, caps.ownerDeathDetected(),
                        "ownerDied() of the next holder"));
            }
            add.accept(CrashRow.of(scheme, HOLDER, "object left", left, caps.persistence() != Capabilities.Persistence.PROCESS,
                    "persistence " + caps.persistence().name().toLowerCase(Locale.ROOT) + "; crash leaves: " + caps.crashLeaves()));
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, HOLDER, e));
        }
    }

    // ---- channel sender killed ----------------------------------------------------------------

    /** The parent's end of a channel whose other end is one child, for the crash scenarios. */
    private static final class Pair implements AutoCloseable {
        final ChannelFixture f;
        final MessageChannel mine;
        final ChildProcess child;
        private final boolean closeMine;

        Pair(ChannelFixture f, MessageChannel mine, ChildProcess child, boolean closeMine) {
            this.f = f;
            this.mine = mine;
            this.child = child;
            this.closeMine = closeMine;
        }

        /** Starts the child ({@code args} after the mode and the URI) as the other end of {@code f}. */
        static Pair start(ChannelFixture f, String mode, String... args) throws Exception {
            MessageChannel mine;
            boolean closeMine;
            String childUri;
            if (f instanceof ChannelFixture.Unix u) {
                mine = Ipc.channel(u.uri("create"));
                closeMine = true;
                childUri = u.uri("open");
            } else if (f instanceof ChannelFixture.Pipe p) {
                mine = p.channel();
                closeMine = false;
                childUri = f.producerUri(0);
            } else {
                mine = f.coordinator();
                closeMine = false;
                childUri = f.producerUri(0);
            }
            String[] all = new String[args.length + 2];
            all[0] = mode;
            all[1] = childUri;
            System.arraycopy(args, 0, all, 2, args.length);
            Spawner s = ChannelStress.spawner(all);
            f.inheritProducer(0, s);
            ChildProcess c;
            try {
                c = s.start();
            } catch (RuntimeException e) {
                if (closeMine) {
                    mine.close();
                }
                throw e;
            }
            if (f instanceof ChannelFixture.Pipe p) {
                p.channel().closePeerEnds();
            }
            return new Pair(f, mine, c, closeMine);
        }

        @Override
        public void close() {
            child.close();
            if (closeMine) {
                mine.close();
            }
        }
    }

    /** What draining a channel saw. */
    private record Drain(long received, long intactInOrder, long corrupt, String end) {
    }

    private static Drain drain(MessageChannel ch, StressMessage m, long firstSeq, long timeoutMs) {
        ByteBuffer b = m.buffer();
        long received = 0;
        long expect = firstSeq;
        long corrupt = 0;
        String end;
        while (true) {
            b.clear();
            long tag;
            try {
                tag = ch.receive(b, Select.any(), timeoutMs, TimeUnit.MILLISECONDS);
            } catch (IpcRemoved e) {
                end = "IpcRemoved";
                break;
            }
            if (tag == MessageChannel.NO_MESSAGE) {
                end = "waits";
                break;
            }
            received++;
            if (m.check(b, b.position()) == StressMessage.Kind.DATA && StressMessage.seq(b) == expect) {
                expect++;
            } else {
                corrupt++;
            }
        }
        return new Drain(received, expect - firstSeq, corrupt, end);
    }

    /** Does the scheme declare that the survivor of a crash gets end of stream / IpcRemoved? */
    static String declaredEnd(Capabilities caps) {
        String leaves = caps.crashLeaves();
        return leaves.contains("end of stream") || leaves.contains("gets IpcRemoved") ? "IpcRemoved" : "waits";
    }

    /** Can a new peer use the channel after one side died (not for related-process or one-peer channels)? */
    static boolean declaredNewPeer(Capabilities caps) {
        return !caps.needsRelatedProcesses() && !caps.notes().contains("one peer per channel");
    }

    static void senderKilled(String scheme, StressNames names, Consumer<CrashRow> add) {
        try (ChannelFixture f = ChannelFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            int max = Math.min(f.maxMessage(), 64 * 1024);
            StressMessage m = new StressMessage(max);
            Drain d;
            boolean left;
            try (Pair p = Pair.start(f, "send", Integer.toString(SENT_BEFORE), Integer.toString(max), "0")) {
                p.child.awaitOutput("SENT " + SENT_BEFORE, START);
                p.child.killAndWait();
                left = f.exists();
                d = drain(p.mine, m, 0, 1500);
                add.accept(CrashRow.of(scheme, SENDER, "completed messages delivered", d.intactInOrder() >= SENT_BEFORE
                                && d.intactInOrder() == d.received() - d.corrupt(), true,
                        d.intactInOrder() + " intact and in order (" + SENT_BEFORE + " confirmed before the kill)"));
                add.accept(CrashRow.of(scheme, SENDER, "cut message delivered", d.corrupt() > 0, false,
                        d.corrupt() + " corrupt or out of sequence"));
                add.accept(CrashRow.of(scheme, SENDER, "waiting receiver", d.end(), declaredEnd(caps),
                        "crash leaves: " + caps.crashLeaves()));
                if (f instanceof ChannelFixture.Named) {
                    add.accept(CrashRow.of(scheme, SENDER, "new sender can use it", newSenderWorks(f, p.mine, m),
                            declaredNewPeer(caps), "a new handle sends, the old receiver gets it"));
                } else if (f instanceof ChannelFixture.Unix u) {
                    add.accept(CrashRow.of(scheme, SENDER, "new sender can use it", newUnixPeerWorks(u, p.mine, m),
                            declaredNewPeer(caps), "unix: one peer per channel"));
                }
            }
            add.accept(CrashRow.of(scheme, SENDER, "object left", left, caps.persistence() != Capabilities.Persistence.PROCESS,
                    "persistence " + caps.persistence().name().toLowerCase(Locale.ROOT)));
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, SENDER, e));
        }
    }

    private static boolean newSenderWorks(ChannelFixture f, MessageChannel receiver, StressMessage m) {
        try (MessageChannel again = f.openAgain()) {
            ByteBuffer b = m.buffer();
            m.encode(b, 0, 1_000_000, 100);
            if (!again.send(b, 1, 2, TimeUnit.SECONDS)) {
                return false;
            }
            b.clear();
            long tag = receiver.receive(b, Select.any(), 2, TimeUnit.SECONDS);
            return tag != MessageChannel.NO_MESSAGE && StressMessage.seq(b) == 1_000_000;
        } catch (IpcException e) {
            return false;
        }
    }

    private static boolean newUnixPeerWorks(ChannelFixture.Unix u, MessageChannel receiver, StressMessage m) {
        try (MessageChannel again = Ipc.channel(u.uri("open"))) {
            ByteBuffer b = m.buffer();
            m.encode(b, 0, 1_000_000, 100);
            if (!again.send(b, 1, 1, TimeUnit.SECONDS)) {
                return false;
            }
            b.clear();
            long tag = receiver.receive(b, Select.any(), 1, TimeUnit.SECONDS);
            return tag != MessageChannel.NO_MESSAGE;
        } catch (IpcException e) {
            return false;
        }
    }

    // ---- channel receiver killed --------------------------------------------------------------

    static void receiverKilled(String scheme, StressNames names, Consumer<CrashRow> add) {
        int before = 4;
        int after = 4;
        try (ChannelFixture f = ChannelFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            int max = Math.min(f.maxMessage(), 64 * 1024);
            StressMessage m = new StressMessage(max);
            ByteBuffer b = m.buffer();
            String sendOutcome;
            long delivered = -1;
            try (Pair p = Pair.start(f, "recv", Integer.toString(before), Integer.toString(max))) {
                for (int i = 0; i < before; i++) {
                    m.encode(b, 0, i, 64 + 37 * i);
                    p.mine.send(b, 1);
                }
                p.child.awaitOutput("GOT " + before, START);
                if (p.child.output().contains("BAD")) {
                    throw new IllegalStateException("the receiver saw a bad message: " + p.child.output());
                }
                p.child.killAndWait();
                int accepted = 0;
                try {
                    for (int i = 0; i < after; i++) {
                        m.encode(b, 0, before + i, 64 + 37 * i);
                        if (!p.mine.send(b, 1, 2, TimeUnit.SECONDS)) {
                            break;
                        }
                        accepted++;
                    }
                    sendOutcome = accepted == after ? "accepted" : "timed out after " + accepted;
                } catch (IpcRemoved e) {
                    sendOutcome = "IpcRemoved";
                }
                if (f instanceof ChannelFixture.Named && accepted > 0) {
                    try (MessageChannel again = f.openAgain()) {
                        delivered = drain(again, m, before, 1500).intactInOrder();
                    }
                }
            }
            String declaredSend = declaredEnd(caps).equals("IpcRemoved") && !scheme.equals("ring") ? "IpcRemoved" : "accepted";
            add.accept(CrashRow.of(scheme, RECEIVER, "send after receiver died", sendOutcome, declaredSend,
                    "crash leaves: " + caps.crashLeaves()));
            if (f instanceof ChannelFixture.Named) {
                add.accept(CrashRow.of(scheme, RECEIVER, "new receiver gets the rest", delivered == after,
                        declaredNewPeer(caps), delivered + " of " + after + " sent after the kill, intact and in order"));
            }
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, RECEIVER, e));
        }
    }

    // ---- ring producer killed mid-write -------------------------------------------------------

    static void ringMidWrite(StressNames names, Consumer<CrashRow> add) {
        String scheme = "ring";
        try (ChannelFixture f = new ChannelFixture.Named(scheme, names, "ring:/" + names.unique("ring") + "?capacity=1m", 1, 1)) {
            Capabilities caps = f.declared();
            int max = f.maxMessage();
            StressMessage m = new StressMessage(max);
            ByteBuffer b = m.buffer();
            Drain d;
            long got = 0;
            try (Pair p = Pair.start(f, "send", "2", Integer.toString(max), Integer.toString(max))) {
                p.child.awaitOutput("SENT 2", START);
                for (int i = 0; i < 3; i++) {
                    b.clear();
                    if (p.mine.receive(b, Select.any(), 10, TimeUnit.SECONDS) != MessageChannel.NO_MESSAGE) {
                        got++;
                    }
                }
                p.child.kill(); // at once: the producer is copying its next record of ~half the ring
                p.child.killAndWait();
                d = drain(p.mine, m, got, 1500);
                add.accept(CrashRow.of(scheme, MID_WRITE, "cut record delivered", d.corrupt() > 0, false,
                        (got + d.intactInOrder()) + " records of " + max + " bytes intact and in order, " + d.corrupt()
                                + " bad"));
                add.accept(CrashRow.of(scheme, MID_WRITE, "waiting consumer", d.end(), declaredEnd(caps),
                        "crash leaves: " + caps.crashLeaves()));
                add.accept(CrashRow.of(scheme, MID_WRITE, "new producer takes over", newSenderWorks(f, p.mine, m),
                        caps.crashLeaves().contains("taken over"), "a new handle sends, the old consumer gets it"));
            }
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, MID_WRITE, e));
        }
    }

    // ---- output -------------------------------------------------------------------------------

    /** The table header. */
    public static List<String> head() {
        return List.of("backend", "scenario", "check", "observed", "declared", "verdict");
    }

    /** One table row. */
    public static List<String> cells(CrashRow r) {
        return List.of(r.backend(), r.scenario(), r.check(), r.observed(), r.declared(), r.agrees() ? "agrees" : "DISAGREES");
    }

    /** The rows as a plain-text table. */
    public static String table(List<CrashRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (CrashRow r : rows) {
            cells.add(cells(r));
        }
        return TextTable.render(head(), cells);
    }

    /** The rows as JSON: {@code {"crashMatrix": [{backend, scenario, check, observed, declared, agrees, detail}]}}. */
    public static String json(List<CrashRow> rows) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (CrashRow r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("backend", r.backend());
            m.put("scenario", r.scenario());
            m.put("check", r.check());
            m.put("observed", r.observed());
            m.put("declared", r.declared());
            m.put("agrees", r.agrees());
            m.put("detail", r.detail());
            list.add(m);
        }
        return io.jipc.bench.report.Json.write(Map.of("crashMatrix", list));
    }

    /** The file name {@code jipc verify --out DIR} writes and the report looks for next to the results. */
    public static final String JSON_FILE = "crash-matrix.json";
}
