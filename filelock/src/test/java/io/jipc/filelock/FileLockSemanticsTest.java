package io.jipc.filelock;

import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.Mutex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-JVM semantics of the five schemes: exclusion between handles and threads, hand-over, interrupts. */
@ExtendWith(LeakGuard.class)
class FileLockSemanticsTest {

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void lockUnlockAndCapabilities(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            Capabilities c = m.capabilities();
            assertEquals(scheme, c.scheme());
            assertEquals(Schemes.isLockFile(scheme), !c.waitersSleep());
            assertEquals(Schemes.isLockFile(scheme), c.ownerDeathDetected());
            assertEquals(scheme.equals("fcntl") ? Capabilities.LockOwner.PROCESS
                    : Schemes.isLockFile(scheme) ? Capabilities.LockOwner.FILE
                    : Capabilities.LockOwner.OPEN_FILE_DESCRIPTION, c.lockOwner());
            assertTrue(m.tryLock());
            assertTrue(m.isHeldByCurrentThread());
            assertFalse(m.ownerDied());
            assertTrue(Files.exists(p), "the lock file exists while held");
            assertThrows(IllegalStateException.class, m::tryLock, "not reentrant");
            m.unlock();
            assertThrows(IllegalMonitorStateException.class, m::unlock);
            if (Schemes.isLockFile(scheme)) {
                assertFalse(Files.exists(p), "unlock removes the lock file");
            }
            m.lock();
            m.unlock();
            assertTrue(m.tryLock(1, TimeUnit.SECONDS));
            m.unlock();
            m.remove();
            assertFalse(Files.exists(p));
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void twoHandlesInOneJvmExcludeEachOther(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try (Mutex a = Ipc.mutex(Schemes.uri(scheme, p)); Mutex b = Ipc.mutex(Schemes.uri(scheme, p))) {
            assertTrue(a.tryLock());
            assertFalse(ex.submit(() -> b.tryLock()).get(30, TimeUnit.SECONDS), "other handle, other thread");
            assertThrows(IllegalStateException.class, b::tryLock, "other handle, same (holder) thread: refused, not a self-deadlock");
            assertThrows(IllegalStateException.class, () -> b.tryLock(50, TimeUnit.MILLISECONDS));
            assertFalse(ex.submit(() -> b.tryLock(50, TimeUnit.MILLISECONDS)).get(30, TimeUnit.SECONDS), "other handle, other thread, timed");
            Future<Boolean> waiter = ex.submit(() -> {
                boolean got = b.tryLock(60, TimeUnit.SECONDS);
                if (got) {
                    b.unlock();
                }
                return got;
            });
            Thread.sleep(50);
            a.unlock();
            assertTrue(waiter.get(60, TimeUnit.SECONDS), "the waiting handle gets the lock after unlock");
            assertTrue(a.tryLock(30, TimeUnit.SECONDS));
            a.unlock();
            a.remove();
        } finally {
            ex.shutdownNow();
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void threadsSharingOneHandleExcludeEachOther(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            m.lock();
            assertFalse(ex.submit(() -> m.tryLock()).get(30, TimeUnit.SECONDS));
            assertFalse(ex.submit(() -> m.tryLock(50, TimeUnit.MILLISECONDS)).get(30, TimeUnit.SECONDS));
            assertThrows(Exception.class, () -> ex.submit(() -> {
                m.unlock();
                return null;
            }).get(30, TimeUnit.SECONDS), "only the holder thread may unlock");
            CountDownLatch started = new CountDownLatch(1);
            Future<Boolean> waiter = ex.submit(() -> {
                started.countDown();
                m.lock();
                boolean mine = m.isHeldByCurrentThread();
                m.unlock();
                return mine;
            });
            started.await();
            Thread.sleep(50);
            m.unlock();
            assertTrue(waiter.get(60, TimeUnit.SECONDS));
            m.remove();
        } finally {
            ex.shutdownNow();
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void interruptEndsAWaitWithStatusSet(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try (Mutex holder = Ipc.mutex(Schemes.uri(scheme, p)); Mutex other = Ipc.mutex(Schemes.uri(scheme, p))) {
            holder.lock();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    other.lock();
                    other.unlock();
                } catch (Throwable e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            started.await();
            Thread.sleep(100);
            t.interrupt();
            t.join(60_000);
            assertFalse(t.isAlive());
            assertTrue(thrown.get() instanceof IpcInterrupted, "got " + thrown.get());
            assertTrue(flag.get(), "interrupt status stays set");
            // an abandoned wait never leaves the lock taken: both handles still work
            holder.unlock();
            assertTrue(other.tryLock(60, TimeUnit.SECONDS));
            other.unlock();
            assertTrue(holder.tryLock(60, TimeUnit.SECONDS));
            holder.unlock();
            holder.remove();
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void timedOutWaitIsNotLeftHolding(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try (Mutex holder = Ipc.mutex(Schemes.uri(scheme, p)); Mutex other = Ipc.mutex(Schemes.uri(scheme, p))) {
            holder.lock();
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                assertFalse(ex.submit(() -> other.tryLock(30, TimeUnit.MILLISECONDS)).get(30, TimeUnit.SECONDS));
            } finally {
                ex.shutdownNow();
            }
            holder.unlock();
            // the abandoned kernel request (if any) is released or adopted: the lock is free again
            assertTrue(holder.tryLock(60, TimeUnit.SECONDS));
            holder.unlock();
            assertTrue(other.tryLock(60, TimeUnit.SECONDS));
            other.unlock();
            other.remove();
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void twoThreadsKeepAnExactNonAtomicCount(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        Path counter = io.jipc.testkit.TestNames.file("counter");
        int each = Schemes.isLockFile(scheme) ? 150 : 400;
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try (Mutex a = Ipc.mutex(Schemes.uri(scheme, p)); Mutex b = Ipc.mutex(Schemes.uri(scheme, p))) {
            Files.writeString(counter, "0");
            Future<?> fa = ex.submit(() -> {
                Children.increment(a, counter, each);
                return null;
            });
            Future<?> fb = ex.submit(() -> {
                Children.increment(b, counter, each);
                return null;
            });
            fa.get(120, TimeUnit.SECONDS);
            fb.get(120, TimeUnit.SECONDS);
            assertEquals(2L * each, Long.parseLong(Files.readString(counter).trim()));
            a.remove();
        } finally {
            ex.shutdownNow();
            Files.deleteIfExists(counter);
            Schemes.cleanUp(p);
        }
    }

    @Test
    void fcntlHandlesShareOneDescriptorAndCloseItWithTheLast() throws Exception {
        Path p = Schemes.freshPath("fcntl");
        int before = io.jipc.filelock.internal.SharedFiles.openFiles();
        try {
            Mutex a = Ipc.mutex("fcntl:" + p);
            Mutex b = Ipc.mutex("fcntl:" + p);
            assertEquals(before + 1, io.jipc.filelock.internal.SharedFiles.openFiles());
            a.close();
            assertEquals(before + 1, io.jipc.filelock.internal.SharedFiles.openFiles());
            b.close();
            assertEquals(before, io.jipc.filelock.internal.SharedFiles.openFiles());
        } finally {
            Schemes.cleanUp(p);
        }
    }
}
