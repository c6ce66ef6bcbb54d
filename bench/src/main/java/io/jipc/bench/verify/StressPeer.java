package io.jipc.bench.verify;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Select;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildSupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVMs of the stress suite and the crash matrix. Modes (first argument):
 * <ul>
 *   <li>{@code produce URI ID COUNT MAX SEED PILLS}: sends {@code COUNT} messages of mixed sizes up
 *       to {@code MAX} with tag {@code ID + 1}, each first with {@code trySend} (a refusal counts as
 *       "found full") then with the blocking or the timed send; then {@code PILLS} end markers;
 *       prints {@code DONE full=N blocked=P} (P: per mille of its time spent inside the send calls, i.e. mostly waiting for room).</li>
 *   <li>{@code consume URI ID PRODUCERS PER_PRODUCER MAX SLOW_NS IDLE_MS RESULT_FILE PILLS}: receives
 *       (blocking, try and timed forms in turn, pausing {@code SLOW_NS} after each message) until
 *       {@code PILLS} end markers came, the stream ended, or nothing came for {@code IDLE_MS};
 *       writes what it saw to {@code RESULT_FILE} ({@link ConsumerReport}).</li>
 *   <li>{@code count MUTEX REGION THREADS ITERATIONS}: {@code THREADS} threads (sharing two
 *       handles) increment the plain counter at offset 0 of the region under the mutex, after the
 *       coordinator sets the start word (offset 16); a word at offset 8 marks "inside" and counts
 *       overlaps. Prints {@code COUNTED overlaps=N ownerDied=M}.</li>
 *   <li>{@code hold MUTEX}: locks, prints {@code HELD}, waits to be killed.</li>
 *   <li>{@code send URI COUNT MAX SIZE}: sends messages (size {@code SIZE}; 0 = the first
 *       {@code COUNT} of 256 bytes, then mixed) forever, printing {@code SENT COUNT} after the first
 *       {@code COUNT}.</li>
 *   <li>{@code recv URI COUNT MAX}: receives {@code COUNT} messages, prints {@code GOT COUNT} (or
 *       {@code BAD ...}), then waits in a blocking receive to be killed.</li>
 * </ul>
 * Every mode prints {@code READY} once its object is open and exits when its parent dies.
 */
public final class StressPeer {
    private StressPeer() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        ChildSupport.exitWhenParentDies();
        switch (args[0]) {
            case "produce" -> produce(args);
            case "consume" -> consume(args);
            case "count" -> count(args);
            case "hold" -> hold(args[1]);
            case "send" -> send(args);
            case "recv" -> recv(args);
            default -> throw new IllegalArgumentException("stress peer: unknown mode " + args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void produce(String[] a) {
        String uri = a[1];
        int id = Integer.parseInt(a[2]);
        long count = Long.parseLong(a[3]);
        int max = Integer.parseInt(a[4]);
        SplittableRandom rnd = new SplittableRandom(Long.parseLong(a[5]));
        int pills = Integer.parseInt(a[6]);
        StressMessage m = new StressMessage(max);
        ByteBuffer b = m.buffer();
        long full = 0;
        long blockedNanos = 0;
        try (MessageChannel ch = Ipc.channel(uri)) {
            say("READY");
            long tag = id + 1;
            long t0 = System.nanoTime();
            for (long seq = 0; seq < count; seq++) {
                m.encode(b, id, seq, m.size(rnd));
                long w = System.nanoTime();
                if (!ch.trySend(b, tag)) {
                    full++;
                    b.position(0);
                    if ((seq & 1) == 0) {
                        ch.send(b, tag);
                    } else {
                        while (!ch.send(b, tag, 1, TimeUnit.SECONDS)) {
                            b.position(0);
                        }
                    }
                }
                blockedNanos += System.nanoTime() - w;
            }
            long elapsed = Math.max(1, System.nanoTime() - t0);
            for (int i = 0; i < pills; i++) {
                m.encodePill(b, id);
                ch.send(b, tag);
            }
            say("DONE full=" + full + " blocked=" + (1000 * blockedNanos / elapsed));
        }
    }

    private static void consume(String[] a) throws IOException {
        String uri = a[1];
        int producers = Integer.parseInt(a[3]);
        long perProducer = Long.parseLong(a[4]);
        int max = Integer.parseInt(a[5]);
        long slowNanos = Long.parseLong(a[6]);
        long idleMs = Long.parseLong(a[7]);
        Path result = Path.of(a[8]);
        int pillsToStop = Integer.parseInt(a[9]);
        StressMessage m = new StressMessage(max);
        ByteBuffer b = m.buffer();
        ConsumerReport rep = new ConsumerReport(producers, perProducer);
        int pills = 0;
        long calls = 0;
        try (MessageChannel ch = Ipc.channel(uri)) {
            say("READY");
            while (pills < pillsToStop) {
                b.clear();
                long tag;
                try {
                    tag = receive(ch, b, calls++, idleMs);
                } catch (IpcRemoved e) {
                    rep.end = "end of stream (" + e.getMessage() + ")";
                    break;
                }
                if (tag == MessageChannel.NO_MESSAGE) {
                    rep.end = "nothing for " + idleMs + " ms";
                    break;
                }
                ConsumerReport.Seen seen = rep.account(m, b, tag, perProducer);
                if (seen == ConsumerReport.Seen.PILL) {
                    pills++;
                } else if (seen == ConsumerReport.Seen.NEW && slowNanos > 0) {
                    LockSupport.parkNanos(slowNanos);
                }
            }
            if (rep.end == null) {
                rep.end = "end markers";
            }
        }
        rep.write(result);
        say("DONE");
    }

    /** The {@code call}-th receive: blocking, try-then-timed, and timed, in turn. */
    private static long receive(MessageChannel ch, ByteBuffer b, long call, long idleMs) {
        switch ((int) (call % 3)) {
            case 0:
                return ch.receive(b, Select.any());
            case 1:
                long tag = ch.tryReceive(b, Select.any());
                return tag != MessageChannel.NO_MESSAGE ? tag : ch.receive(b, Select.any(), idleMs, TimeUnit.MILLISECONDS);
            default:
                return ch.receive(b, Select.any(), idleMs, TimeUnit.MILLISECONDS);
        }
    }

    private static void count(String[] a) throws InterruptedException {
        String mutexUri = a[1];
        int threads = Integer.parseInt(a[3]);
        long iterations = Long.parseLong(a[4]);
        AtomicLong overlaps = new AtomicLong();
        AtomicLong died = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        try (SharedRegion r = Ipc.region(a[2]); Mutex m0 = Ipc.mutex(mutexUri); Mutex m1 = Ipc.mutex(mutexUri)) {
            ByteBuffer buf = r.buffer();
            say("READY");
            while (r.getLongVolatile(16) == 0) {
                LockSupport.parkNanos(200_000);
            }
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                Mutex m = (t & 1) == 0 ? m0 : m1;
                ts[t] = new Thread(() -> {
                    try {
                        for (long i = 0; i < iterations; i++) {
                            lock(m, i);
                            try {
                                if (m.ownerDied()) {
                                    died.incrementAndGet();
                                    m.markConsistent();
                                }
                                if (r.getLongVolatile(8) != 0) {
                                    overlaps.incrementAndGet();
                                }
                                r.putLongRelease(8, 1);
                                long v = buf.getLong(0);
                                if ((i & 63) == 0) {
                                    Thread.yield();
                                }
                                buf.putLong(0, v + 1);
                                r.putLongRelease(8, 0);
                            } finally {
                                m.unlock();
                            }
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        System.out.println("ERROR " + e);
                        e.printStackTrace(System.out);
                    }
                }, "stress-counter-" + t);
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
        }
        say("COUNTED overlaps=" + overlaps.get() + " ownerDied=" + died.get() + " errors=" + errors.get());
    }

    private static void lock(Mutex m, long i) {
        switch ((int) (i % 3)) {
            case 0 -> m.lock();
            case 1 -> {
                if (!m.tryLock()) {
                    m.lock();
                }
            }
            default -> {
                while (!m.tryLock(1, TimeUnit.SECONDS)) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static void hold(String uri) throws InterruptedException {
        Mutex m = Ipc.mutex(uri);
        say("READY");
        m.lock();
        say("HELD ownerDied=" + m.ownerDied());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void send(String[] a) {
        long count = Long.parseLong(a[2]);
        int max = Integer.parseInt(a[3]);
        int size = Integer.parseInt(a[4]);
        StressMessage m = new StressMessage(max);
        ByteBuffer b = m.buffer();
        SplittableRandom rnd = new SplittableRandom(7);
        MessageChannel ch = Ipc.channel(a[1]);
        say("READY");
        for (long seq = 0; ; seq++) {
            // the first COUNT are small, so that they fit any channel before anyone receives
            m.encode(b, 0, seq, size > 0 ? size : seq < count ? Math.min(max, 256) : m.size(rnd));
            ch.send(b, 1);
            if (seq + 1 == count) {
                say("SENT " + count);
            }
        }
    }

    private static void recv(String[] a) {
        long count = Long.parseLong(a[2]);
        int max = Integer.parseInt(a[3]);
        StressMessage m = new StressMessage(max);
        ByteBuffer b = m.buffer();
        MessageChannel ch = Ipc.channel(a[1]);
        say("READY");
        for (long i = 0; i < count; i++) {
            b.clear();
            ch.receive(b, Select.any());
            if (m.check(b, b.position()) != StressMessage.Kind.DATA || StressMessage.seq(b) != i) {
                say("BAD message " + i);
            }
        }
        say("GOT " + count);
        b.clear();
        ch.receive(b, Select.any());
        say("EXTRA");
        while (true) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }
}
