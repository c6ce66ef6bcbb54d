package io.jipc.filelock;

import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.filelock.internal.LockIdentity;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-process behaviour with real child JVMs beyond the shared contract (which already counts
 * exactly across three JVMs): holders killed with SIGKILL while another JVM waits, and the fcntl
 * close pitfall.
 */
@ExtendWith(LeakGuard.class)
class FileLockProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The crash matrix: a live holder in another JVM is never stolen from; killed with SIGKILL
     * while this JVM waits, the waiter gets the lock (the case of a later locker arriving after the
     * crash is in the contract suite). The kernel schemes release the lock with the process
     * (ownerDied stays false: the kernel cannot tell); the lock-file schemes find the stale file,
     * take it over and report ownerDied.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void crashMatrix(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        String uri = Schemes.uri(scheme, p);
        boolean files = Schemes.isLockFile(scheme);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try (Mutex m = Ipc.mutex(uri)) {
            // 1. holder killed while this JVM waits
            try (ChildProcess holder = Spawner.jvm(Children.Holder.class, uri).start()) {
                holder.awaitOutput("LOCKED", WAIT);
                assertFalse(m.tryLock(), "a live holder keeps the lock");
                assertFalse(m.tryLock(300, TimeUnit.MILLISECONDS), "a live holder is never stolen from");
                if (files) {
                    LockIdentity id = LockIdentity.parse(Files.readAllBytes(p));
                    assertNotNull(id);
                    assertEquals(holder.pid(), id.pid(), "the lock file names its holder");
                }
                Future<Boolean> waiter = ex.submit(() -> {
                    boolean got = m.tryLock(60, TimeUnit.SECONDS);
                    boolean died = got && m.ownerDied();
                    if (got) {
                        m.markConsistent();
                        m.unlock();
                    }
                    if (!got) {
                        throw new AssertionError("waiter timed out");
                    }
                    return died;
                });
                Thread.sleep(200);
                holder.killAndWait();
                assertEquals(files, waiter.get(90, TimeUnit.SECONDS), "ownerDied reported by the waiter");
            }
            // (a holder killed before a later locker arrives: MutexContract.killedHolderHasTheDeclaredOutcome)
            if (files) {
                assertFalse(Files.exists(p), "the waiter that took over has released and removed the lock file");
            }
            m.remove();
        } finally {
            ex.shutdownNow();
            Schemes.cleanUp(p);
        }
    }

    /**
     * The POSIX pitfall, as a regression test: closing a descriptor of a file drops all the
     * process's fcntl locks on it. Two fcntl handles on one file in this JVM; one locks, the other
     * is closed; another process must still find the file locked.
     */
    @Test
    void closingAnotherFcntlHandleDoesNotDropTheLock() throws Exception {
        Path p = Schemes.freshPath("fcntl");
        String uri = "fcntl:" + p;
        try (Mutex holder = Ipc.mutex(uri)) {
            Mutex other = Ipc.mutex(uri);
            holder.lock();
            other.close();
            try (ChildProcess probe = Spawner.jvm(Children.Probe.class, uri).start()) {
                probe.awaitOutput("PROBE", WAIT);
                assertTrue(probe.output().contains("PROBE BUSY"), probe.output());
            }
            holder.unlock();
            holder.remove();
        } finally {
            Schemes.cleanUp(p);
        }
    }

    /**
     * Issue 11 defect 2 at the kernel level: another thread closing the holder's handle must not
     * release the lock (it used to on fcntl, ofd and flock). Another process must find the file
     * locked until the holder unlocks, and free afterwards.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fcntl", "ofd", "flock", "lockfile", "linklock"})
    void closeByAnotherThreadWhileHeldKeepsOtherProcessesOut(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        String uri = Schemes.uri(scheme, p);
        Mutex m = Ipc.mutex(uri);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = ex.submit(() -> {
                m.lock();
                locked.countDown();
                go.await();
                m.unlock();
                return null;
            });
            assertTrue(locked.await(60, TimeUnit.SECONDS));
            m.close();
            try (ChildProcess probe = Spawner.jvm(Children.Probe.class, uri).start()) {
                probe.awaitOutput("PROBE", WAIT);
                assertTrue(probe.output().contains("PROBE BUSY"), "closed by another thread while held: still locked\n" + probe.output());
            }
            go.countDown();
            holder.get(60, TimeUnit.SECONDS);
            try (ChildProcess probe = Spawner.jvm(Children.Probe.class, uri).start()) {
                probe.awaitOutput("PROBE", WAIT);
                assertTrue(probe.output().contains("PROBE FREE"), "released by the holder's unlock\n" + probe.output());
            }
        } finally {
            go.countDown();
            ex.shutdownNow();
            m.close();
            try (Mutex r = Ipc.mutex(uri)) {
                r.remove();
            }
            Schemes.cleanUp(p);
        }
    }
}
