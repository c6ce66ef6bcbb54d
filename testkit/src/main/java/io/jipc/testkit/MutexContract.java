package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
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
 */
public abstract class MutexContract extends ContractSupport {
    /** Increments per participant in the counter tests. */
    protected int increments() {
        return 300;
    }

    /** Opens a mutex (default {@link Ipc#mutex(String)}). */
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
}
