package io.jipc.bench;

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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/*
 * What: a mutex contended by two processes. A peer JVM locks, holds for a short critical section
 * (~1 us of work) and unlocks in a loop; the benchmark thread does the same, so the lock changes
 * hands between processes. Reports lock+unlock operations/s of the benchmark side and, in the side
 * file cpu.tsv, the CPU time (utime+stime from /proc/PID/stat) both processes burnt over the trial:
 * blocking mutexes sleep while waiting, lock files poll (C7) and burn CPU or wait out back-off.
 * Claims: C6 (fcntl vs semaphores contended), C7 (lock-file polling).
 * Run just it: ./jipc bench --only MutexContended
 *          or: java -jar jipc-bench.jar MutexContended -p mech=lockfile
 */
/** Two-process contended hand-over of every mutex mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MutexContended {
    /** The mechanism, see {@link Locker#ALL}. */
    @Param({"sysv", "posix", "fcntl", "ofd", "flock", "lockfile", "linklock", "robust", "zookeeper", "jdk-filelock"})
    public String mech;

    private Locker lock;
    private Path dir;
    private ChildProcess peer;
    private long ops;
    private final CpuWindow cpu = new CpuWindow();

    /** Creates the lock and starts the contending peer. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Locker.unavailable(mech), "setup of " + mech, this::tearDown, () -> {
            dir = BenchSupport.tempDir("mutexc");
            String[] specs = Locker.specs(mech, dir);
            lock = Locker.open(specs[0]);
            peer = Peers.start(Contender.class, specs[1]);
        });
        cpu.open(peer.pid());
    }

    /** One lock, short critical section, unlock. */
    @Benchmark
    public long lockWorkUnlock() {
        lock.lock();
        long x = work();
        lock.unlock();
        ops++;
        return x;
    }

    static long work() {
        long x = 0;
        for (int i = 0; i < 200; i++) {
            x += i * 31L ^ x;
        }
        return x;
    }

    /** Records the CPU both processes burnt and removes the lock. */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams bp) {
        cpu.record(bp, ops);
        tearDown();
    }

    private void tearDown() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
        if (lock != null) {
            BenchSupport.removeQuietly(lock::remove);
            lock.close();
            lock = null;
        }
        BenchSupport.deleteQuietly(dir);
    }

    /** The peer: lock, work, unlock, forever. */
    public static final class Contender {
        private Contender() {
        }

        /** Entry point: args[0] is the lock spec. */
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            Locker l = Locker.open(args[0]);
            System.out.println("READY");
            System.out.flush();
            long sink = 0;
            while (true) {
                l.lock();
                sink += work();
                l.unlock();
                if (sink == 42) {
                    System.out.println(sink);
                }
            }
        }
    }
}
