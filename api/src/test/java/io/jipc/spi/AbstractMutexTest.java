package io.jipc.spi;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle rules of {@link AbstractMutex} on an in-memory lock, where each step of a race can
 * be held still: an acquisition that completes after the handle was closed is given back, resources
 * are freed exactly once and only after the last user, the identity registry.
 */
class AbstractMutexTest {
    /** A lock word in memory shared by the handles of one "object"; counts what the base class asks for. */
    static final class Word {
        final AtomicInteger value = new AtomicInteger(1);
    }

    static final class MemoryMutex extends AbstractMutex {
        final Word word;
        final AtomicInteger releases = new AtomicInteger();
        final AtomicInteger frees = new AtomicInteger();
        volatile CountDownLatch inAcquire;
        volatile CountDownLatch letAcquireFinish;

        MemoryMutex(Word word, Object identity) {
            super(IpcUri.parse("test:/word"), identity);
            this.word = word;
        }

        @Override
        protected int acquire(long timeoutNanos) {
            if (frees.get() != 0) {
                throw new AssertionError("acquire on freed resources");
            }
            CountDownLatch in = inAcquire;
            if (in != null) {
                in.countDown();
                try {
                    letAcquireFinish.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            return word.value.compareAndSet(1, 0) ? ACQUIRED : FAILED;
        }

        @Override
        protected void release() {
            if (frees.get() != 0) {
                throw new AssertionError("release on freed resources");
            }
            releases.incrementAndGet();
            assertTrue(word.value.compareAndSet(0, 1), "released a free word");
        }

        @Override
        protected void freeResources() {
            frees.incrementAndGet();
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder("test", Primitive.MUTEX).build();
        }

        @Override
        public void remove() {
        }
    }

    @Test
    void anAcquisitionThatCompletesAfterCloseIsGivenBack() throws Exception {
        Word w = new Word();
        MemoryMutex m = new MemoryMutex(w, null);
        m.inAcquire = new CountDownLatch(1);
        m.letAcquireFinish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> locker = pool.submit(() -> m.tryLock());
            assertTrue(m.inAcquire.await(30, TimeUnit.SECONDS));
            m.close();
            assertEquals(0, m.frees.get(), "not freed while a thread is inside acquire");
            m.letAcquireFinish.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> locker.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IpcClosed.class, e.getCause());
            assertEquals(1, w.value.get(), "given back");
            assertEquals(1, m.releases.get());
            assertEquals(1, m.frees.get(), "freed once, by the last user");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeByAnotherThreadDefersTheReleaseAndTheFreeToTheHolder() throws Exception {
        Word w = new Word();
        MemoryMutex m = new MemoryMutex(w, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertTrue(pool.submit(() -> m.tryLock()).get(30, TimeUnit.SECONDS));
            m.close();
            assertTrue(m.isClosed());
            assertEquals(0, w.value.get(), "still locked");
            assertEquals(0, m.frees.get(), "resources kept for the holder");
            assertThrows(IllegalMonitorStateException.class, m::unlock, "not the holder");
            pool.submit(m::unlock).get(30, TimeUnit.SECONDS);
            assertEquals(1, w.value.get());
            assertEquals(1, m.frees.get());
            m.close();
            assertEquals(1, m.frees.get(), "close is idempotent");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHolderClosingReleasesThenFrees() {
        Word w = new Word();
        MemoryMutex m = new MemoryMutex(w, null);
        m.lock();
        m.close();
        assertEquals(1, w.value.get());
        assertEquals(1, m.frees.get());
        assertFalse(m.isHeldByCurrentThread());
        assertThrows(IpcClosed.class, m::lock);
    }

    @Test
    void theIdentityRefusesTheHoldersSecondHandleOnly() throws Exception {
        Word w = new Word();
        MemoryMutex a = new MemoryMutex(w, "word-1");
        MemoryMutex b = new MemoryMutex(w, "word-1");
        MemoryMutex unrelated = new MemoryMutex(new Word(), "word-2");
        a.lock();
        assertThrows(IllegalStateException.class, b::lock);
        assertThrows(IllegalStateException.class, b::tryLock);
        assertThrows(IllegalStateException.class, () -> b.tryLock(1, TimeUnit.SECONDS));
        assertTrue(unrelated.tryLock(), "another object is not refused");
        unrelated.unlock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertFalse(pool.submit(() -> b.tryLock()).get(30, TimeUnit.SECONDS), "another thread just finds it busy");
        } finally {
            pool.shutdownNow();
        }
        a.unlock();
        assertTrue(b.tryLock(), "after the unlock the identity is forgotten");
        b.unlock();
        a.close();
        b.close();
        unrelated.close();
    }
}
