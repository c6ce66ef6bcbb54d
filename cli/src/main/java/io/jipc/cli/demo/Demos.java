package io.jipc.cli.demo;

import io.jipc.cli.Teardown;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.cli.Failure;
import io.jipc.spi.Backend;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The coordinator of each demo: picks or checks the URI, creates the object, starts the
 * participants as separate JVMs, relays what they print, checks the outcome and removes the
 * object. Each method returns the exit code.
 */
public final class Demos {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Predicate<Capabilities> SELECTS = c -> c.tagging() == Capabilities.Tagging.SYSV_TYPE;

    private final PrintWriter out;
    private final String userUri;

    /** @param userUri the object the user asked for, or {@code null} to pick one */
    public Demos(PrintWriter out, String userUri) {
        this.out = out;
        this.userUri = userUri;
    }

    private void say(String s) {
        out.println("[demo] " + s);
        out.flush();
    }

    private static String installed(Primitive p) {
        String s = Ipc.backends().stream().filter(b -> b.primitives().contains(p)).map(Backend::scheme)
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "none installed" : "installed: " + s;
    }

    /** The URI (open=create) of the object the demo creates. */
    private String pick(String demo, Primitive p, Predicate<Capabilities> need, String needText, long size) {
        if (userUri != null) {
            IpcUri u = IpcUri.parse(userUri);
            Backend b = Ipc.backend(u.scheme());
            if (b == null || !b.primitives().contains(p)) {
                throw new Failure("demo " + demo + " needs a " + p.label() + ", and scheme '" + u.scheme() + "' offers none ("
                        + installed(p) + ")");
            }
            if (!need.test(b.capabilities(p))) {
                throw new Failure("demo " + demo + " needs " + needText + "; scheme '" + u.scheme() + "' cannot ("
                        + "schemes that can: " + String.join(", ", DemoUris.schemes(p, need)) + ")");
            }
            return DemoUris.withOpen(userUri, "create");
        }
        List<String> s = DemoUris.schemes(p, need);
        if (s.isEmpty()) {
            throw new Failure("demo " + demo + " needs " + needText + ", and no installed backend offers one ("
                    + installed(p) + "); the sysv backend (module jipc-sysv) can");
        }
        return DemoUris.fresh(s.get(0), p, demo, size);
    }

    private static IpcHandle open(Primitive p, String uri) {
        Teardown.checkNotStopping(); // interrupted: create nothing more
        switch (p) {
            case CHANNEL: return Ipc.channel(uri);
            case MUTEX: return Ipc.mutex(uri);
            default: return Ipc.region(uri);
        }
    }

    private int finish(Cast cast, String what) throws InterruptedException {
        List<String> failed = cast.awaitAll(DEADLINE);
        if (!failed.isEmpty()) {
            throw new Failure("demo " + what + " failed: " + String.join(", ", failed));
        }
        return 0;
    }

    /**
     * Sends one probe message through a new queue and takes it back, before any participant
     * starts: shows the queue works, and leaves the demo's pid as its last sender and receiver
     * (so tools that treat a never-used queue as abandoned, such as leak guards, leave it alone).
     */
    private IpcHandle probe(IpcHandle h) {
        MessageChannel ch = (MessageChannel) h;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(16);
        long tag = ch.capabilities().tagging() == Capabilities.Tagging.SYSV_TYPE ? 1 : ch.capabilities().defaultTag();
        ch.send(b.put((byte) '?').flip(), tag);
        b.clear();
        if (ch.tryReceive(b, io.jipc.api.Select.any()) != MessageChannel.NO_MESSAGE) {
            say("checked the queue: a probe message went through and was taken back");
        }
        return h;
    }

    private static void removeQuietly(IpcHandle h) {
        try {
            h.remove();
        } catch (RuntimeException e) {
            // already gone
        } finally {
            h.close();
        }
    }

    /** Seed 002: ping-pong with types 1 and 2 on one queue. */
    public int pingpong(int rounds) throws InterruptedException {
        if (userUri != null && IpcUri.parse(userUri).scheme().equals("aeron")) {
            return pingpongOnTwoStreams(rounds);
        }
        String uri = pick("pingpong", Primitive.CHANNEL, SELECTS, "a channel that selects messages by type (like sysv)", 0);
        say("ping-pong (seed 002): two processes share one queue; ping sends type 1 and waits for type 2,");
        say("pong waits for type 1 and answers with type 2, so each reads only the other's messages.");
        IpcHandle h = open(Primitive.CHANNEL, uri);
        Teardown.Registration undo = Teardown.onInterrupt(uri, () -> removeQuietly(h));
        say("created the queue " + uri);
        probe(h);
        try (Cast cast = new Cast(out)) {
            String peer = DemoUris.openOnly(uri);
            cast.start("pong", Participants.PingPong.class, peer, "pong", Integer.toString(rounds));
            cast.start("ping", Participants.PingPong.class, peer, "ping", Integer.toString(rounds));
            int rc = finish(cast, "pingpong");
            say("done: " + rounds + " round(s) of ping and pong");
            return rc;
        } finally {
            removeQuietly(h);
            undo.close();
            say("removed the queue");
        }
    }

    /** Seed 002 on {@code aeron:} (no type selection, every subscriber gets every message): requests and replies on two streams. */
    private int pingpongOnTwoStreams(int rounds) throws InterruptedException {
        String replies = StreamPingPong.replyUri(userUri);
        say("ping-pong (seed 002) over Aeron: every subscriber of a stream gets every message, so ping sends on");
        say(userUri + " and pong answers on " + replies + "; the tags 1 and 2 travel with the messages.");
        try (Cast cast = new Cast(out)) {
            cast.start("pong", StreamPingPong.class, userUri, replies, "pong", Integer.toString(rounds));
            cast.start("ping", StreamPingPong.class, userUri, replies, "ping", Integer.toString(rounds));
            int rc = finish(cast, "pingpong");
            say("done: " + rounds + " round(s) of ping and pong");
            return rc;
        }
    }

    /** Seeds 002 and 000: the adder server and its clients. */
    public int adder(boolean shared, int clients) throws InterruptedException {
        String uri = shared
                ? pick("adder --design shared", Primitive.CHANNEL, SELECTS, "a channel that selects messages by type (like sysv)", 0)
                : pick("adder", Primitive.CHANNEL, c -> true, "a named channel", 0);
        String scheme = IpcUri.parse(uri).scheme();
        if (shared) {
            say("adder, one shared queue (seed 000): requests go with type 1 and carry the client's pid;");
            say("the server answers with type = that pid, and each client receives only its own type.");
        } else {
            say("adder, a queue per client (seed 002): each client creates a private reply queue and puts its");
            say("name inside the request; the server answers there. The server stops on a request with a + b == 0.");
        }
        IpcHandle h = open(Primitive.CHANNEL, uri);
        Teardown.Registration undo = Teardown.onInterrupt(uri, () -> removeQuietly(h));
        say("created the server's queue " + uri);
        probe(h);
        try (Cast cast = new Cast(out)) {
            String peer = DemoUris.openOnly(uri);
            cast.start("server", Participants.AdderServer.class, peer, shared ? "shared" : "per-client");
            for (int i = 1; i <= clients; i++) {
                cast.start("client" + i, Participants.AdderClient.class, peer, shared ? "shared" : "per-client",
                        Integer.toString(10 * i), Integer.toString(i), scheme);
            }
            // Wait for the clients' answers, then stop the server with a + b == 0.
            MessageChannel ch = (MessageChannel) h;
            waitClients(cast, clients);
            long tag = ch.capabilities().tagging() == Capabilities.Tagging.SYSV_TYPE ? 1 : ch.capabilities().defaultTag();
            String stop = shared ? ProcessHandle.current().pid() + " 0 0" : "0 0 -";
            ch.send(Participants.text(stop), tag);
            say("sent the stop request '" + stop + "'");
            int rc = finish(cast, "adder");
            say("done");
            return rc;
        } finally {
            removeQuietly(h);
            undo.close();
            say("removed the server's queue");
        }
    }

    private void waitClients(Cast cast, int clients) throws InterruptedException {
        // The clients print "a + b = sum" when answered; relay until all have, or until the deadline.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            cast.pump(false);
            if (cast.countLines(": answer ") >= clients || cast.anyFailed()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** Seed 000: types 300, 100, 200, 400, 100 read with upTo(300); on POSIX, priority order. */
    public int priority() throws InterruptedException {
        String uri = pick("priority", Primitive.CHANNEL,
                c -> c.tagging() == Capabilities.Tagging.SYSV_TYPE || c.tagging() == Capabilities.Tagging.PRIORITY,
                "a channel with message types or priorities (sysv or posix)", 0);
        IpcHandle h = open(Primitive.CHANNEL, uri);
        Teardown.Registration undo = Teardown.onInterrupt(uri, () -> removeQuietly(h));
        boolean sysvTypes = h.capabilities().tagging() == Capabilities.Tagging.SYSV_TYPE;
        if (sysvTypes) {
            say("priority (seed 000): five messages of types 300, 100, 200, 400, 100 are queued; reading with");
            say("upTo(300) (msgtyp = -300) takes the lowest type <= 300 first: 100, 100, 200, 300, then nothing.");
        } else {
            say("priority: five messages with priorities 300, 100, 200, 400, 100 are queued; a POSIX queue");
            say("cannot select, it hands out the highest priority first: 400, 300, 200, 100, 100.");
        }
        say("created the queue " + uri);
        probe(h);
        try (Cast cast = new Cast(out)) {
            String peer = DemoUris.openOnly(uri);
            cast.start("producer", Participants.PriorityProducer.class, peer);
            int rc = finish(cast, "priority (producer)");
            cast.start("consumer", Participants.PriorityConsumer.class, peer, sysvTypes ? "upto" : "any");
            rc = Math.max(rc, finish(cast, "priority (consumer)"));
            if (sysvTypes) {
                say("the type-400 message is still queued: upTo(300) never takes it");
            }
            return rc;
        } finally {
            removeQuietly(h);
            undo.close();
            say("removed the queue");
        }
    }

    /** Several processes increment a counter file under each mutex; the total is checked. */
    public int lock(int increments) throws InterruptedException, IOException {
        List<String> uris = lockUris();
        int workers = 3;
        say("lock: " + workers + " processes each add 1 to a number in a file " + increments + " times, under a mutex;");
        say("without mutual exclusion increments get lost, with it the total is exactly " + (workers * increments) + ".");
        List<String> results = new ArrayList<>();
        boolean ok = true;
        for (String uri : uris) {
            Teardown.checkNotStopping(); // interrupted: create nothing more
            LockOutcome outcome = lockOne(uri, workers, increments);
            ok &= outcome.good();
            results.add(outcome.line());
        }
        say("summary:");
        results.forEach(r -> say("  " + r));
        if (!ok) {
            throw new Failure("demo lock: a total came out wrong (see above)");
        }
        return 0;
    }

    /** The mutexes the lock demo uses: the user's, or a fresh one of every installed scheme. */
    private List<String> lockUris() {
        List<String> uris = new ArrayList<>();
        if (userUri != null) {
            uris.add(pick("lock", Primitive.MUTEX, c -> true, "a mutex", 0));
        } else {
            for (String s : DemoUris.schemes(Primitive.MUTEX, c -> true)) {
                uris.add(DemoUris.fresh(s, Primitive.MUTEX, "lock", 0));
            }
            if (uris.isEmpty()) {
                throw new Failure("demo lock needs a mutex, and no installed backend offers one (" + installed(Primitive.MUTEX) + ")");
            }
        }
        return uris;
    }

    /** One line of the lock demo's results, and whether it is a success. */
    private record LockOutcome(String line, boolean good) {
    }

    private LockOutcome said(LockOutcome outcome) {
        say(outcome.line());
        return outcome;
    }

    /**
     * Creates the mutex {@code uri} and a counter file, lets the workers increment it, checks the
     * total, prints the result line and removes both (also when interrupted).
     */
    private LockOutcome lockOne(String uri, int workers, int increments) throws InterruptedException, IOException {
        String scheme = IpcUri.parse(uri).scheme();
        Path counter = Files.createTempFile("jipc-demo-counter-", ".bin");
        IpcHandle h = null;
        Teardown.Registration undoCounter = Teardown.deleteOnInterrupt(counter);
        Teardown.Registration undo = null;
        try (Cast cast = new Cast(out)) {
            h = open(Primitive.MUTEX, uri);
            IpcHandle created = h;
            undo = Teardown.onInterrupt(uri, () -> removeQuietly(created));
            say("--- " + scheme + ": created the mutex " + uri);
            for (int i = 0; i < workers; i++) {
                cast.start("worker" + (i + 1), Participants.LockWorker.class, DemoUris.openOnly(uri), counter.toString(),
                        Integer.toString(increments));
            }
            List<String> failed = cast.awaitAll(DEADLINE);
            long total = readCounter(counter);
            boolean good = failed.isEmpty() && total == (long) workers * increments;
            return said(new LockOutcome(scheme + ": counter = " + total + ", expected " + (workers * increments)
                    + (good ? "  OK" : "  WRONG" + (failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")")), good));
        } catch (RuntimeException e) {
            return said(new LockOutcome(scheme + ": FAILED: " + e.getMessage(), false));
        } finally {
            if (h != null) {
                removeQuietly(h);
            }
            if (undo != null) {
                undo.close();
            }
            Files.deleteIfExists(counter);
            undoCounter.close();
        }
    }

    /** The counter the lock workers increment: a long at offset 0, 0 while the file is shorter. */
    private static long readCounter(Path counter) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(counter.toFile(), "r")) {
            return f.length() >= 8 ? f.readLong() : 0;
        }
    }

    /** A writer updates a shared region, a reader prints each version. */
    public int shmMonitor(int updates) throws InterruptedException {
        String uri = pick("shm-monitor", Primitive.REGION, c -> true, "a shared region", 4096);
        say("shm-monitor: a writer process updates a text in a shared region; a reader process prints each");
        say("version. A sequence counter (odd while writing) tells the reader when a text is complete.");
        IpcHandle h = open(Primitive.REGION, uri);
        Teardown.Registration undo = Teardown.onInterrupt(uri, () -> removeQuietly(h));
        say("created the region " + uri + " (" + ((SharedRegion) h).size() + " bytes)");
        try (Cast cast = new Cast(out)) {
            String peer = DemoUris.openOnly(uri);
            cast.start("reader", Participants.ShmReader.class, peer);
            cast.start("writer", Participants.ShmWriter.class, peer, Integer.toString(updates));
            int rc = finish(cast, "shm-monitor");
            say("done");
            return rc;
        } finally {
            removeQuietly(h);
            undo.close();
            say("removed the region");
        }
    }
}
