package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/*
 * What: C2's "shared memory always needs synchronization": a round trip of SIZE bytes through a
 * shared region guarded by a jipc Mutex. The client locks, writes the payload, publishes an odd
 * sequence number, unlocks; the peer JVM sees the number (spinning on a volatile read), locks,
 * copies the payload into its reply, publishes the next number, unlocks; the client sees it, locks,
 * copies the reply out, unlocks. Compared in the report with ChannelRoundTrip's pipe (or the
 * first stream mechanism installed) at the same sizes: where is the crossover?
 * Claims: C2 (and C1: shared memory with its synchronization vs a kernel copy).
 * Run just it: ./jipc bench --only RegionHandOver
 */
/** Region + mutex hand-over round trip per size (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegionHandOver {
    static final int SEQ = 0;
    static final int DATA = 64;

    /** Payload bytes. */
    @Param({"64", "1024", "8192", "65536"})
    public int size;

    /** Which mutex guards the region ("auto": the first installed of posix, sysv, robust). */
    @Param({"auto"})
    public String mutex;

    private SharedRegion region;
    private Mutex lock;
    private String regionOpen;
    private String lockOpen;
    private ChildProcess peer;
    private Peers.Watchdog watchdog;
    private ByteBuffer rb;
    private ByteBuffer msg;
    private ByteBuffer dst;
    private long seq;

    /** Creates region and mutex, starts the peer. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        String m = mutex.equals("auto") ? firstInstalled("posix", "sysv", "robust") : mutex;
        String r = firstInstalled("posix", "sysv");
        if (m == null || r == null || Ipc.backend(m) == null) {
            throw BenchSupport.skip(bp, "skipped: needs a region backend (posix or sysv) and a mutex backend (" + mutex
                    + "); installed: " + Ipc.backends().stream().map(b -> b.scheme()).toList());
        }
        BenchSupport.setUp(bp, "setup of region " + r + " + mutex " + m, this::tearDown, () -> {
            String[] ru = Regions.uris(r, DATA + Math.max(size, 64), null);
            String[] lu = Locker.specs(m, null);
            region = Ipc.region(ru[0]);
            regionOpen = ru[1];
            lock = Ipc.mutex(lu[0].substring(5));
            lockOpen = lu[1].substring(5);
            rb = region.buffer();
            msg = ByteBuffer.allocateDirect(size);
            dst = ByteBuffer.allocateDirect(size);
            peer = Peers.start(Server.class, regionOpen, lockOpen, Integer.toString(size));
            SharedRegion rr = region;
            watchdog = new Peers.Watchdog(peer, () -> rr.putLongRelease(SEQ, -1));
        });
    }

    static String firstInstalled(String... schemes) {
        for (String s : schemes) {
            if (Ipc.backend(s) != null) {
                return s;
            }
        }
        return null;
    }

    /** One hand-over there and back. */
    @Benchmark
    public long roundTrip() {
        lock.lock();
        rb.clear().position(DATA);
        msg.clear();
        rb.put(msg);
        region.putLongRelease(SEQ, ++seq);
        lock.unlock();
        long want = ++seq;
        long s;
        int spins = 0;
        while ((s = region.getLongVolatile(SEQ)) != want) {
            if (s < 0) {
                throw new IllegalStateException("peer died: " + watchdog.death());
            }
            spins = Spin.idle(spins);
        }
        lock.lock();
        rb.clear().position(DATA).limit(DATA + size);
        dst.clear();
        dst.put(rb);
        lock.unlock();
        return s;
    }

    /** Stops the peer, removes both objects. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Peers.stop(watchdog, peer);
        peer = null;
        if (region != null) {
            BenchSupport.removeQuietly(region::remove);
            region.close();
            region = null;
        }
        if (lock != null) {
            BenchSupport.removeQuietly(lock::remove);
            lock.close();
            lock = null;
        }
    }

    /** The peer: waits for an odd sequence number, copies the payload into the reply. */
    public static final class Server {
        private Server() {
        }

        /** Entry point: region URI, mutex URI, size. */
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            SharedRegion region = Ipc.region(args[0]);
            Mutex lock = Ipc.mutex(args[1]);
            int size = Integer.parseInt(args[2]);
            ByteBuffer rb = region.buffer();
            ByteBuffer tmp = ByteBuffer.allocateDirect(size);
            System.out.println("READY");
            System.out.flush();
            long seen = 0;
            while (true) {
                long s;
                int spins = 0;
                while ((s = region.getLongVolatile(SEQ)) == seen || (s & 1) == 0) {
                    spins = Spin.idle(spins);
                }
                lock.lock();
                rb.clear().position(DATA).limit(DATA + size);
                tmp.clear();
                tmp.put(rb);
                tmp.flip();
                rb.clear().position(DATA);
                rb.put(tmp);
                seen = s + 1;
                region.putLongRelease(SEQ, seen);
                lock.unlock();
            }
        }
    }
}
