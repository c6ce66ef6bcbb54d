package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Mutex;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MutexContract} suite: open modes, lock and unlock with an idempotent close,
 * non-reentrancy and unlock by a non-holder, a blocked locker served on release, remove.
 */
public abstract class MutexSemanticsContract extends MutexContractSupport {
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
