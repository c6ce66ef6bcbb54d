package io.jipc.filelock;

import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;
import io.jipc.filelock.internal.LockIdentity;
import io.jipc.os.ProcStat;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stale lock files: which ones are taken over (atomically, with ownerDied) and which are never touched. */
@ExtendWith(LeakGuard.class)
class FileLockStaleTest {
    private static final LockIdentity SELF = LockIdentity.fresh();

    private static void write(Path p, LockIdentity id) throws Exception {
        Files.writeString(p, id.encode());
    }

    private static long deadPid() throws Exception {
        try (ChildProcess c = Spawner.command("true").start()) {
            c.waitFor(Duration.ofSeconds(30));
            return c.pid();
        }
    }

    private static void assertTakenOver(String scheme, Path p) throws Exception {
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            assertTrue(m.tryLock(), "stale lock file taken over");
            assertTrue(m.ownerDied());
            LockIdentity now = LockIdentity.parse(Files.readAllBytes(p));
            assertNotNull(now);
            assertEquals(SELF.pid(), now.pid(), "the lock file now names this process");
            m.markConsistent();
            assertFalse(m.ownerDied());
            m.unlock();
            assertFalse(Files.exists(p));
        }
    }

    private static void assertNeverTaken(String scheme, Path p) throws Exception {
        byte[] before = Files.readAllBytes(p);
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            assertFalse(m.tryLock());
            assertFalse(m.tryLock(100, TimeUnit.MILLISECONDS));
        }
        assertArrayEquals(before, Files.readAllBytes(p), "the lock file is untouched");
    }

    private static void assertForeignRefused(String scheme, Path p) throws Exception {
        byte[] before = Files.readAllBytes(p);
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            io.jipc.api.IpcException e = org.junit.jupiter.api.Assertions.assertThrows(io.jipc.api.IpcException.class, m::tryLock);
            assertTrue(e.getMessage().contains(p + " exists but is not a jipc lock file"), e.getMessage());
            assertTrue(e.getMessage().contains("starting \"4242\\x0a\""), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(io.jipc.api.IpcException.class, () -> m.tryLock(100, TimeUnit.MILLISECONDS));
        }
        assertArrayEquals(before, Files.readAllBytes(p), "the lock file is untouched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void deadPidIsTakenOver(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try {
            write(p, new LockIdentity(deadPid(), 12345, SELF.boot(), SELF.host(), SELF.pidns(), "dead"));
            assertTakenOver(scheme, p);
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void reusedPidIsTakenOver(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try {
            // a live pid (this JVM's) but another start time: the holder was an earlier process with the same pid
            write(p, new LockIdentity(SELF.pid(), SELF.start() - 1, SELF.boot(), SELF.host(), SELF.pidns(), "reused"));
            assertTakenOver(scheme, p);
            write(p, new LockIdentity(SELF.pid(), SELF.start(), "another-boot-id", SELF.host(), SELF.pidns(), "reboot"));
            assertTakenOver(scheme, p);
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void liveHolderAnotherHostAndForeignFilesAreNeverTaken(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try {
            write(p, new LockIdentity(SELF.pid(), SELF.start(), SELF.boot(), SELF.host(), SELF.pidns(), "live"));
            assertNeverTaken(scheme, p);
            write(p, new LockIdentity(deadPid(), 1, "other-boot", "some-other-host.example", SELF.pidns(), "remote"));
            assertNeverTaken(scheme, p);
            write(p, new LockIdentity(deadPid(), 1, SELF.boot(), SELF.host(), "pid:[1]", "other-container"));
            assertNeverTaken(scheme, p);
            Files.writeString(p, "4242\n");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
            assertForeignRefused(scheme, p); // another program's lock file: an error, never waited for nor removed
            Files.writeString(p, "");
            assertNeverTaken(scheme, p); // empty but fresh: a creator may be writing its identity right now
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void oldIncompleteLockFileIsTakenOver(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try {
            Files.writeString(p, "");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
            assertTakenOver(scheme, p);
            Files.writeString(p, LockIdentity.MAGIC + "\npid 12");
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
            assertTakenOver(scheme, p);
        } finally {
            Schemes.cleanUp(p);
        }
    }

    /** Many waiters find the same stale file at once: exactly one takes it over. */
    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void concurrentTakeOverHasExactlyOneWinner(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        int threads = 6;
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        List<Mutex> handles = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                handles.add(Ipc.mutex(Schemes.uri(scheme, p)));
            }
            // a pid above pid_max: certainly no process, and never reused during the rounds
            long dead = Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/pid_max")).trim()) + 1;
            for (int round = 0; round < 15; round++) {
                write(p, new LockIdentity(dead, 1, SELF.boot(), SELF.host(), SELF.pidns(), "stale" + round));
                CountDownLatch go = new CountDownLatch(1);
                CountDownLatch tried = new CountDownLatch(threads);
                List<Future<Boolean>> results = new ArrayList<>();
                for (Mutex h : handles) {
                    results.add(ex.submit(() -> {
                        go.await();
                        boolean got = h.tryLock();
                        boolean died = got && h.ownerDied();
                        tried.countDown();
                        tried.await(); // the winner keeps it until everyone has tried
                        if (got) {
                            h.unlock();
                        }
                        if (got && !died) {
                            throw new AssertionError("took a stale lock without ownerDied");
                        }
                        return got;
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
                assertFalse(Files.exists(p), "the winner's unlock removed its lock file");
                Files.deleteIfExists(p);
            }
        } finally {
            for (Mutex h : handles) {
                h.close();
            }
            ex.shutdownNow();
            Schemes.cleanUp(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockfile", "linklock"})
    void unlockLeavesAnotherHoldersFileAlone(String scheme) throws Exception {
        Path p = Schemes.freshPath(scheme);
        try (Mutex m = Ipc.mutex(Schemes.uri(scheme, p))) {
            m.lock();
            Files.delete(p); // broken by an operator...
            LockIdentity other = new LockIdentity(SELF.pid(), SELF.start(), SELF.boot(), SELF.host(), SELF.pidns(), "someone-else");
            write(p, other); // ...and taken by someone else
            IpcException e = assertThrows(IpcException.class, m::unlock);
            assertTrue(e.getMessage().contains("no longer"), e.getMessage());
            assertEquals(other, LockIdentity.parse(Files.readAllBytes(p)), "the other holder's file is left in place");
            Files.delete(p);
            m.lock();
            Files.delete(p);
            m.unlock(); // a lock file that vanished: nothing to release, no error
        } finally {
            Schemes.cleanUp(p);
        }
    }

    @Test
    void procStatFieldsAreCountedFromTheLastParenthesis() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        // the holder checks read /proc/<pid>/stat through os's ProcStat
        ProcStat proc = new ProcStat();
        long[] info = proc.parse(line);
        assertEquals('S', (char) info[0]);
        assertEquals(987654, info[1]);
        long self = proc.startTime(ProcessHandle.current().pid());
        assertNotEquals(ProcStat.NO_PROCESS, self);
        assertEquals(SELF.start(), self);
        assertEquals(ProcStat.NO_PROCESS, proc.startTime(Integer.MAX_VALUE));
    }

    @Test
    void identityRoundTripsAndRejectsOtherFormats() {
        LockIdentity id = LockIdentity.fresh();
        assertEquals(id, LockIdentity.parse(id.encode().getBytes()));
        assertFalse(id.token().equals(LockIdentity.fresh().token()));
        assertNull(LockIdentity.parse("12345\n".getBytes()));
        assertNull(LockIdentity.parse(new byte[0]));
        assertTrue(LockIdentity.looksIncomplete(new byte[0]));
        assertFalse(LockIdentity.looksIncomplete("12345\n".getBytes()));
    }
}
