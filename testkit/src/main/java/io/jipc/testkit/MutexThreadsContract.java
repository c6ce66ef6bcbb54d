package io.jipc.testkit;

import io.jipc.api.IpcClosed;
import io.jipc.api.Mutex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MutexContract} suite: threads of one JVM, as {@link io.jipc.api.IpcHandle}'s
 * threading contract promises. Other threads are excluded through the same handle and through
 * another; a non-atomic counter stays exact; {@code lock}, {@code tryLock} and the timed
 * {@code tryLock} from four threads through one handle exclude each other; close racing threads
 * that lock through the handle ends them with {@link io.jipc.api.IpcClosed} only and leaves the
 * mutex free.
 */
public abstract class MutexThreadsContract extends MutexLifecycleContract {
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
    void lockTryLockAndTimedTryLockFromFourThreadsThroughOneHandleExclude() throws Exception {
        Mutex m = fresh();
        AtomicInteger inside = new AtomicInteger();
        long[] counter = new long[1];
        int n = increments();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int form = t % 3;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        switch (form) {
                            case 0 -> m.lock();
                            case 1 -> {
                                while (!m.tryLock()) {
                                    Thread.yield();
                                }
                            }
                            default -> assertTrue(m.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "timed tryLock");
                        }
                        try {
                            assertEquals(1, inside.incrementAndGet(), "two threads inside at once");
                            assertTrue(m.isHeldByCurrentThread());
                            long v = counter[0];
                            Thread.yield();
                            counter[0] = v + 1;
                            inside.decrementAndGet();
                        } finally {
                            m.unlock();
                        }
                        assertFalse(m.isHeldByCurrentThread());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(CHILD_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        m.lock();
        try {
            assertEquals(4L * n, counter[0], "increments lost: exclusion between threads of one handle failed");
        } finally {
            m.unlock();
        }
    }

    @Test
    void closeRacingThreadsThatLockThroughTheHandleEndsThemWithIpcClosedAndLeavesTheMutexFree() throws Exception {
        Mutex m = fresh();
        Mutex other = reachableByName() ? second(m) : null;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                boolean timed = t == 1;
                fs.add(pool.submit(() -> {
                    while (true) {
                        try {
                            if (timed) {
                                assertTrue(m.tryLock(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "timed tryLock");
                            } else {
                                m.lock();
                            }
                        } catch (IpcClosed closed) {
                            return null; // the only way a lock racing close may fail
                        }
                        try {
                            assertEquals(1, inside.incrementAndGet(), "two threads inside at once");
                            acquisitions.incrementAndGet();
                            Thread.yield();
                            inside.decrementAndGet();
                        } finally {
                            m.unlock(); // the holder's unlock works, closed or not
                        }
                    }
                }));
            }
            assertTrue(awaitCount(acquisitions::get, 30, () -> fs.stream().allMatch(Future::isDone)) >= 30, "the threads got going: " + acquisitions.get());
            m.close();
            assertTrue(m.isClosed());
            awaitAll(fs);
        } finally {
            pool.shutdownNow();
        }
        if (other != null) {
            assertTrue(canLock(other, CHILD_TIMEOUT.toMillis()), "nothing stays held after the threads ended");
        }
    }
}
