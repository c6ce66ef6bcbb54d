package io.jipc.bench.checks;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Select;
import io.jipc.bench.BenchSupport;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.os.SystemLimits;
import io.jipc.posix.stream.PeerCredentials;
import io.jipc.posix.stream.UnixChannel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live checks behind the semantic claims: each runs in well under a second (the three with a
 * child JVM about as long as a JVM takes to start), records what it saw, and removes every object
 * it created, also when it fails.
 *
 * <table>
 *   <caption>checks</caption>
 *   <tr><th>check</th><th>claim</th><th>what it does</th></tr>
 *   <tr><td>{@code sysv-msgtyp-order}</td><td>C5</td><td>seed 000: types 300, 100, 200, 400, 100
 *       read with {@code msgtyp = -300}</td></tr>
 *   <tr><td>{@code posix-priority-order}</td><td>C5</td><td>priorities 1, 5, 3, 5, 0 come out highest
 *       first; a select by tag is refused</td></tr>
 *   <tr><td>{@code sysv-sem-undo-kill}</td><td>C8</td><td>a child JVM holding two SysV semaphore
 *       mutexes (with and without {@code SEM_UNDO}) is killed with {@code SIGKILL}</td></tr>
 *   <tr><td>{@code sysv-persistence}</td><td>C9</td><td>a child JVM creates a queue, sends, exits;
 *       the queue and its message are still there</td></tr>
 *   <tr><td>{@code sysv-eidrm}</td><td>C9</td><td>a receiver asleep in {@code msgrcv} when the queue is
 *       removed</td></tr>
 *   <tr><td>{@code posix-unlink-while-open}</td><td>C12</td><td>{@code mq_unlink} while a handle is
 *       open</td></tr>
 *   <tr><td>{@code unix-peercred}</td><td>C15</td><td>{@code SO_PEERCRED} names the child JVM that
 *       connected</td></tr>
 * </table>
 */
public final class LiveChecks {
    /** The side file in the results directory. */
    public static final String FILE = "checks.tsv";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A check body: returns the sentence of what it saw; {@link Failed} when it saw something else. */
    private interface Body {
        String run(Deque<AutoCloseable> cleanup) throws Exception;
    }

    /** The check observed something other than the claimed behaviour. */
    static final class Failed extends Exception {
        Failed(String observed) {
            super(observed);
        }
    }

    /** Objects this run created (SysV keys, POSIX names, paths), so a test can see they are gone. */
    private final List<String> created = new ArrayList<>();

    /** The SysV keys ({@code 0x...}), POSIX queue names ({@code /name}) and paths the checks created. */
    public List<String> created() {
        return List.copyOf(created);
    }

    /** Runs every check, in order. */
    public List<CheckResult> runAll() {
        List<CheckResult> l = new ArrayList<>();
        l.add(check("sysv-msgtyp-order", "C5", this::sysvMsgtypOrder));
        l.add(check("posix-priority-order", "C5", this::posixPriorityOrder));
        l.add(check("sysv-sem-undo-kill", "C8", this::sysvSemUndoKill));
        l.add(check("sysv-persistence", "C9", this::sysvPersistence));
        l.add(check("sysv-eidrm", "C9", this::sysvEidrm));
        l.add(check("posix-unlink-while-open", "C12", this::posixUnlinkWhileOpen));
        l.add(check("unix-peercred", "C15", this::unixPeercred));
        return l;
    }

    /**
     * Runs every check and writes {@value #FILE} into {@code dir}; prints one line to {@code out}.
     * Never throws: a check that cannot run is a row saying why.
     */
    public static List<CheckResult> runInto(Path dir, PrintWriter out) {
        long t0 = System.nanoTime();
        List<CheckResult> results = new LiveChecks().runAll();
        try {
            write(dir, results);
        } catch (RuntimeException e) {
            out.println("live checks: cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        out.printf("live checks of the semantic claims: %d of %d passed in %.1f s%s%n", passed, results.size(),
                (System.nanoTime() - t0) / 1e9, passed == results.size() ? "" : " (see " + FILE + ")");
        out.flush();
        return results;
    }

    private CheckResult check(String name, String claim, Body body) {
        long t0 = System.nanoTime();
        Deque<AutoCloseable> cleanup = new ArrayDeque<>();
        CheckResult.Outcome outcome;
        String observed;
        try {
            observed = body.run(cleanup);
            outcome = CheckResult.Outcome.PASSED;
        } catch (Failed f) {
            observed = f.getMessage();
            outcome = CheckResult.Outcome.FAILED;
        } catch (Exception | LinkageError e) {
            observed = "could not run: " + e;
            outcome = CheckResult.Outcome.ERROR;
        } finally {
            while (!cleanup.isEmpty()) {
                try {
                    cleanup.pop().close();
                } catch (Exception | LinkageError ignored) {
                    // best effort: the next cleanup still runs
                }
            }
        }
        return new CheckResult(name, List.of(claim), outcome, observed, (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------ C5

    private String sysvMsgtypOrder(Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = sysvQueue(cleanup);
        long[] sent = {300, 100, 200, 400, 100};
        for (long t : sent) {
            q.send(text("type " + t), t);
        }
        List<Long> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t;
        while (got.size() < 10 && (t = q.tryReceive(b.clear(), Select.upTo(300))) != MessageChannel.NO_MESSAGE) {
            got.add(t);
        }
        long left = q.stats().messages();
        long last = q.tryReceive(b.clear(), Select.any());
        // a positive type selects: with 1, 2, 3 queued, msgtyp 3 takes the 3 first
        for (long x : new long[] {1, 2, 3}) {
            q.send(text("type " + x), x);
        }
        long selected = q.tryReceive(b.clear(), Select.tag(3));
        long next = q.tryReceive(b.clear(), Select.any());
        while (q.tryReceive(b.clear(), Select.any()) != MessageChannel.NO_MESSAGE) {
            // drain
        }
        String seen = "sent types " + join(sent) + "; receive with msgtyp -300 gave " + join(got) + ", then nothing; "
                + io.jipc.bench.report.Fmt.plural(left, "message") + " left, of type " + last + "; with 1, 2, 3 queued, "
                + "msgtyp 3 took " + selected + " and the next plain receive " + next;
        if (!got.equals(List.of(100L, 100L, 200L, 300L)) || left != 1 || last != 400 || selected != 3 || next != 1) {
            throw new Failed(seen + " (expected 100, 100, 200, 300, then the 400 left; msgtyp 3 → 3, then 1)");
        }
        return seen;
    }

    private String posixPriorityOrder(Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = posixQueue(cleanup, "prio");
        long[] sent = {1, 5, 3, 5, 0};
        for (int i = 0; i < sent.length; i++) {
            q.send(text("m" + i), sent[i]);
        }
        List<String> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t;
        while (got.size() < 10 && (t = q.tryReceive(b.clear(), Select.any())) != MessageChannel.NO_MESSAGE) {
            got.add(t + " (" + string(b) + ")");
        }
        String refused;
        try {
            q.tryReceive(b.clear(), Select.tag(3));
            refused = null;
        } catch (RuntimeException e) {
            refused = e.getClass().getSimpleName();
        }
        String seen = "sent priorities " + join(sent) + " (messages m0-m4); received " + String.join(", ", got)
                + "; receive(tag 3) " + (refused == null ? "was accepted" : "refused with " + refused);
        if (!got.equals(List.of("5 (m1)", "5 (m3)", "3 (m2)", "1 (m0)", "0 (m4)")) || refused == null) {
            throw new Failed(seen + " (expected highest priority first, FIFO within one, and no select)");
        }
        return seen;
    }

    // ------------------------------------------------------------------ C8

    private String sysvSemUndoKill(Deque<AutoCloseable> cleanup) throws Exception {
        String undo = "sysv:?key=" + key();
        String noUndo = "sysv:?key=" + key() + "&undo=false";
        Mutex withUndo = mutex(cleanup, undo + "&open=create");
        Mutex without = mutex(cleanup, noUndo + "&open=create");
        ChildProcess holder = child(cleanup, "hold", undo + "&open=open", noUndo + "&open=open");
        holder.awaitOutput("LOCKED", WAIT);
        boolean heldA = !withUndo.tryLock();
        boolean heldB = !without.tryLock();
        int pid = holder.pid();
        holder.killAndWait();
        boolean gotA = withUndo.tryLock();
        boolean died = gotA && withUndo.ownerDied();
        if (gotA) {
            withUndo.markConsistent();
            withUndo.unlock();
        }
        boolean gotB = without.tryLock();
        if (gotB) {
            without.unlock();
        }
        String seen = "a child JVM (pid " + pid + ") locked both semaphores" + (heldA && heldB ? "" : " (not exclusive!)")
                + " and was killed with SIGKILL; with SEM_UNDO the next tryLock " + (gotA ? "succeeded" : "failed")
                + (gotA ? " and reported ownerDied=" + died : "") + "; without (undo=false) tryLock "
                + (gotB ? "succeeded" : "failed: the semaphore stays taken until removed");
        if (!heldA || !heldB || !gotA || !died || gotB) {
            throw new Failed(seen);
        }
        return seen;
    }

    // ------------------------------------------------------------------ C9

    private String sysvPersistence(Deque<AutoCloseable> cleanup) throws Exception {
        String uri = "sysv:?key=" + key();
        cleanup.push(() -> {
            try (MessageChannel q = Ipc.channel(uri + "&open=open")) {
                q.remove();
            } catch (IpcNotFound gone) {
                // never created or already removed
            }
        });
        ChildProcess creator = child(cleanup, "persist", uri + "&open=create");
        int code = creator.waitFor(WAIT);
        if (code != 0) {
            throw new Failed("the creating child JVM failed (exit " + code + "): " + creator.output().strip());
        }
        MessageChannel q;
        try {
            q = Ipc.channel(uri + "&open=open");
        } catch (IpcNotFound e) {
            throw new Failed("a child JVM (pid " + creator.pid() + ") created the queue, sent one message and exited; "
                    + "the queue was gone after it exited (" + e.getMessage() + ")");
        }
        cleanup.push(q::close);
        long msgs = q.stats().messages();
        long sender = q.stats().lastSenderPid();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long tag = q.tryReceive(b, Select.any());
        String body = tag == MessageChannel.NO_MESSAGE ? "none" : "\"" + string(b) + "\" (tag " + tag + ")";
        String seen = "a child JVM (pid " + creator.pid() + ") created queue " + uri.substring(5) + ", sent one message and "
                + "exited (code 0); afterwards the queue still held " + io.jipc.bench.report.Fmt.plural(msgs, "message")
                + ", last sender pid " + sender
                + ": " + body;
        if (msgs != 1 || tag != 7) {
            throw new Failed(seen);
        }
        return seen;
    }

    private String sysvEidrm(Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = sysvQueue(cleanup);
        AtomicReference<Throwable> woke = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                q.receive(ByteBuffer.allocateDirect(64));
                woke.set(new IllegalStateException("received a message"));
            } catch (Throwable e) {
                woke.set(e);
            }
        }, "jipc-check-rcv");
        receiver.setDaemon(true);
        receiver.start();
        String wchan = awaitSleepingIn("msgrcv", Duration.ofSeconds(10));
        q.remove();
        receiver.join(WAIT.toMillis());
        Throwable e = woke.get();
        String how = e == null ? "did not wake within " + WAIT.toSeconds() + " s"
                : e instanceof IpcException ? "woke with " + e.getClass().getSimpleName() + " (errno "
                        + ((IpcException) e).errnoName() + ")"
                : "woke with " + e;
        String seen = "a receiver thread " + (wchan == null ? "(not yet seen asleep in the kernel)"
                : "asleep in the kernel (wchan " + wchan + ")") + "; the queue was removed; the receiver " + how;
        if (!(e instanceof IpcRemoved) || (wchan != null && !"EIDRM".equals(((IpcException) e).errnoName()))) {
            throw new Failed(seen);
        }
        return seen;
    }

    /** Waits until a thread of this process sleeps in a kernel function whose name contains {@code fn}. */
    private static String awaitSleepingIn(String fn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String w = Files.readString(t.resolve("wchan")).trim();
                        if (w.contains(fn)) {
                            return w;
                        }
                    } catch (IOException vanished) {
                        // a thread that ended meanwhile
                    }
                }
            } catch (IOException noProc) {
                return null;
            }
            Thread.sleep(5);
        }
        return null;
    }

    // ------------------------------------------------------------------ C12

    private String posixUnlinkWhileOpen(Deque<AutoCloseable> cleanup) throws Exception {
        String name = "/" + BenchSupport.unique("unlink");
        MessageChannel q = posixQueue(cleanup, name, "&mode=0600");
        // the posix backend says where the queue is and what it looks like (nothing here knows its file)
        io.jipc.spi.Backend posix = Ipc.backend("posix");
        io.jipc.api.IpcUri named = io.jipc.api.IpcUri.parse("posix:" + name);
        String mode = posix.locate(named).stream().filter(o -> o.primitive() == io.jipc.api.Primitive.CHANNEL && o.mode() >= 0)
                .map(o -> String.format("%04o", o.mode())).findFirst().orElse(null);
        q.send(text("before unlink"), 0);
        q.remove();
        boolean nameGone = posix.locate(named).stream().noneMatch(o -> o.primitive() == io.jipc.api.Primitive.CHANNEL);
        String reopen;
        try (MessageChannel again = Ipc.channel("posix:" + name + "?open=open")) {
            reopen = "opened again (the name survived)";
        } catch (IpcNotFound e) {
            reopen = "IpcNotFound";
        }
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t = q.tryReceive(b, Select.any());
        String kept = t == MessageChannel.NO_MESSAGE ? "nothing" : "\"" + string(b) + "\"";
        q.send(text("after unlink"), 0);
        long t2 = q.tryReceive(b.clear(), Select.any());
        boolean stillWorks = t2 != MessageChannel.NO_MESSAGE && string(b).equals("after unlink");
        MessageChannel fresh = posixQueue(cleanup, name, "");
        long freshCount = fresh.stats().messages();
        String seen = "queue " + name + (mode == null ? "" : " (mode " + mode + ")") + " unlinked while open: "
                + "the name " + (nameGone || mode == null ? "went" : "stayed") + ", open=open gave " + reopen
                + "; the open handle still received " + kept + " and " + (stillWorks ? "sent and received" : "failed to send and receive")
                + " another; a new create under the name held " + io.jipc.bench.report.Fmt.plural(freshCount, "message")
                + ": a new object";
        if (!reopen.equals("IpcNotFound") || !kept.equals("\"before unlink\"") || !stillWorks || freshCount != 0) {
            throw new Failed(seen);
        }
        return seen;
    }

    // ------------------------------------------------------------------ C15

    private String unixPeercred(Deque<AutoCloseable> cleanup) throws Exception {
        Path dir = BenchSupport.tempDir("peercred");
        cleanup.push(() -> BenchSupport.deleteQuietly(dir));
        Path sock = dir.resolve("s.sock");
        created.add(sock.toString());
        String uri = "unix:" + sock;
        UnixChannel server = (UnixChannel) Ipc.channel(uri + "?open=create");
        cleanup.push(server::remove);
        cleanup.push(server::close);
        ChildProcess client = child(cleanup, "connect", uri + "?open=open");
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        server.receive(b, Select.any(), WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        String msg = string(b);
        PeerCredentials who = server.peerCredentials();
        long myUid = uid();
        String seen = "a child JVM (pid " + client.pid() + ") connected to " + uri + " and sent \"" + msg
                + "\"; SO_PEERCRED on the receiving end gave pid " + who.pid() + ", uid " + who.uid() + ", gid " + who.gid()
                + " (this JVM: pid " + ProcessHandle.current().pid() + ", uid " + myUid + ")";
        if (who.pid() != client.pid() || who.uid() != myUid) {
            throw new Failed(seen);
        }
        return seen;
    }

    // ------------------------------------------------------------------ helpers

    private String key() {
        String k = BenchSupport.randomKey();
        created.add(k);
        return k;
    }

    private MessageChannel sysvQueue(Deque<AutoCloseable> cleanup) {
        MessageChannel q = Ipc.channel("sysv:?key=" + key() + "&open=create");
        cleanup.push(q::close);
        cleanup.push(q::remove);
        return q;
    }

    private MessageChannel posixQueue(Deque<AutoCloseable> cleanup, String hint) {
        return posixQueue(cleanup, "/" + BenchSupport.unique(hint), "");
    }

    private MessageChannel posixQueue(Deque<AutoCloseable> cleanup, String name, String options) {
        created.add(name);
        long maxmsg = Math.min(10, SystemLimits.mqMsgMax());
        MessageChannel q = Ipc.channel("posix:" + name + "?maxmsg=" + maxmsg + "&msgsize=64&open=create" + options);
        cleanup.push(q::close);
        cleanup.push(q::remove);
        return q;
    }

    private static Mutex mutex(Deque<AutoCloseable> cleanup, String uri) {
        Mutex m = Ipc.mutex(uri);
        cleanup.push(m::close);
        cleanup.push(m::remove);
        return m;
    }

    private static ChildProcess child(Deque<AutoCloseable> cleanup, String... args) {
        ChildProcess c = Spawner.jvm(CheckChild.class, args).jvmOption("-Xmx64m").jvmOption("-XX:TieredStopAtLevel=1")
                .start();
        cleanup.push(c::close);
        return c;
    }

    private static long uid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        return -1;
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(ByteBuffer b) {
        ByteBuffer d = b.duplicate().flip();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    private static String join(long[] v) {
        return java.util.Arrays.stream(v).mapToObj(Long::toString).collect(Collectors.joining(", "));
    }

    private static String join(List<Long> v) {
        return v.isEmpty() ? "nothing" : v.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------ the side file

    /** Writes {@code results} as {@value #FILE}: name, claims, outcome, milliseconds, what it saw. */
    public static void write(Path dir, List<CheckResult> results) {
        List<String> lines = new ArrayList<>();
        for (CheckResult c : results) {
            lines.add(String.join("\t", c.name(), String.join(",", c.claims()), c.outcome().name().toLowerCase(),
                    Long.toString(c.millis()), c.observed().replaceAll("[\t\r\n]+", " ")));
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** Reads {@value #FILE} from {@code dir}; empty when the run did not write one. */
    public static Optional<List<CheckResult>> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        List<CheckResult> l = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] x = line.split("\t", 5);
                if (x.length == 5) {
                    CheckResult.Outcome o;
                    try {
                        o = CheckResult.Outcome.valueOf(x[2].toUpperCase());
                    } catch (IllegalArgumentException e) {
                        o = CheckResult.Outcome.ERROR;
                    }
                    long ms;
                    try {
                        ms = Long.parseLong(x[3]);
                    } catch (NumberFormatException e) {
                        ms = -1;
                    }
                    l.add(new CheckResult(x[0], List.of(x[1].split(",")), o, x[4], ms));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return Optional.of(l);
    }
}
