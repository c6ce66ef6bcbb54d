package io.jipc.cli;

import io.jipc.aeron.internal.DriverConnection;
import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the directory of an embedded Aeron media driver whose process was killed with
 * SIGKILL is listed by {@code jipc ls} (an orphan once the process is dead), described by
 * {@code jipc stat} and removed by {@code jipc rm --orphans --yes}; a live driver's is refused.
 */
class AeronInventoryTest {
    /** Opens an {@code aeron:ipc} channel on an embedded driver, says so, and waits to be killed. */
    public static final class DriverHolder {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel("aeron:ipc?stream=" + args[0]);
            System.out.println("READY " + ch.uri());
            Thread.sleep(120_000);
        }
    }

    private static List<Path> driversOf(long pid) {
        return DriverConnection.driverDirectories().stream()
                .filter(p -> DriverConnection.ownerPid(p.getFileName().toString()) == pid).toList();
    }

    @Test
    void aKilledProcesssDriverDirectoryIsListedDescribedAndRemoved() throws Exception {
        Path dir = null;
        try (ChildProcess child = Spawner.jvm(DriverHolder.class, Integer.toString(1000 + (int) (ProcessHandle.current().pid() % 1000))).start()) {
            child.awaitOutput("READY", Duration.ofSeconds(90));
            String pid = Integer.toString(child.pid());
            List<Path> dirs = driversOf(child.pid());
            assertEquals(1, dirs.size(), "the child's embedded driver directory: " + DriverConnection.driverDirectories());
            dir = dirs.get(0);
            assertTrue(dir.getFileName().toString().startsWith("aeron-jipc-" + pid + "-"), dir.toString());

            CliRun alive = CliRun.run("ls", "--wide", "--pid", pid);
            assertEquals(0, alive.code, alive.toString());
            assertTrue(alive.out.contains("Aeron media drivers") && alive.out.contains(dir.toString()), alive.out);
            assertTrue(alive.out.contains("is alive"), alive.out);
            CliRun noOrphan = CliRun.run("ls", "--orphans", "--pid", pid, "--json");
            assertFalse(noOrphan.out.contains(dir.toString()), "a live driver's directory is no orphan: " + noOrphan.out);
            CliRun refused = CliRun.run("rm", dir.toString());
            assertEquals(1, refused.code, refused.toString());
            assertTrue(refused.err.contains("running media driver"), refused.err);
            assertTrue(Files.isDirectory(dir));

            child.killAndWait();
            assertTrue(Files.isDirectory(dir), "kill -9 leaves the driver's directory behind");

            CliRun orphans = CliRun.run("ls", "--orphans", "--pid", pid, "--json");
            assertEquals(0, orphans.code, orphans.toString());
            assertTrue(orphans.out.contains("\"" + dir + "\"") && orphans.out.matches("(?s).*\"kind\"\\s*:\\s*\"aeron-dir\".*"), orphans.out);
            CliRun stat = CliRun.run("stat", dir.toString());
            assertEquals(0, stat.code, stat.toString());
            assertTrue(stat.out.contains("Aeron media driver directory") && stat.out.contains(pid + " (dead)")
                    && stat.out.contains("orphan") && stat.out.contains("yes"), stat.out);

            CliRun rm = CliRun.run("rm", "--orphans", "--yes", "--pid", pid);
            assertEquals(0, rm.code, rm.toString());
            assertTrue(rm.out.contains("removed Aeron media driver directory " + dir), rm.out);
            assertFalse(Files.exists(dir), dir + " still exists after rm --orphans: " + rm);
            CliRun after = CliRun.run("ls", "--pid", pid, "--json");
            assertFalse(after.out.contains(dir.toString()), after.out);
        } finally {
            if (dir != null && Files.exists(dir)) {
                IoUtil.delete(dir.toFile(), true);
            }
        }
    }
}
