package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11, defects 6 and 8: inspecting ({@code stat}, {@code rm} of something absent) never
 * creates an object and never registers anything as created by jipc, so that {@code rm --orphans}
 * can never delete a user's file.
 */
@ExtendWith(LeakGuard.class)
class InspectionNeverCreatesTest {
    /**
     * Does {@code scheme}'s backend hold {@code p} as a file jipc created? Listing shows a lock file
     * only while it holds a jipc identity, so one is written into it for the question and the
     * user's bytes put back.
     */
    private static boolean registered(String scheme, Path p) throws Exception {
        byte[] saved = Files.readAllBytes(p);
        Files.writeString(p, "jipc-lock 1\npid " + ProcessHandle.current().pid() + "\n");
        try {
            return Ipc.backend(scheme).objects().stream().anyMatch(o -> o.path().equals(p.toAbsolutePath().toString()));
        } finally {
            Files.write(p, saved);
        }
    }

    @Test
    void statOfAUsersFileNeverMakesItReapable() throws Exception {
        for (String scheme : new String[] {"lockfile", "linklock"}) {
            if (Ipc.backend(scheme) == null) {
                continue;
            }
            Path mine = TestNames.path("users-own-" + scheme);
            Files.writeString(mine, "the user's precious data\n");
            try {
                CliRun stat = CliRun.run("stat", scheme + ":" + mine);
                assertFalse(stat.err.contains("\tat "), stat.toString());
                assertFalse(registered(scheme, mine), "stat registered the user's file " + mine + " as created by jipc");
                CliRun ls = CliRun.run("ls", "--orphans", "--json", "--name", mine.toString());
                assertEquals(0, ls.code, ls.toString());
                assertFalse(ls.out.contains(mine.toString()), "ls --orphans lists the user's file: " + ls.out);
                CliRun rm = CliRun.run("rm", "--orphans", "--yes", "--name", mine.toString());
                assertEquals(0, rm.code, rm.toString());
                assertTrue(Files.exists(mine), "rm --orphans --yes deleted the user's file " + mine + ": " + rm);
                CliRun named = CliRun.run("rm", scheme + ":" + mine);
                assertEquals(1, named.code, named.toString());
                assertTrue(named.err.contains("holds no jipc lock identity"), named.toString());
                assertTrue(Files.exists(mine), "rm " + scheme + ":" + mine + " deleted the user's file: " + named);
                assertEquals("the user's precious data\n", Files.readString(mine));
            } finally {
                Files.deleteIfExists(mine);
            }
        }
    }

    @Test
    void aUsersFileNamedByALockUriIsNeverListedAsJipcs() throws Exception {
        assumeTrue(Ipc.backend("lockfile") != null, "needs the lockfile backend");
        Path mine = TestNames.path("users-own-opened");
        Files.writeString(mine, "not a lock\n");
        try {
            // an application opening a lock URI that names an existing non-jipc file (whatever
            // the backend records, the inventory must not offer it for reaping)
            try (Mutex m = Ipc.mutex("lockfile:" + mine + "?open=open")) {
                // a foreign file at the lock path is never taken as a free lock: it is refused, named
                IpcException e = assertThrows(IpcException.class, m::tryLock);
                assertTrue(e.getMessage().contains("not a jipc lock file"), e.getMessage());
            }
            CliRun ls = CliRun.run("ls", "--json", "--name", mine.toString());
            assertFalse(ls.out.contains(mine.toString()), "ls lists the user's file as created by jipc: " + ls.out);
            CliRun rm = CliRun.run("rm", "--orphans", "--yes", "--name", mine.toString());
            assertEquals(0, rm.code, rm.toString());
            assertTrue(Files.exists(mine), "rm --orphans --yes deleted the user's file: " + rm);
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    private static boolean sysvQueueExists(long key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/sysvipc/msg"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].matches("-?\\d+") && (Long.parseLong(f[0]) & 0xffffffffL) == key) {
                return true;
            }
        }
        return false;
    }

    private static boolean sysvSemExists(long key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/sysvipc/sem"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].matches("-?\\d+") && (Long.parseLong(f[0]) & 0xffffffffL) == key) {
                return true;
            }
        }
        return false;
    }

    @Test
    void statAndRmWithOpenCreateCreateNothing() throws Exception {
        if (Ipc.backend("sysv") != null) {
            long key = (ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000L;
            String uri = "sysv:?key=0x" + Long.toHexString(key) + "&open=create";
            for (String cmd : new String[] {"stat", "rm"}) {
                CliRun r = CliRun.run(cmd, uri);
                assertEquals(1, r.code, r.toString());
                assertTrue(r.err.contains("no such object"), r.err);
                assertFalse(sysvQueueExists(key), cmd + " " + uri + " created a SysV queue");
                assertFalse(sysvSemExists(key), cmd + " " + uri + " created a SysV semaphore set");
                CliRun oc = CliRun.run(cmd, uri.replace("open=create", "open=open-or-create"));
                assertEquals(1, oc.code, oc.toString());
                assertFalse(sysvQueueExists(key) || sysvSemExists(key), cmd + " with open-or-create created an object");
            }
        }
        if (Ipc.backend("posix") != null) {
            String name = TestNames.unique("inspect");
            for (String cmd : new String[] {"stat", "rm"}) {
                for (String open : new String[] {"create", "open-or-create"}) {
                    CliRun r = CliRun.run(cmd, "posix:/" + name + "?open=" + open);
                    assertEquals(1, r.code, r.toString());
                    assertFalse(Files.exists(Path.of("/dev/mqueue", name)), cmd + " open=" + open + " created a POSIX queue");
                    assertFalse(Files.exists(Path.of("/dev/shm", "sem." + name)), cmd + " open=" + open + " created a POSIX semaphore");
                    assertFalse(Files.exists(Path.of("/dev/shm", name)), cmd + " open=" + open + " created a shared memory object");
                }
            }
        }
    }
}
