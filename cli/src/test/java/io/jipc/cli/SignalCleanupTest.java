package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.os.ChildProcess;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11, deliverable 6: a {@code jipc} command stopped by SIGTERM or SIGINT (Ctrl-C) removes
 * what it created and stops its child processes; one stopped by {@code kill -9} leaves objects
 * that {@code jipc ls --orphans} finds and {@code jipc rm --orphans} removes. Each command runs
 * as a real {@code jipc} JVM with its own temporary directory, so that every file it makes there
 * can be checked.
 */
@ExtendWith(LeakGuard.class)
class SignalCleanupTest {
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern SYSV_KEY = Pattern.compile("sysv:\\?key=(0x[0-9a-f]+)");
    private static final Pattern STARTED = Pattern.compile("started \\S+ as a separate JVM, pid (\\d+)");

    /** The jipc command as a child JVM whose temporary files go to {@code tmp}. */
    private static ChildProcess jipc(Path tmp, String... args) {
        return Spawner.jvm(Main.class, args)
                .jvmOption("-Djava.io.tmpdir=" + tmp)
                .jvmOption("-Djipc.runtime.dir=" + CreatedPaths.dir())
                .jvmOption("-Xmx128m")
                .start();
    }

    private static Path privateTmp(String hint) throws Exception {
        Path d = TestNames.path(hint);
        Files.createDirectories(d);
        return d;
    }

    /** What the command left in its temporary directory (the JVM's own perf data and JMH's lock excluded). */
    private static List<String> leftIn(Path tmp) throws Exception {
        List<String> l = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                // the JVM's perf data, and JMH's run lock (shared by every JMH run, never removed by JMH itself)
                if (!n.startsWith("hsperfdata_") && !n.equals("jmh.lock")) {
                    l.add(n);
                }
            }
        }
        return l;
    }

    private static boolean sysvExists(String table, String hexKey) throws Exception {
        long key = Long.parseLong(hexKey.substring(2), 16);
        for (String line : Files.readAllLines(Path.of("/proc/sysvipc", table))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].matches("-?\\d+") && (Long.parseLong(f[0]) & 0xffffffffL) == key) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> participants(String out) {
        List<Long> l = new ArrayList<>();
        Matcher m = STARTED.matcher(out);
        while (m.find()) {
            l.add(Long.parseLong(m.group(1)));
        }
        return l;
    }

    private static String firstKey(String out) {
        Matcher m = SYSV_KEY.matcher(out);
        assertTrue(m.find(), "no SysV key printed: " + out);
        return m.group(1);
    }

    /** Is {@code sig} ignored in {@code pid} (then the JVM installs no handler for it)? */
    private static boolean ignores(long pid, int sig) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }

    private static void assertGone(List<Long> pids, String out) {
        for (long p : pids) {
            assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false),
                    "participant " + p + " still runs after the demo was stopped:\n" + out);
        }
    }

    /**
     * After a demo was stopped by a signal: it reported its clean-up, its SysV object ({@code ipcs}
     * kind {@code kind}, key {@code key}) is gone, every participant stopped, and it left no file.
     */
    private static void assertDemoCleanedUp(ChildProcess demo, String kind, String key, String survived, Path tmp)
            throws Exception {
        String out = demo.output();
        assertTrue(out.contains("jipc: cleanup done"), out);
        assertFalse(sysvExists(kind, key), survived + ":\n" + out);
        assertGone(participants(out), out);
        assertEquals(List.of(), leftIn(tmp), "files left in the demo's temporary directory:\n" + out);
    }

    private static void stop(ChildProcess c, int sig) throws Exception {
        Proc.signal(c.pid(), sig);
        c.waitFor(WAIT);
    }

    @Test
    void sigtermDuringTheLockDemoRemovesTheMutexTheCounterFileAndStopsTheWorkers() throws Exception {
        assumeTrue(Ipc.backend("sysv") != null, "needs the sysv backend (the demo's first mutex)");
        Path tmp = privateTmp("sigterm-tmp");
        try (ChildProcess demo = jipc(tmp, "demo", "lock", "--rounds", "100000")) {
            demo.awaitOutput("started worker3", WAIT);
            String key = firstKey(demo.output());
            assertTrue(sysvExists("sem", key), "the demo's mutex exists while it runs");
            stop(demo, SIGTERM);
            assertDemoCleanedUp(demo, "sem", key, "the demo's SysV semaphore set " + key + " survived SIGTERM", tmp);
        } finally {
            RunSweep.deleteTree(tmp);
        }
    }

    @Test
    void sigintDuringPingPongRemovesTheQueueAndStopsBothPlayers() throws Exception {
        assumeTrue(Ipc.backend("sysv") != null, "needs the sysv backend");
        Path tmp = privateTmp("sigint-tmp");
        try (ChildProcess demo = jipc(tmp, "demo", "pingpong", "--rounds", "100000")) {
            demo.awaitOutput("started ping as a separate JVM", WAIT);
            assumeFalse(ignores(demo.pid(), SIGINT), "SIGINT is ignored in this environment (background job): the JVM cannot see it");
            demo.awaitOutput("[ping] ping: received 'pong 1'", WAIT);
            String key = firstKey(demo.output());
            assertTrue(sysvExists("msg", key), "the demo's queue exists while it runs");
            stop(demo, SIGINT);
            assertDemoCleanedUp(demo, "msg", key, "the demo's queue " + key + " survived Ctrl-C", tmp);
        } finally {
            RunSweep.deleteTree(tmp);
        }
    }

    @Test
    void sigtermWhileRecvWaitsRemovesTheQueueItCreated() throws Exception {
        assumeTrue(Ipc.backend("posix") != null, "needs the posix backend");
        String name = TestNames.unique("recv-created");
        Path mq = Path.of("/dev/mqueue", name);
        assumeTrue(Files.isDirectory(mq.getParent()), "/dev/mqueue is not mounted");
        Path tmp = privateTmp("recv-tmp");
        try (ChildProcess recv = jipc(tmp, "recv", "posix:/" + name + "?open=create", "--verbose")) {
            recv.awaitOutput("(created by this command)", WAIT);
            assertTrue(Files.exists(mq), "recv ...open=create made the queue: " + recv.output());
            stop(recv, SIGTERM);
            assertFalse(Files.exists(mq), "the queue recv created survived SIGTERM: " + recv.output());
        } finally {
            Files.deleteIfExists(mq);
            RunSweep.deleteTree(tmp);
        }
    }

    private static List<String> namedFor(long pid) throws Exception {
        List<String> l = new ArrayList<>();
        for (Path d : List.of(Path.of("/dev/shm"), Path.of("/dev/mqueue"), Path.of("/tmp"), Path.of("/var/tmp"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                for (Path p : ds) {
                    if (p.getFileName().toString().contains("jipc-bench-" + pid + "-")) {
                        l.add(p.toString());
                    }
                }
            }
        }
        return l;
    }

    @Test
    void sigtermDuringABenchRemovesWhatItsBenchmarksCreated() throws Exception {
        assumeTrue(Ipc.backend("posix") != null && Ipc.backend("sysv") != null, "needs the sysv and posix backends");
        Path tmp = privateTmp("bench-tmp");
        Path out = TestNames.path("bench-out");
        try (ChildProcess bench = jipc(tmp, "bench", "--only", "ChannelRoundTrip", "--out", out.toString())) {
            // the second benchmark runs: the first one's peer has come and gone, the second's objects exist
            bench.awaitOutput("[  2/", WAIT);
            stop(bench, SIGTERM);
            String text = bench.output();
            assertTrue(text.contains("jipc: cleanup done"), text);
            assertEquals(List.of(), namedFor(bench.pid()), "objects of the interrupted bench are left:\n" + text);
            CliRun ls = CliRun.run("ls", "--pid", Integer.toString(bench.pid()), "--json");
            assertFalse(ls.out.contains("\"kind\""), "objects last used by the interrupted bench are left: " + ls.out + "\n" + text);
            assertEquals(List.of(), leftIn(tmp), "files left in the bench's temporary directory:\n" + text);
        } finally {
            RunSweep.deleteTree(tmp);
            RunSweep.deleteTree(out);
        }
    }

    @Test
    void whatAKill9LeavesIsFoundByLsOrphansAndRemovedByRmOrphans() throws Exception {
        assumeTrue(Ipc.backend("sysv") != null, "needs the sysv backend");
        Path tmp = privateTmp("kill9-tmp");
        String key;
        List<Long> pids;
        try (ChildProcess demo = jipc(tmp, "demo", "pingpong", "--rounds", "100000")) {
            demo.awaitOutput("[ping] ping: received 'pong 1'", WAIT);
            key = firstKey(demo.output());
            pids = participants(demo.output());
            demo.killAndWait();
        }
        try {
            // the players notice their parent died and exit
            for (long p : pids) {
                ProcessHandle.of(p).ifPresent(h -> h.onExit().join());
            }
            assertTrue(sysvExists("msg", key), "a kill -9 runs no cleanup: the queue is left");
            CliRun ls = CliRun.run("ls", "--orphans", "--json", "--name", key);
            assertEquals(0, ls.code, ls.toString());
            assertTrue(ls.out.contains("\"sysv-queue\""), "ls --orphans does not find the queue a kill -9 left: " + ls.out);
            CliRun rm = CliRun.run("rm", "--orphans", "--yes", "--name", key);
            assertEquals(0, rm.code, rm.toString());
            assertFalse(sysvExists("msg", key), "rm --orphans left the queue: " + rm);
        } finally {
            CliRun.run("rm", "sysv:?key=" + key, "--kind", "channel");
            RunSweep.deleteTree(tmp);
        }
    }
}
