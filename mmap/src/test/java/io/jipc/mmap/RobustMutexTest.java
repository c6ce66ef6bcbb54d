package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcTimeout;
import io.jipc.api.IpcUriException;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.mmap.internal.RobustLayout;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustMutexTest {
    private final List<Path> cleanup = new ArrayList<>();

    /** A fresh robust: URI (its /dev/shm file is removed after the test). */
    private String robust() {
        String name = TestNames.unique("robust");
        cleanup.add(Path.of(RobustMutex.FILE_PREFIX + name));
        return "robust:/" + name;
    }

    private Path shm(String hint) {
        Path p = Path.of("/dev/shm", TestNames.unique(hint));
        cleanup.add(p);
        return p;
    }

    @AfterEach
    void removeFiles() throws Exception {
        for (Path p : cleanup) {
            Files.deleteIfExists(p);
        }
    }

    private static Thread run(Runnable r) {
        Thread t = new Thread(r, "robust-test");
        t.start();
        return t;
    }

    @Test
    void lockUnlockAndTheSharedContract() throws Exception {
        String uri = robust();
        try (Mutex m = Ipc.mutex(uri); Mutex other = Ipc.mutex(uri)) {
            assertTrue(Files.exists(Path.of(RobustMutex.FILE_PREFIX + uri.substring("robust:/".length()))));
            m.lock();
            assertTrue(m.isHeldByCurrentThread());
            assertFalse(m.ownerDied());
            assertThrows(IllegalStateException.class, m::lock, "not reentrant");
            IllegalStateException twice = assertThrows(IllegalStateException.class, other::tryLock,
                    "the same thread through another handle: EDEADLK");
            assertTrue(twice.getMessage().contains("another handle"), twice.getMessage());
            AtomicReference<String> tries = new AtomicReference<>();
            AtomicReference<Throwable> unlockError = new AtomicReference<>();
            Thread t = run(() -> {
                tries.set(other.tryLock() + " " + other.tryLock(50, TimeUnit.MILLISECONDS));
                try {
                    m.unlock();
                } catch (Throwable e) {
                    unlockError.set(e);
                }
            });
            t.join(30_000);
            assertEquals("false false", tries.get(), "another thread cannot take it while held");
            assertTrue(unlockError.get() instanceof IllegalMonitorStateException, String.valueOf(unlockError.get()));
            assertTrue(m.isHeldByCurrentThread());
            m.unlock();
            assertThrows(IllegalMonitorStateException.class, m::unlock);
            assertTrue(other.tryLock(1, TimeUnit.SECONDS));
            other.unlock();
            Capabilities c = m.capabilities();
            assertEquals(Capabilities.LockOwner.THREAD, c.lockOwner());
            assertTrue(c.ownerDeathDetected());
            assertTrue(c.waitersSleep());
            m.remove();
        }
    }

    @Test
    void anotherThreadWaitsTimesOutAndIsHandedTheLock() throws Exception {
        String uri = robust();
        try (Mutex m = Ipc.mutex(uri); Mutex other = Ipc.mutex(uri)) {
            m.lock();
            AtomicReference<String> result = new AtomicReference<>();
            java.util.concurrent.CountDownLatch tried = new java.util.concurrent.CountDownLatch(1);
            Thread t = run(() -> {
                boolean timed = other.tryLock(50, TimeUnit.MILLISECONDS);
                boolean now = other.tryLock();
                tried.countDown();
                other.lock();
                boolean died = other.ownerDied();
                other.unlock();
                result.set(timed + " " + now + " " + died);
            });
            assertTrue(tried.await(30, TimeUnit.SECONDS));
            Thread.sleep(100); // usually the waiter is asleep in the kernel by now; either way it must get the lock
            m.unlock();
            t.join(30_000);
            assertEquals("false false false", result.get());
            m.remove();
        }
    }

    @Test
    void interruptEndsAWaitingLock() throws Exception {
        String uri = robust();
        try (Mutex m = Ipc.mutex(uri); Mutex other = Ipc.mutex(uri)) {
            m.lock();
            AtomicReference<Object> result = new AtomicReference<>();
            Thread t = run(() -> {
                try {
                    other.lock();
                    result.set("acquired");
                } catch (IpcInterrupted e) {
                    result.set("interrupted " + Thread.currentThread().isInterrupted());
                } catch (Throwable e) {
                    result.set(e);
                }
            });
            Thread.sleep(200);
            t.interrupt();
            t.join(30_000);
            assertEquals("interrupted true", String.valueOf(result.get()));
            assertFalse(other.isHeldByCurrentThread());
            m.unlock();
            m.remove();
        }
    }

    @Test
    void holderThreadThatEndsWithoutUnlockingIsReportedAndRepaired() throws Exception {
        String uri = robust();
        try (Mutex m = Ipc.mutex(uri); Mutex dying = Ipc.mutex(uri)) {
            Thread t = run(dying::lock);
            t.join(30_000);
            assertFalse(t.isAlive());
            assertTrue(m.tryLock(30, TimeUnit.SECONDS));
            assertTrue(m.ownerDied(), "EOWNERDEAD: the holder thread ended");
            m.markConsistent();
            assertFalse(m.ownerDied());
            m.unlock();
            m.lock();
            assertFalse(m.ownerDied(), "consistent again: later lockers are fine");
            m.unlock();
            // The same handle, used by a thread that ends: still reported.
            Thread t2 = run(m::lock);
            t2.join(30_000);
            m.lock();
            assertTrue(m.ownerDied());
            m.markConsistent();
            m.unlock();
            m.remove();
        }
    }

    @Test
    void unlockWithoutMarkConsistentMakesTheMutexNotRecoverable() throws Exception {
        String uri = robust();
        try (Mutex m = Ipc.mutex(uri); Mutex dying = Ipc.mutex(uri)) {
            Thread t = run(dying::lock);
            t.join(30_000);
            m.lock();
            assertTrue(m.ownerDied());
            m.unlock(); // without markConsistent()
            IpcException e = assertThrows(IpcException.class, m::lock);
            assertEquals("ENOTRECOVERABLE", e.errnoName());
            assertTrue(e.getMessage().contains("markConsistent"), e.getMessage());
            for (int i = 0; i < 3; i++) {
                IpcException again = assertThrows(IpcException.class, m::tryLock, "every later attempt, not EDEADLK/EBUSY");
                assertEquals("ENOTRECOVERABLE", again.errnoName());
            }
            assertFalse(m.isHeldByCurrentThread());
            AtomicReference<String> other = new AtomicReference<>();
            Thread t2 = run(() -> {
                try {
                    dying.tryLock(1, TimeUnit.SECONDS);
                    other.set("acquired");
                } catch (IpcException x) {
                    other.set(x.errnoName());
                }
            });
            t2.join(30_000);
            assertEquals("ENOTRECOVERABLE", other.get(), "another thread is told too");
            m.remove();
        }
        try (Mutex fresh = Ipc.mutex(uri)) {
            assertTrue(fresh.tryLock(), "removed and created again: usable");
            fresh.unlock();
            fresh.remove();
        }
    }

    @Test
    void killedHolderJvmIsReportedAndTheProtectedCounterRepaired() throws Exception {
        String uri = robust();
        String data = "file:" + shm("data") + "?size=4096";
        try (Mutex m = Ipc.mutex(uri); SharedRegion counter = Ipc.region(data)) {
            counter.putLongRelease(0, 10);
            try (ChildProcess child = Spawner.jvm(Children.Holder.class, uri, data).start()) {
                child.awaitOutput("HOLDING", Duration.ofSeconds(120));
                assertFalse(m.tryLock(), "the child holds it");
                child.killAndWait();
            }
            assertTrue(m.tryLock(30, TimeUnit.SECONDS));
            assertTrue(m.ownerDied(), "EOWNERDEAD after kill -9 of the holder");
            assertEquals(-1, counter.getLongVolatile(0), "the dead holder left the state half-updated");
            counter.putLongRelease(0, 11); // repair
            m.markConsistent();
            m.unlock();
            Thread t = run(() -> {
                m.lock();
                counter.getAndAddLong(0, 1);
                boolean died = m.ownerDied();
                m.unlock();
                if (died) {
                    counter.putLongRelease(0, Long.MIN_VALUE);
                }
            });
            t.join(30_000);
            assertEquals(12, counter.getLongVolatile(0), "later lockers are fine");
            m.remove();
            counter.remove();
        }
    }

    @Test
    void severalJvmsInitialiseConcurrentlyAndExclude() throws Exception {
        Path file = shm("shared");
        Path go = shm("go");
        String uri = "robust:?region=file:" + file + "?size=4096&offset=64";
        int children = 2; // and this JVM: three openers race to initialise
        int n = 300;
        List<ChildProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < children; i++) {
                started.add(Spawner.jvm(Children.Incrementer.class, uri, go.toString(), Integer.toString(n), "1024").start());
            }
            for (ChildProcess c : started) {
                c.awaitOutput("READY", Duration.ofSeconds(120));
            }
            Files.createFile(go);
            try (RobustMutex m = (RobustMutex) Ipc.mutex(uri)) {
                java.nio.ByteBuffer b = m.region().buffer();
                for (int i = 0; i < n; i++) {
                    m.lock();
                    try {
                        long v = b.getLong(1024);
                        Thread.yield();
                        b.putLong(1024, v + 1);
                    } finally {
                        m.unlock();
                    }
                }
                for (ChildProcess c : started) {
                    assertEquals(0, c.waitFor(Duration.ofSeconds(120)), c.output());
                }
                m.lock();
                assertEquals((long) (children + 1) * n, b.getLong(1024), "no increment lost: the lock excluded");
                assertEquals(RobustLayout.READY, m.region().getLongVolatile(64));
                m.unlock();
                m.remove(); // a no-op with region=
                assertTrue(Files.exists(file));
            }
        } finally {
            for (ChildProcess c : started) {
                c.close();
            }
        }
    }

    @Test
    void initialiserThatDiedMidWayIsTakenOverAndALiveOneTimesOut() throws Exception {
        Path file = shm("init");
        String region = "file:" + file + "?size=4096";
        int deadPid;
        try (ChildProcess dead = Spawner.command("true").start()) {
            dead.waitFor(Duration.ofSeconds(30));
            deadPid = dead.pid();
        }
        try (SharedRegion r = Ipc.region(region)) {
            r.putLongRelease(0, RobustLayout.initialising(deadPid));
            try (Mutex m = Ipc.mutex("robust:?region=" + region)) {
                assertTrue(m.tryLock());
                assertFalse(m.ownerDied());
                m.unlock();
            }
            assertEquals(RobustLayout.READY, r.getLongVolatile(0));

            long me = ProcessHandle.current().pid();
            r.putLongRelease(512, RobustLayout.initialising(me));
            IpcTimeout t = assertThrows(IpcTimeout.class,
                    () -> Ipc.mutex("robust:?region=" + region + "&offset=512&init-timeout=200"));
            assertTrue(t.getMessage().contains("process " + me), t.getMessage());

            r.putLongRelease(1024, 0x1234_0000_0007L);
            IpcException garbage = assertThrows(IpcException.class, () -> Ipc.mutex("robust:?region=" + region + "&offset=1024"));
            assertTrue(garbage.getMessage().contains("does not hold a jipc robust mutex"), garbage.getMessage());
            r.remove();
        }
    }

    @Test
    void closingWhileHoldingUnlocks() throws Exception {
        String uri = robust();
        try (Mutex other = Ipc.mutex(uri)) {
            Mutex m = Ipc.mutex(uri);
            m.lock();
            m.close();
            assertTrue(other.tryLock());
            assertFalse(other.ownerDied());
            other.unlock();
            assertThrows(IpcException.class, m::lock);
            other.remove();
        }
    }

    @Test
    void closeByAnotherThreadKeepsTheMutexUsableForItsHolderAndEndsAWaiter() throws Exception {
        String uri = robust();
        try (Mutex other = Ipc.mutex(uri)) {
            Mutex m = Ipc.mutex(uri);
            java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            AtomicReference<Object> holder = new AtomicReference<>();
            Thread t = run(() -> {
                try {
                    m.lock();
                    locked.countDown();
                    closed.await();
                    m.unlock(); // after another thread closed the handle: still unlocks the shared mutex
                    holder.set("unlocked");
                } catch (Throwable e) {
                    holder.set(e);
                }
            });
            assertTrue(locked.await(30, TimeUnit.SECONDS));
            m.close();
            assertFalse(other.tryLock(), "still held by the thread");
            closed.countDown();
            t.join(30_000);
            assertEquals("unlocked", String.valueOf(holder.get()));
            assertTrue(other.tryLock());
            assertFalse(other.ownerDied());

            Mutex waiting = Ipc.mutex(uri);
            AtomicReference<Object> waiter = new AtomicReference<>();
            Thread w = run(() -> {
                try {
                    waiting.lock();
                    waiter.set("acquired");
                } catch (IpcException e) {
                    waiter.set(e.getMessage());
                }
            });
            Thread.sleep(200);
            waiting.close();
            w.join(30_000);
            assertTrue(String.valueOf(waiter.get()).contains("closed"), String.valueOf(waiter.get()));
            other.unlock();
            other.remove();
        }
    }

    @Test
    void mutexInAnAnonRegionSharedWithTheSameJvm() {
        try (AnonRegion r = (AnonRegion) Ipc.region("anon:?size=4096")) {
            int dup = io.jipc.os.Fd.dup(r.fd(), "anon region");
            try (Mutex m = Ipc.mutex("robust:?region=anon:?fd=" + dup + "&offset=128")) {
                m.lock();
                assertEquals(RobustLayout.READY, r.getLongVolatile(128), "the mutex lives in the shared memory");
                assertEquals(Capabilities.Persistence.PROCESS, m.capabilities().persistence(), "as the anon region");
                assertTrue(m.capabilities().needsRelatedProcesses());
                m.unlock();
            }
        }
    }

    @Test
    void badInputIsRefused() {
        Path file = shm("bad");
        String region = "file:" + file + "?size=4096";
        for (String bad : new String[] {"robust:", "robust:/", "robust:/a/b", "robust:/..", "robust:name", "robust:/x?offset=8",
                "robust:/x?size=4", "robust:/x?init-timeout=-1", "robust:?region=" + region + "&offset=3",
                "robust:/x?region=" + region, "robust:?region=" + region + "&mode=0600", "robust:?region=nonsense"}) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.mutex(bad), bad);
            assertFalse(e.getMessage().isEmpty());
        }
        IpcUriException beyond = assertThrows(IpcUriException.class, () -> Ipc.mutex("robust:?region=" + region + "&offset=4080"));
        assertTrue(beyond.getMessage().contains("beyond the end"), beyond.getMessage());
        assertThrows(io.jipc.api.IpcNotFound.class, () -> Ipc.mutex(robust() + "?open=open"));
    }
}
