package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcTimeout;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Spawner;
import io.jipc.os.SysvIpc;
import io.jipc.os.layout.SembufLayout;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import io.jipc.testkit.peers.MutexHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SysV mutex semantics beyond the contract: the initialisation race with concurrent creator
 * JVMs, a set whose creator never initialised it, kill -9 of a holder with and without SEM_UNDO
 * (including a waiter already blocked when the holder dies), interrupts, removal under a waiter.
 */
@ExtendWith(LeakGuard.class)
class SysvMutexTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Handles h = new Handles();
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<Integer> rawSets = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        children.forEach(ChildProcess::close);
        h.close();
        for (int id : rawSets) {
            SysvIpc.LIB.semctl(id, 0, SysvIpc.IPC_RMID, 0);
        }
    }

    private ChildProcess spawn(Class<?> main, String... args) {
        ChildProcess c = Spawner.jvm(main, args).start();
        children.add(c);
        return c;
    }

    private static int semval(SysvMutex m, int sem) {
        return SysvIpc.LIB.semctl(m.id(), sem, SysvIpc.GETVAL, 0);
    }

    @Test
    void concurrentCreatorsInitialiseOnceAndExclude() throws Exception {
        String uri = SysvTestUris.freshKeyUri();
        Path go = TestNames.path("go");
        Path counter = TestNames.file("counter");
        int n = 30;
        try {
            List<ChildProcess> cs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cs.add(spawn(RacingCreator.class, uri, go.toString(), counter.toString(), Integer.toString(n)));
            }
            for (ChildProcess c : cs) {
                c.awaitOutput("READY", WAIT);
            }
            Files.createFile(go); // all three call semget at about the same moment
            int created = 0;
            for (ChildProcess c : cs) {
                assertEquals(0, c.waitFor(WAIT), c.output());
                assertTrue(c.output().contains("DONE"), c.output());
                created += c.output().contains("CREATED") ? 1 : 0;
            }
            h.mutex(uri + "&open=open"); // to remove it
            assertEquals(1, created, "exactly one creator");
            try (RandomAccessFile f = new RandomAccessFile(counter.toFile(), "r")) {
                assertEquals(3L * n, Long.parseLong(f.readLine().trim()), "exclusion across the racing creators");
            }
        } finally {
            Files.deleteIfExists(go);
            Files.deleteIfExists(counter);
        }
    }

    /** Waits for the go file, opens (or creates) the mutex, increments a file counter N times under it. */
    public static final class RacingCreator {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            System.out.println("READY");
            System.out.flush();
            Path go = Path.of(args[1]);
            while (!Files.exists(go)) {
                LockSupport.parkNanos(200_000);
            }
            // Tell whether this process created the set: open=create first, then open.
            Mutex m;
            try {
                m = Ipc.mutex(args[0] + "&open=create");
                System.out.println("CREATED");
            } catch (io.jipc.api.IpcAlreadyExists e) {
                m = Ipc.mutex(args[0] + "&open=open");
                System.out.println("OPENED");
            }
            try (Mutex mx = m; RandomAccessFile f = new RandomAccessFile(args[2], "rw")) {
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    mx.lock();
                    try {
                        io.jipc.testkit.peers.MutexCounter.increment(f);
                    } finally {
                        mx.unlock();
                    }
                }
            }
            System.out.println("DONE");
        }
    }

    @Test
    void aSetNeverInitialisedByItsCreatorTimesOut() {
        int key = SysvTestUris.freshKey();
        int id = SysvIpc.LIB.semget(key, 2, SysvIpc.IPC_CREAT | SysvIpc.IPC_EXCL | 0600);
        assertTrue(id >= 0, "semget: errno " + Native.errno());
        rawSets.add(id);
        IpcTimeout e = assertThrows(IpcTimeout.class,
                () -> Ipc.mutex("sysv:?key=0x" + Integer.toHexString(key) + "&open=open"));
        assertTrue(e.getMessage().contains("sem_otime") && e.getMessage().contains("ipcrm -s " + id), e.getMessage());
    }

    @Test
    void aSetOfTheWrongShapeIsRefused() {
        int key = SysvTestUris.freshKey();
        int id = SysvIpc.LIB.semget(key, 1, SysvIpc.IPC_CREAT | SysvIpc.IPC_EXCL | 0600);
        assertTrue(id >= 0);
        rawSets.add(id);
        long op = NativeMemory.allocate(SembufLayout.SIZE);
        try {
            SembufLayout.put(op, 0, 0, 1, 0);
            assertEquals(0, SysvIpc.LIB.semop(id, op, 1));
        } finally {
            NativeMemory.free(op);
        }
        IpcException e = assertThrows(IpcException.class, () -> Ipc.mutex("sysv:?id=" + id));
        assertTrue(e.getMessage().contains("has 1 semaphores"), e.getMessage());
    }

    @Test
    void killedHolderWithUndoIsDetectedByAWaiterAlreadyBlocked() throws Exception {
        SysvMutex m = h.mutex("sysv:private");
        assertTrue(m.capabilities().ownerDeathDetected());
        ChildProcess holder = spawn(MutexHolder.class, m.idUri(), "3600");
        holder.awaitOutput("LOCKED", WAIT);
        assertFalse(m.tryLock());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = pool.submit(() -> {
                m.lock();
                boolean died = m.ownerDied();
                m.markConsistent();
                m.unlock();
                return died;
            });
            Thread.sleep(200);
            assertFalse(waiter.isDone(), "the waiter waits while the child holds");
            holder.killAndWait();
            assertTrue(waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the waiter learns the holder died");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, semval(m, 0), "free after the repaired hand-over");
        assertEquals(0, semval(m, 1), "held marker cleared");
        assertTrue(m.tryLock());
        assertFalse(m.ownerDied());
        m.unlock();
    }

    @Test
    void killedHolderWithUndoIsDetectedByTheNextLocker() throws Exception {
        SysvMutex m = h.mutex("sysv:private");
        ChildProcess holder = spawn(MutexHolder.class, m.idUri(), "3600");
        holder.awaitOutput("LOCKED", WAIT);
        holder.killAndWait();
        assertEquals(1, semval(m, 0), "SEM_UNDO gave the lock semaphore back");
        assertEquals(1, semval(m, 1), "the held marker (no undo) still says held: the evidence");
        assertTrue(m.tryLock());
        assertTrue(m.ownerDied());
        m.unlock();
        assertTrue(m.tryLock(1, TimeUnit.SECONDS));
        assertFalse(m.ownerDied(), "reported once");
        m.unlock();
    }

    @Test
    void killedHolderWithoutUndoLeavesTheSemaphoreLockedUntilRemoved() throws Exception {
        String uri = SysvTestUris.freshKeyUri() + "&undo=false";
        SysvMutex m = h.mutex(uri + "&open=create");
        Capabilities c = m.capabilities();
        assertFalse(c.ownerDeathDetected());
        assertFalse(c.crashReleases());
        assertTrue(c.crashLeaves().contains("stays locked"), c.crashLeaves());
        assertTrue(m.idUri().contains("undo=false"));
        ChildProcess holder = spawn(MutexHolder.class, m.idUri(), "3600");
        holder.awaitOutput("LOCKED", WAIT);
        holder.killAndWait();
        assertEquals(0, semval(m, 0), "no undo: the dead holder's decrement stays");
        assertFalse(m.tryLock());
        assertFalse(m.tryLock(200, TimeUnit.MILLISECONDS));
        m.remove();
        assertThrows(IpcRemoved.class, m::tryLock);
        SysvMutex again = h.mutex(uri + "&open=create");
        assertTrue(again.tryLock(), "a recreated set is free");
        again.unlock();
    }

    @Test
    void blockedLockHonoursInterrupt() throws Exception {
        SysvMutex m = h.mutex("sysv:private");
        m.lock();
        try {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> waiter = pool.submit(() -> {
                    try {
                        m.lock();
                        return "acquired";
                    } catch (IpcInterrupted e) {
                        return Thread.currentThread().isInterrupted() ? "interrupted" : "status lost";
                    }
                });
                Thread.sleep(150);
                pool.shutdownNow(); // interrupts the waiter
                assertEquals("interrupted", waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } finally {
                pool.shutdownNow();
            }
        } finally {
            m.unlock();
        }
    }

    @Test
    void removeWakesAWaiterWithIpcRemoved() throws Exception {
        SysvMutex m = h.mutex("sysv:private");
        m.lock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> waiter = pool.submit(() -> {
                try {
                    m.tryLock(60, TimeUnit.SECONDS);
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(150);
            m.remove();
            Throwable t = waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(t instanceof IpcRemoved, String.valueOf(t));
            assertTrue(t.getMessage().contains("semaphore set"), t.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSlotsThroughTwoHandlesAndIdUri() {
        SysvMutex m = h.mutex("sysv:private");
        try (Mutex same = Ipc.mutex(m.idUri())) {
            assertTrue(m.tryLock());
            assertThrows(IllegalStateException.class, same::tryLock, "the holder thread through a second handle on the same set");
            m.unlock();
            assertTrue(same.tryLock());
            same.unlock();
        }
        assertEquals(Capabilities.Timed.NATIVE, m.capabilities().timed());
        assertEquals(Capabilities.Persistence.KERNEL, m.capabilities().persistence());
    }
}
