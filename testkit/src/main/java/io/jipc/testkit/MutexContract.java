package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.peers.MutexCounter;
import io.jipc.testkit.peers.MutexHolder;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link Mutex} contract every mutex backend passes: open modes, idempotent close,
 * non-reentrancy, unlock by a non-holder, try and timed locks, exclusion of other threads of the
 * same JVM (through one handle and through two) and of other processes, an exact non-atomic
 * counter across threads and across JVMs, and {@code kill -9} of a holder with the outcome the
 * capabilities declare ({@link Capabilities#crashReleases()},
 * {@link Capabilities#ownerDeathDetected()}).
 *
 * <p>The lifecycle under threads ({@link Mutex}'s "close and the lock" rules): another thread
 * closing a handle while it is held (the lock keeps excluding until the holder unlocks, then the
 * handle is closed for good), close while a thread waits in {@code lock} or the timed
 * {@code tryLock} (it wakes with {@link IpcClosed} and holds nothing), the holder closing its own
 * handle (released), the holder locking through a second handle ({@link IllegalStateException}),
 * unlock and lock on a closed handle, and {@code remove()} while a thread is blocked (per
 * mechanism: {@link #removeWhileBlocked()}). Threads are ordered with latches; where a thread
 * must be inside its kernel wait and nothing shows it, the test gives it a short moment
 * ({@link #ENTER_WAIT_MILLIS}) and asserts nothing on time.
 */
public abstract class MutexContract extends ContractSupport {
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

    /** {@return the mechanism's behaviour for {@link #removeWhileAThreadIsBlocked()} (default: handles keep working)} */
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

    private Mutex fresh() {
        return track(openMutex(freshUri()), true);
    }

    private Mutex second(Mutex first) {
        return track(openMutex(peerUri(first)), false);
    }

    private static <T> T inOtherThread(java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            return pool.submit(task).get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void openModesCreateAndOpenAreEnforced() {
        assumeTrue(reachableByName(), "not reachable by name");
        String uri = freshUri();
        assertThrows(IpcNotFound.class, () -> openMutex(ContractSupport.withOption(uri, "open", "open")).close());
        Mutex m = track(openMutex(ContractSupport.withOption(uri, "open", "create")), true);
        assertThrows(IpcAlreadyExists.class, () -> openMutex(ContractSupport.withOption(uri, "open", "create")).close());
        track(openMutex(peerUri(m)), false);
    }

    @Test
    void lockUnlockAndIdempotentClose() {
        Mutex m = fresh();
        m.lock();
        assertTrue(m.isHeldByCurrentThread());
        assertFalse(m.ownerDied(), "a fresh mutex has no dead owner");
        m.unlock();
        assertFalse(m.isHeldByCurrentThread());
        assertTrue(m.tryLock());
        m.unlock();
        assertTrue(m.tryLock(10, TimeUnit.MILLISECONDS));
        m.unlock();
        assertThrows(IllegalArgumentException.class, () -> m.tryLock(-1, TimeUnit.MILLISECONDS), "negative timeout");
        Mutex other = second(m);
        other.close();
        other.close();
        assertTrue(other.isClosed());
        IpcException e = assertThrows(IpcException.class, other::tryLock);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void notReentrantAndOnlyTheHolderUnlocks() throws Exception {
        Mutex m = fresh();
        assertThrows(IllegalMonitorStateException.class, m::unlock, "unlock without holding");
        m.lock();
        assertThrows(IllegalStateException.class, m::lock, "lock again by the holder");
        assertThrows(IllegalStateException.class, m::tryLock, "tryLock again by the holder");
        assertTrue((boolean) inOtherThread(() -> {
            try {
                m.unlock();
                return false;
            } catch (IllegalMonitorStateException expected) {
                return true;
            }
        }), "another thread cannot unlock");
        assertTrue(m.isHeldByCurrentThread(), "still held after the refused unlock");
        m.unlock();
    }

    @Test
    void excludesOtherThreadsThroughTheSameHandle() throws Exception {
        Mutex m = fresh();
        m.lock();
        try {
            assertFalse((boolean) inOtherThread(() -> m.tryLock()), "same handle, other thread, tryLock");
            assertFalse((boolean) inOtherThread(() -> m.tryLock(50, TimeUnit.MILLISECONDS)), "same handle, other thread, timed");
        } finally {
            m.unlock();
        }
        assertTrue((boolean) inOtherThread(() -> {
            boolean got = m.tryLock();
            if (got) {
                m.unlock();
            }
            return got;
        }), "free again after unlock");
    }

    @Test
    void excludesOtherThreadsThroughAnotherHandle() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        Mutex m = fresh();
        Mutex other = second(m);
        m.lock();
        try {
            assertFalse((boolean) inOtherThread(() -> other.tryLock()), "other handle, other thread, tryLock");
            assertFalse((boolean) inOtherThread(() -> other.tryLock(50, TimeUnit.MILLISECONDS)), "other handle, timed");
        } finally {
            m.unlock();
        }
        assertTrue((boolean) inOtherThread(() -> {
            boolean got = other.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (got) {
                other.unlock();
            }
            return got;
        }));
    }

    @Test
    void blockedLockerGetsTheMutexWhenReleased() throws Exception {
        Mutex m = fresh();
        m.lock();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = pool.submit(() -> {
                started.countDown();
                m.lock();
                boolean held = m.isHeldByCurrentThread();
                m.unlock();
                return held;
            });
            started.await();
            Thread.sleep(50);
            assertFalse(waiter.isDone(), "the waiter must wait while the mutex is held");
            m.unlock();
            assertTrue(waiter.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsOfOneJvmKeepANonAtomicCounterExact() throws Exception {
        Mutex shared = fresh();
        Mutex other = reachableByName() ? second(shared) : shared;
        long[] counter = new long[1];
        int n = increments() * 3;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Mutex[] handles = {shared, other, shared};
            Future<?>[] fs = new Future<?>[3];
            for (int t = 0; t < 3; t++) {
                Mutex h = handles[t];
                fs[t] = pool.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        h.lock();
                        try {
                            long v = counter[0];
                            Thread.yield();
                            counter[0] = v + 1;
                        } finally {
                            h.unlock();
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) {
                f.get(CHILD_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        shared.lock();
        try {
            assertEquals(3L * n, counter[0], "increments lost: exclusion between threads failed");
        } finally {
            shared.unlock();
        }
    }

    @Test
    void processesKeepANonAtomicCounterExact() throws Exception {
        Mutex m = fresh();
        Path counter = TestNames.path("counter");
        Files.writeString(counter, "0");
        try {
            int n = increments();
            ChildProcess a = track(spawnPeer(m, MutexCounter.class, counter.toString(), Integer.toString(n)));
            ChildProcess b = track(spawnPeer(m, MutexCounter.class, counter.toString(), Integer.toString(n)));
            try (RandomAccessFile f = new RandomAccessFile(counter.toFile(), "rw")) {
                for (int i = 0; i < n; i++) {
                    m.lock();
                    try {
                        MutexCounter.increment(f);
                    } finally {
                        m.unlock();
                    }
                }
                awaitSuccess(a);
                awaitSuccess(b);
                assertEquals(3L * n, MutexCounter.read(f), "increments lost: exclusion between processes failed");
            }
        } finally {
            Files.deleteIfExists(counter);
        }
    }

    @Test
    void anotherProcessHoldingExcludesThisOne() throws Exception {
        Mutex m = fresh();
        ChildProcess holder = track(spawnPeer(m, MutexHolder.class, "3600"));
        await(holder, "LOCKED");
        assertFalse(m.tryLock(), "tryLock while another process holds it");
        assertFalse(m.tryLock(100, TimeUnit.MILLISECONDS), "timed tryLock while another process holds it");
        holder.killAndWait();
    }

    @Test
    void killedHolderHasTheDeclaredOutcome() throws Exception {
        Mutex m = fresh();
        Capabilities caps = m.capabilities();
        ChildProcess holder = track(spawnPeer(m, MutexHolder.class, "3600"));
        await(holder, "LOCKED");
        holder.killAndWait();
        if (caps.crashReleases()) {
            assertTrue(m.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the capabilities say a crashed holder releases the mutex (" + caps.crashLeaves() + ")");
            assertEquals(caps.ownerDeathDetected(), m.ownerDied(),
                    "ownerDied() after inheriting from a killed holder must match ownerDeathDetected");
            m.markConsistent();
            assertFalse(m.ownerDied());
            m.unlock();
            assertTrue(m.tryLock(), "usable again after repair");
            assertFalse(m.ownerDied(), "only the first acquisition after the crash reports it");
            m.unlock();
        } else {
            assertFalse(m.tryLock(200, TimeUnit.MILLISECONDS),
                    "the capabilities say a crashed holder leaves the mutex locked (" + caps.crashLeaves() + ")");
        }
    }

    @Test
    void removeMakesTheNameUnreachable() {
        assumeTrue(reachableByName(), "not reachable by name");
        Mutex m = openMutex(freshUri());
        try {
            String peer = peerUri(m);
            assumeTrue(m.capabilities().persistence() != Capabilities.Persistence.PROCESS, "process-lifetime object");
            m.remove();
            assertThrows(IpcNotFound.class, () -> openMutex(peer).close(), "open after remove");
        } finally {
            m.close();
        }
    }

    // ---- lifecycle under threads -------------------------------------------------------------

    /**
     * Starts {@code waiter} in {@code pool} and returns once it runs and has had a moment
     * ({@link #ENTER_WAIT_MILLIS}) to enter the kernel wait that nothing observable shows.
     */
    private static Future<Boolean> startWaiting(ExecutorService pool, java.util.concurrent.Callable<Boolean> waiter)
            throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Future<Boolean> f = pool.submit(() -> {
            started.countDown();
            return waiter.call();
        });
        assertTrue(started.await(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the waiter thread started");
        Thread.sleep(ENTER_WAIT_MILLIS);
        return f;
    }

    private static Throwable failureOf(Future<?> f) throws Exception {
        try {
            f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Can {@code probe} take the mutex (in another thread, waiting up to {@code millis})? Unlocks at once. */
    private static boolean canLock(Mutex probe, long millis) throws Exception {
        return inOtherThread(() -> {
            boolean got = probe.tryLock(millis, TimeUnit.MILLISECONDS);
            if (got) {
                probe.unlock();
            }
            return got;
        });
    }

    @Test
    void closeByAnotherThreadWhileHeldKeepsExcludingUntilTheHolderUnlocks() throws Exception {
        Mutex m = fresh();
        Mutex other = reachableByName() ? second(m) : null;
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> holder = pool.submit(() -> {
                m.lock();
                locked.countDown();
                go.await();
                boolean still = m.isHeldByCurrentThread();
                m.unlock();
                return still;
            });
            assertTrue(locked.await(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            m.close();
            assertTrue(m.isClosed());
            assertThrows(IpcClosed.class, m::tryLock, "tryLock on the closed handle");
            assertThrows(IpcClosed.class, () -> m.tryLock(10, TimeUnit.MILLISECONDS), "timed tryLock on the closed handle");
            if (other != null) {
                assertFalse(pool.submit(() -> other.tryLock()).get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "a third thread got in while the holder was inside: the close released the holder's lock");
                assertFalse(pool.submit(() -> other.tryLock(50, TimeUnit.MILLISECONDS)).get(CHILD_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS), "timed: a third thread got in while the holder was inside");
            }
            go.countDown();
            assertTrue(holder.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the holder still holds after another thread closed the handle, and its unlock works");
            assertThrows(IpcClosed.class, m::lock, "the handle is closed for good after the holder's unlock");
            if (other != null) {
                assertTrue(canLock(other, CHILD_TIMEOUT.toMillis()), "free again after the holder's unlock");
                assertTrue(other.tryLock(), "free again");
                assertFalse((boolean) inOtherThread(() -> {
                    try (Mutex third = openMutex(peerUri(other))) {
                        return third.tryLock();
                    }
                }), "exactly one holder: the close must not have released the lock a second time");
                other.unlock();
            }
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void closeByAnotherThreadOfTheOnlyHandleThenTheHolderUnlocksSafely() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        String uri = freshUri();
        Mutex m = openMutex(uri);
        String peer = peerUri(m);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> {
                m.lock();
                locked.countDown();
                go.await();
                m.unlock(); // the last handle: resources must still be there for this unlock
                return null;
            });
            assertTrue(locked.await(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            m.close();
            go.countDown();
            holder.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Mutex a = track(openMutex(peer), true);
            Mutex b = track(openMutex(peer), false);
            assertTrue(a.tryLock(), "free after the holder's unlock");
            assertFalse((boolean) inOtherThread(() -> b.tryLock()), "exactly one holder: the close must not have released it a second time");
            a.unlock();
        } finally {
            go.countDown();
            pool.shutdownNow();
            m.close();
        }
    }

    @Test
    void closeWakesAThreadWaitingThroughTheHandleAndItNeverAcquires() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        Mutex m = fresh();
        m.lock();
        for (boolean timed : new boolean[] {false, true}) {
            Mutex w = second(m);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> waiter = startWaiting(pool, () -> {
                    if (timed) {
                        w.tryLock(CHILD_TIMEOUT.toMillis() * 10, TimeUnit.MILLISECONDS);
                    } else {
                        w.lock();
                    }
                    return w.isHeldByCurrentThread();
                });
                w.close();
                Throwable t = failureOf(waiter);
                assertTrue(t instanceof IpcClosed, (timed ? "timed tryLock" : "lock") + " woken by close must fail with IpcClosed, got " + t);
            } finally {
                pool.shutdownNow();
            }
        }
        m.unlock();
        Mutex probe = second(m);
        assertTrue(canLock(probe, 5_000), "a woken waiter must not have acquired through its closed handle");
    }

    @Test
    void holderClosingItsHandleWakesAThreadWaitingThroughItWithoutHandingItTheLock() throws Exception {
        Mutex m = fresh();
        String peer = reachableByName() ? peerUri(m) : null;
        m.lock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = startWaiting(pool, () -> {
                m.lock();
                return m.isHeldByCurrentThread();
            });
            m.close(); // the holder closes: releases, and the waiter must not take it through the closed handle
            Throwable t = failureOf(waiter);
            assertTrue(t instanceof IpcClosed, "the waiter must fail with IpcClosed, not acquire through the closed handle; got " + t);
        } finally {
            pool.shutdownNow();
        }
        if (peer != null) {
            Mutex probe = track(openMutex(peer), false);
            assertTrue(canLock(probe, 5_000), "free: released by its holder's close, taken by nobody");
        }
    }

    @Test
    void holderLockingThroughASecondHandleFailsAtOnce() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        Mutex m = fresh();
        Mutex other = second(m);
        m.lock();
        try {
            assertThrows(IllegalStateException.class, other::lock, "lock through a second handle by the holder");
            assertThrows(IllegalStateException.class, other::tryLock, "tryLock through a second handle by the holder");
            assertThrows(IllegalStateException.class, () -> other.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "timed tryLock through a second handle by the holder");
            assertFalse(other.isHeldByCurrentThread());
        } finally {
            m.unlock();
        }
        assertTrue(other.tryLock(), "after the holder's unlock the second handle locks normally");
        assertThrows(IllegalStateException.class, m::tryLock, "and now the first handle is the second one");
        other.unlock();
    }

    @Test
    void holderClosingItsOwnHandleReleasesTheLock() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        Mutex m = fresh();
        Mutex h = second(m);
        h.lock();
        assertFalse((boolean) inOtherThread(() -> m.tryLock()), "held through h");
        h.close();
        assertFalse(h.isHeldByCurrentThread(), "closing released it");
        assertThrows(IllegalMonitorStateException.class, h::unlock, "nothing to unlock after the holder's close");
        assertTrue(canLock(m, CHILD_TIMEOUT.toMillis()), "another handle can lock once the holder closed its handle");
        assertTrue(m.tryLock(), "and the closing thread itself, through another handle");
        m.unlock();
    }

    @Test
    void operationsOnAClosedHandle() {
        Mutex m = fresh();
        m.close();
        assertThrows(IpcClosed.class, m::lock);
        assertThrows(IpcClosed.class, m::tryLock);
        assertThrows(IpcClosed.class, () -> m.tryLock(1, TimeUnit.MILLISECONDS));
        assertThrows(IllegalMonitorStateException.class, m::unlock, "unlock after close by a non-holder");
        assertThrows(IllegalMonitorStateException.class, m::markConsistent);
        assertFalse(m.isHeldByCurrentThread());
        assertFalse(m.ownerDied());
        m.close();
        assertTrue(m.isClosed());
        assertTrue(m.uri() != null && m.capabilities() != null, "uri and capabilities stay available");
    }

    @Test
    void removeWhileAThreadIsBlocked() throws Exception {
        Mutex m = fresh();
        Mutex w = reachableByName() ? second(m) : m;
        m.lock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = startWaiting(pool, () -> {
                w.lock();
                boolean held = w.isHeldByCurrentThread();
                w.unlock();
                return held;
            });
            m.remove();
            switch (removeWhileBlocked()) {
                case WAITERS_FAIL: {
                    Throwable t = failureOf(waiter);
                    assertTrue(t instanceof IpcRemoved, "a waiter of a removed SysV object fails with IpcRemoved, got " + t);
                    try {
                        m.unlock();
                    } catch (IpcRemoved expected) {
                        // the lock went with the object
                    }
                    break;
                }
                case LOCK_BROKEN: {
                    // the waiter takes the broken lock, or (when remove() also deleted the lock's
                    // directory, which jipc made) fails to find where to create it
                    Throwable t = failureOf(waiter);
                    assertTrue(t == null || t instanceof IpcNotFound || t instanceof IpcRemoved,
                            "the waiter takes the broken lock or finds its place gone, got " + t);
                    m.unlock();
                    break;
                }
                default: {
                    assertFalse(waiter.isDone(), "the handles keep working: the waiter still waits for the holder");
                    m.unlock();
                    assertTrue(waiter.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "handed over after remove()");
                    break;
                }
            }
            assertFalse(m.isHeldByCurrentThread());
        } finally {
            pool.shutdownNow();
        }
    }
}
