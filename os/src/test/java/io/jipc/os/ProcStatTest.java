package io.jipc.os;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {
    private static final String TAIL = " 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 4242 20 21 22\n";

    @Test
    void commWithSpacesAndParenthesesIsSkippedFromTheLastParenthesis() {
        ProcStat p = new ProcStat();
        long[] r = p.parse("123 (a) b) S (x y)) R" + TAIL);
        assertEquals('R', (char) r[0], "the state follows the last ')'");
        assertEquals(4242, r[1], "field 22 counted from the state");
        r = p.parse("123 (plain) Z" + TAIL);
        assertEquals('Z', (char) r[0]);
        assertEquals(4242, r[1]);
    }

    @Test
    void truncatedOrMalformedLinesAreUnknown() {
        ProcStat p = new ProcStat();
        assertEquals(ProcStat.UNKNOWN, p.parse("123 (x) S 1 2 3")[1]);
        assertEquals(ProcStat.UNKNOWN_STATE, (char) p.parse("no parenthesis here")[0]);
    }

    @Test
    void thisProcessIsAliveWithAStableStartTime() throws Exception {
        ProcStat p = ProcStat.forThisThread();
        long start = p.startTime(Proc.pid());
        assertTrue(start > 0, "start time " + start);
        assertEquals(start, p.startTime(Proc.pid()));
        String line = Files.readString(Path.of("/proc/self/stat"));
        assertEquals(start, new ProcStat().parse(line)[1], "same answer as parsing the text");
        assertTrue(p.alive(Proc.pid()));
        assertTrue(p.sameProcess(Proc.pid(), start));
        assertFalse(p.sameProcess(Proc.pid(), start + 1), "another start time: another process");
        assertTrue(p.alive(1) || !Files.exists(Path.of("/proc/1")), "init");
    }

    @Test
    void aChildNamedWithSpacesAndParenthesesThenDeadThenGone() throws Exception {
        Path dir = Files.createTempDirectory("jipc-procstat");
        Path exe = dir.resolve("x) Z (y"); // comm is the executable's name: spaces and parentheses
        Files.copy(Path.of("/bin/sleep"), exe);
        exe.toFile().setExecutable(true);
        Process child = new ProcessBuilder(exe.toString(), "60").start();
        try {
            long pid = child.pid();
            ProcStat p = new ProcStat();
            long start = waitForStart(p, pid);
            assertTrue(start > 0);
            char state = p.state(pid);
            assertTrue(state == 'S' || state == 'R' || state == 'D', "state " + state);
            assertTrue(p.alive(pid));
            assertTrue(p.sameProcess(pid, start));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertFalse(p.alive(pid), "reaped: gone");
            assertFalse(p.sameProcess(pid, start));
            assertEquals(ProcStat.NO_PROCESS, p.startTime(pid));
            assertEquals(0, p.state(pid));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(exe);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void cpuTicksGrowWithTheCpuThisProcessUsesAndAGoneProcessHasNone() {
        ProcStat p = new ProcStat();
        long before = p.cpuTicks(Proc.pid());
        assertTrue(before >= 0, "ticks " + before);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long sink = 0;
        while (mx.getCurrentThreadCpuTime() - cpu0 < 100_000_000L) { // 100 ms of this thread's CPU: 10 ticks
            sink += System.nanoTime() & 1;
        }
        long after = p.cpuTicks(Proc.pid());
        assertTrue(after > before, "ticks before " + before + ", after " + after + " (" + sink + ")");
        assertEquals(ProcStat.NO_PROCESS, p.cpuTicks(Integer.MAX_VALUE - 1));
    }

    @Test
    void answersWithoutAllocating() {
        ProcStat p = new ProcStat();
        long pid = Proc.pid();
        long start = p.startTime(pid);
        for (int i = 0; i < 20_000; i++) { // warm up so that the JIT has compiled the path
            p.sameProcess(pid, start);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) mx;
        long tid = Thread.currentThread().getId();
        long before = t.getThreadAllocatedBytes(tid);
        boolean all = true;
        for (int i = 0; i < 10_000; i++) {
            all &= p.sameProcess(pid, start);
        }
        long allocated = t.getThreadAllocatedBytes(tid) - before;
        assertTrue(all);
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 10000 calls");
    }

    private static long waitForStart(ProcStat p, long pid) throws InterruptedException {
        // the child's comm becomes the executable's name once exec is done
        for (int i = 0; i < 3000; i++) {
            String comm;
            try {
                comm = Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
            } catch (java.io.IOException e) {
                comm = "";
            }
            if (comm.equals("x) Z (y")) {
                return p.startTime(pid);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the child never ran under its name");
    }
}
