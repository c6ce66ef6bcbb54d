package io.jipc.bench;

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
 * What: the cost of an uncontended lock()+unlock() pair of every mutex mechanism (SysV and POSIX
 * semaphores, fcntl/OFD/flock record locks, lock files by O_EXCL and by link(), robust pthread
 * mutex in shared memory) and of the JDK's FileChannel.lock beside them. One process, no peer.
 * Claims: C6 (fcntl "slightly slower" than semaphores), C7 (lock files), recommendation "lock".
 * Run just it: ./jipc bench --only MutexUncontended
 *          or: java -jar jipc-bench.jar MutexUncontended -p mech=fcntl
 */
/** Uncontended lock+unlock of every mutex mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MutexUncontended {
    /** The mechanism, see {@link Locker#ALL}. */
    @Param({"sysv", "posix", "fcntl", "ofd", "flock", "lockfile", "linklock", "robust", "zookeeper", "jdk-filelock"})
    public String mech;

    private Locker lock;
    private Path dir;

    /** Creates the lock. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Locker.unavailable(mech), "setup of " + mech, this::tearDown, () -> {
            dir = BenchSupport.tempDir("mutex");
            lock = Locker.open(Locker.specs(mech, dir)[0]);
            lock.lock();
            lock.unlock();
        });
    }

    /** One lock()+unlock(). */
    @Benchmark
    public void lockUnlock() {
        lock.lock();
        lock.unlock();
    }

    /** Removes the lock. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (lock != null) {
            BenchSupport.removeQuietly(lock::remove);
            lock.close();
            lock = null;
        }
        BenchSupport.deleteQuietly(dir);
    }
}
