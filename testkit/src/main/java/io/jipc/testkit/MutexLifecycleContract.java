package io.jipc.testkit;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.Mutex;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MutexContract} suite: the lifecycle under threads ({@link io.jipc.api.Mutex}'s
 * "close and the lock" rules), and remove while a thread is blocked.
 */
public abstract class MutexLifecycleContract extends MutexProcessesContract {
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
