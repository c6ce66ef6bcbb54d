package io.jipc.cli;

import io.jipc.os.SystemLimits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicCommandsTest {
    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"backends", "limits", "bench", "report", "choose", "ls", "rm", "stat", "send", "recv", "demo"}) {
            CliRun r = CliRun.run(cmd, "--help");
            assertEquals(0, r.code, r.toString());
            assertTrue(r.out.startsWith("Usage: jipc " + cmd), r.toString());
        }
        CliRun top = CliRun.run("--help");
        assertEquals(0, top.code);
        assertTrue(top.out.contains("Exit codes: 0 ok, 1 failure, 2 usage error."), top.out);
    }

    @Test
    void noCommandPrintsUsage() {
        CliRun r = CliRun.run();
        assertEquals(0, r.code);
        assertTrue(r.out.contains("Commands:"), r.out);
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        CliRun r = CliRun.run("frobnicate");
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("frobnicate"), r.err);
        CliRun o = CliRun.run("ls", "--bogus");
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.contains("--bogus"), o.err);
        assertFalse(o.err.contains("\tat "), "no stack trace: " + o.err);
    }

    @Test
    void backendsListsEveryInstalledSchemeWithCapabilities() {
        CliRun r = CliRun.run("backends");
        assertEquals(0, r.code, r.toString());
        for (io.jipc.spi.Backend b : io.jipc.api.Ipc.backends()) {
            assertTrue(r.out.contains(b.scheme()), b.scheme() + " missing: " + r.out);
            assertTrue(r.out.contains(b.module()), b.module() + " missing: " + r.out);
        }
        // the test backend's channel capabilities are shown
        assertTrue(r.out.contains("Capabilities: channel"), r.out);
        assertTrue(r.out.contains("sysv_type"), r.out);
        CliRun j = CliRun.run("backends", "--json");
        assertEquals(0, j.code);
        assertTrue(j.out.trim().startsWith("["), j.out);
        assertTrue(j.out.contains("\"scheme\": \"memtest\""), j.out);
        assertTrue(j.out.contains("\"maxMessage\": 1024"), "typed, camelCase: " + j.out);
    }

    @Test
    void limitsShowTheValuesInForceWithTheirSource() {
        CliRun r = CliRun.run("limits", "--wide");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("System V IPC"), r.out);
        assertTrue(r.out.contains("POSIX message queues"), r.out);
        assertTrue(r.out.contains("Pipes and FIFOs"), r.out);
        long msgmax = SystemLimits.msgmax();
        String line = r.out.lines().filter(l -> l.trim().startsWith("msgmax ")).findFirst().orElseThrow();
        assertTrue(line.contains(" " + msgmax + " "), "msgmax " + msgmax + " expected in: " + line);
        assertTrue(line.contains("/proc/sys/kernel/msgmax"), line);
        for (String name : new String[] {"msgmnb", "msgmni", "semmsl", "semmns", "semopm", "semmni", "shmmax", "shmall",
                "shmmni", "msg_max", "msgsize_max", "queues_max", "RLIMIT_MSGQUEUE", "pipe-max-size"}) {
            assertTrue(r.out.contains(name), name + " missing");
        }
        CliRun j = CliRun.run("limits", "--json");
        assertEquals(0, j.code);
        assertTrue(j.out.contains("\"name\": \"msgmax\""), j.out);
        assertTrue(j.out.contains("\"value\": " + msgmax + ","), "a number: " + j.out);
    }

    @Test
    void benchReportAndChooseRefuseBadInputWithoutRunningAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        CliRun r = CliRun.run("bench", "--only", "NoSuchBenchmarkAnywhere", "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("no benchmark matches --only NoSuchBenchmarkAnywhere"), r.toString());
        CliRun both = CliRun.run("bench", "--quick", "--full");
        assertEquals(2, both.code, both.toString());
        CliRun rep = CliRun.run("report", tmp.resolve("missing.json").toString());
        assertEquals(2, rep.code, rep.toString());
        assertTrue(rep.err.contains("missing.json: no such file"), rep.toString());
        CliRun c = CliRun.run("choose", "--pattern", "telepathy");
        assertEquals(2, c.code, c.toString());
        assertTrue(c.err.contains("'--pattern': 'telepathy' (choose request-reply, stream, bulk or lock)"), c.toString());
    }

    @Test
    void durationsParseAndRejectClearly() {
        assertEquals(java.time.Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(java.time.Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(java.time.Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals(java.time.Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(java.time.Duration.ZERO, Durations.parse("0"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("soon"));
        assertTrue(e.getMessage().contains("'soon' is not a duration"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Durations.parse("5"));
        assertTrue(e.getMessage().contains("no unit"), e.getMessage());
    }
}
