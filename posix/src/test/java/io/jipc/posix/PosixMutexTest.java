package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Mutex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named-semaphore mutex in one JVM (cross-process cases are in {@link PosixCrossProcessTest}). */
@ExtendWith(PosixLeakCheck.class)
@Timeout(60)
class PosixMutexTest {
    @Test
    void excludesAnotherHandleAndAnotherThread() throws Exception {
        String u = "posix:" + PosixLeakCheck.name("mutex");
        try (Mutex a = Ipc.mutex(u); Mutex b = Ipc.mutex(u)) {
            try {
                a.lock();
                assertEquals(0, ((PosixMutex) a).value(), "locked: the semaphore is at 0");
                assertThrows(IllegalStateException.class, b::tryLock, "the holder thread through a second handle");
                assertThrows(IllegalStateException.class, () -> b.tryLock(100, TimeUnit.MILLISECONDS));
                AtomicBoolean viaB = new AtomicBoolean(true);
                Thread tb = new Thread(() -> viaB.set(b.tryLock() || b.tryLock(100, TimeUnit.MILLISECONDS)));
                tb.start();
                tb.join();
                assertFalse(viaB.get(), "another thread through another handle is excluded");
                AtomicBoolean other = new AtomicBoolean();
                Thread t = new Thread(() -> other.set(a.tryLock()));
                t.start();
                t.join();
                assertFalse(other.get(), "another thread of the same JVM is excluded too");
                assertThrows(IllegalStateException.class, a::lock, "not reentrant");
                assertThrows(IllegalMonitorStateException.class, b::unlock);
                a.unlock();
                assertTrue(b.tryLock(1, TimeUnit.SECONDS));
                assertFalse(b.ownerDied(), "owner death is never reported");
                b.unlock();
                assertEquals(1, ((PosixMutex) a).value());
            } finally {
                a.remove();
            }
        }
    }

    @Test
    void aWaiterGetsItWhenReleased() throws Exception {
        String u = "posix:" + PosixLeakCheck.name("handover");
        try (Mutex a = Ipc.mutex(u); Mutex b = Ipc.mutex(u)) {
            try {
                a.lock();
                AtomicReference<Boolean> got = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    b.lock();
                    got.set(true);
                    b.unlock();
                });
                t.start();
                Thread.sleep(200);
                assertEquals(null, got.get());
                a.unlock();
                t.join(30_000);
                assertEquals(Boolean.TRUE, got.get());
            } finally {
                a.remove();
            }
        }
    }

    @Test
    void anInterruptEndsLock() throws Exception {
        String u = "posix:" + PosixLeakCheck.name("intr");
        try (Mutex a = Ipc.mutex(u); Mutex b = Ipc.mutex(u)) {
            try {
                a.lock();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean flag = new AtomicBoolean();
                Thread t = new Thread(() -> {
                    try {
                        b.lock();
                    } catch (Throwable e) {
                        thrown.set(e);
                        flag.set(Thread.currentThread().isInterrupted());
                    }
                });
                t.start();
                Thread.sleep(200);
                t.interrupt();
                t.join(30_000);
                assertInstanceOf(IpcInterrupted.class, thrown.get());
                assertTrue(flag.get());
                a.unlock();
            } finally {
                a.remove();
            }
        }
    }

    @Test
    void closingWhileHeldReleases() {
        String u = "posix:" + PosixLeakCheck.name("closeheld");
        try (Mutex b = Ipc.mutex(u)) {
            try {
                Mutex a = Ipc.mutex(u);
                a.lock();
                assertThrows(IllegalStateException.class, b::tryLock, "the holder thread through a second handle");
                a.close();
                assertTrue(b.tryLock());
                b.unlock();
            } finally {
                b.remove();
            }
        }
    }

    @Test
    void removeThenOpenMakesAFreshSemaphore() throws Exception {
        String name = PosixLeakCheck.name("recreate");
        String u = "posix:" + name + "?mode=0666";
        Path file = Path.of("/dev/shm/sem." + name.substring(1));
        try (Mutex stuck = Ipc.mutex(u)) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "mode applied despite the umask");
            stuck.lock(); // as a crashed holder would leave it
            stuck.remove();
            assertFalse(Files.exists(file));
            try (Mutex fresh = Ipc.mutex(u)) {
                try {
                    assertTrue(fresh.tryLock(), "a new semaphore at 1");
                    fresh.unlock();
                } finally {
                    fresh.remove();
                }
            }
            stuck.unlock(); // the old one still works for its holders
        }
    }

    @Test
    void openModesAndCapabilities() {
        String u = "posix:" + PosixLeakCheck.name("modes");
        assertThrows(IpcNotFound.class, () -> Ipc.mutex(u + "?open=open"));
        try (Mutex m = Ipc.mutex(u + "?open=create")) {
            try {
                assertThrows(IpcAlreadyExists.class, () -> Ipc.mutex(u + "?open=create"));
                Capabilities c = m.capabilities();
                assertFalse(c.ownerDeathDetected());
                assertEquals(Capabilities.LockOwner.COUNTER, c.lockOwner());
                assertTrue(c.waitersSleep());
                assertEquals(Capabilities.Persistence.KERNEL, c.persistence());
                assertTrue(c.crashLeaves().contains("sem_unlink"), c.crashLeaves());
            } finally {
                m.remove();
            }
        }
    }
}
