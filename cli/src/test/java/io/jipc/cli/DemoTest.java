package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The seeds' demos, run in-process; participants are real child JVMs. */
@ExtendWith(LeakGuard.class)
class DemoTest {
    private static boolean sysv() {
        return Ipc.backend("sysv") != null;
    }

    @Test
    void demosExplainWhatTheyNeedWhenNoBackendCanDoIt() {
        assumeTrue(!sysv(), "a SysV backend is installed: the demos run instead (see the other tests)");
        CliRun r = CliRun.run("demo", "pingpong");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("needs a channel that selects messages by type"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void badDemoArguments() {
        CliRun r = CliRun.run("demo", "nosuch");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("unknown demo 'nosuch'"), r.err);
        CliRun d = CliRun.run("demo", "adder", "--design", "star");
        assertEquals(2, d.code);
        assertTrue(d.err.contains("per-client or shared"), d.err);
        CliRun u = CliRun.run("demo", "pingpong", "--uri", "nosuch:/x");
        assertEquals(2, u.code);
        assertTrue(u.err.contains("unknown scheme 'nosuch'"), u.err);
    }

    @Test
    void pingpong() {
        assumeTrue(sysv(), "needs the sysv backend");
        CliRun r = CliRun.run("demo", "pingpong", "--rounds", "2");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("[pong] pong: received 'ping 2' (type 1), answering with type 2"), r.out);
        assertTrue(r.out.contains("[ping] ping: received 'pong 2' (type 2)"), r.out);
        assertTrue(r.out.contains("removed the queue"), r.out);
    }

    @Test
    void priorityFollowsSeed000() {
        assumeTrue(sysv(), "needs the sysv backend");
        CliRun r = CliRun.run("demo", "priority", "--uri", sysvUriOfThisPid(0x50000000));
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("consumer: order received: 100, 100, 200, 300"), r.out);
    }

    @Test
    void adderBothDesigns() {
        assumeTrue(sysv(), "needs the sysv backend");
        CliRun per = CliRun.run("demo", "adder", "--clients", "1");
        assertEquals(0, per.code, per.toString());
        assertTrue(per.out.contains("answer 10 + 1 = 11"), per.out);
        assertTrue(per.out.contains("server: a + b == 0, stopping"), per.out);
        CliRun shared = CliRun.run("demo", "adder", "--design", "shared", "--clients", "1");
        assertEquals(0, shared.code, shared.toString());
        assertTrue(shared.out.contains("answer 10 + 1 = 11"), shared.out);
        assertTrue(shared.out.contains("(the client's pid)"), shared.out);
    }

    @Test
    void lockCountsExactly() {
        assumeTrue(sysv(), "needs the sysv backend");
        CliRun r = CliRun.run("demo", "lock", "--rounds", "50", "--uri", sysvUriOfThisPid(0x51000000));
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("sysv: counter = 150, expected 150  OK"), r.out);
    }

    @Test
    void shmMonitor() {
        assumeTrue(sysv(), "needs the sysv backend");
        CliRun r = CliRun.run("demo", "shm-monitor", "--rounds", "2");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("[reader] reader: version"), r.out);
        assertTrue(r.out.contains("'bye'"), r.out);
    }

    /** A sysv: URI keyed by this test JVM: {@code prefix} in the key's top byte, the pid in its low 24 bits. */
    private static String sysvUriOfThisPid(int prefix) {
        return "sysv:?key=0x" + Integer.toHexString(prefix | (int) (ProcessHandle.current().pid() & 0xffffff));
    }
}
