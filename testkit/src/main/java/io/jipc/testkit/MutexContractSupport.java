package io.jipc.testkit;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.Mutex;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The hooks and helpers of the {@link MutexContract} suite: how a backend opens a mutex, how many
 * increments the counter tests make, what remove does to a blocked thread, and the thread helpers.
 */
public abstract class MutexContractSupport extends ContractSupport {
    /** {@return how many increments each participant makes in the counter tests} */
    protected int increments() {
        return 300;
    }

    /** A moment for a thread to enter a kernel wait where nothing observable says it did. */
    protected static final long ENTER_WAIT_MILLIS = 200;

    /** What {@link Mutex#remove()} does to a thread blocked in {@code lock()} on the object. */
    protected enum RemoveWhileBlocked {
        /** SysV: the object goes at once; blocked threads fail with {@link IpcRemoved}. */
        WAITERS_FAIL,
        /** POSIX and kernel file locks: the name goes; open handles keep locking the same object. */
        HANDLES_KEEP_WORKING,
        /** Lock files and ZooKeeper: the file or znode <em>is</em> the lock; removing it breaks the lock (a waiter gets it or fails: gone). */
        LOCK_BROKEN
    }

    /** {@return the mechanism's behaviour for the test {@code removeWhileAThreadIsBlocked} (default: handles keep working)} */
    protected RemoveWhileBlocked removeWhileBlocked() {
        return RemoveWhileBlocked.HANDLES_KEEP_WORKING;
    }

    /**
     * Opens a mutex; a backend outside the registry overrides it.
     *
     * @param uri the URI to open, from {@link #freshUri()} or {@link #peerUri}
     * @return the open mutex (default {@link Ipc#mutex(String)})
     */
    protected Mutex openMutex(String uri) {
        return Ipc.mutex(uri);
    }

    /** {@return a new mutex on {@link #freshUri()}, tracked and removed after the test} */
    protected Mutex fresh() {
        return track(openMutex(freshUri()), true);
    }

    /**
     * A second handle on the object of {@code first}, tracked (closed, not removed) after the test.
     *
     * @param first an open mutex
     * @return a handle opened with {@link #peerUri}
     */
    protected Mutex second(Mutex first) {
        return track(openMutex(peerUri(first)), false);
    }

    /**
     * Runs {@code task} in another thread and waits for its result.
     *
     * @param <T> the result type
     * @param task what to run
     * @return what it returned
     * @throws Exception what it threw (wrapped), or a timeout
     */
    protected static <T> T inOtherThread(java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            return pool.submit(task).get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Can {@code probe} take the mutex (in another thread, waiting up to {@code millis})? Unlocks at once.
     *
     * @param probe the handle to try
     * @param millis how long the other thread may wait
     * @return whether it got the mutex
     * @throws Exception what the other thread threw (wrapped), or a timeout
     */
    protected static boolean canLock(Mutex probe, long millis) throws Exception {
        return inOtherThread(() -> {
            boolean got = probe.tryLock(millis, TimeUnit.MILLISECONDS);
            if (got) {
                probe.unlock();
            }
            return got;
        });
    }
}
