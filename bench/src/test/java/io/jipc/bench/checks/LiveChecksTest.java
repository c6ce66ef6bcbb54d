package io.jipc.bench.checks;

import io.jipc.bench.BenchSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every live check runs on this machine, observes the claimed behaviour, says what it saw, and
 * leaves nothing behind (no SysV queue or semaphore set with its keys, no POSIX queue, no socket
 * file); the side file reads back as written. Never asserts a timing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveChecksTest {
    private static List<CheckResult> results;
    private static LiveChecks checks;
    private Path dir;

    @BeforeAll
    static void runOnce() {
        checks = new LiveChecks();
        results = checks.runAll();
    }

    @AfterEach
    void clean() {
        BenchSupport.deleteQuietly(dir);
    }

    @Test
    void everyCheckPassesAndSaysWhatItSaw() {
        assertEquals(List.of("sysv-msgtyp-order", "posix-priority-order", "sysv-sem-undo-kill", "sysv-persistence",
                "sysv-eidrm", "posix-unlink-while-open", "unix-peercred"),
                results.stream().map(CheckResult::name).toList());
        for (CheckResult c : results) {
            assertTrue(c.passed(), c.name() + " " + c.outcome() + ": " + c.observed());
        }
        assertTrue(observed("sysv-msgtyp-order").contains("gave 100, 100, 200, 300, then nothing"),
                observed("sysv-msgtyp-order"));
        assertTrue(observed("sysv-msgtyp-order").contains("msgtyp 3 took 3 and the next plain receive 1"),
                observed("sysv-msgtyp-order"));
        assertTrue(observed("posix-priority-order").contains("received 5 (m1), 5 (m3), 3 (m2), 1 (m0), 0 (m4)"),
                observed("posix-priority-order"));
        assertTrue(observed("sysv-sem-undo-kill").contains("ownerDied=true"), observed("sysv-sem-undo-kill"));
        assertTrue(observed("sysv-eidrm").contains("EIDRM"), observed("sysv-eidrm"));
        assertTrue(observed("unix-peercred").contains("SO_PEERCRED"), observed("unix-peercred"));
    }

    @Test
    void nothingIsLeftBehind() throws Exception {
        List<String> made = checks.created();
        assertFalse(made.isEmpty());
        String sysv = Files.readString(Path.of("/proc/sysvipc/msg")) + Files.readString(Path.of("/proc/sysvipc/sem"));
        for (String o : made) {
            if (o.startsWith("0x")) {
                // /proc/sysvipc prints the key in decimal
                String dec = Long.toString(Long.parseLong(o.substring(2), 16));
                for (String line : sysv.split("\n")) {
                    String[] f = line.trim().split("\\s+");
                    assertFalse(f.length > 0 && f[0].equals(dec), "SysV object with key " + o + " left: " + line);
                }
            } else if (o.startsWith("/") && !o.substring(1).contains("/")) {
                assertFalse(Files.exists(Path.of("/dev/mqueue" + o)), "POSIX queue " + o + " left");
            } else {
                assertFalse(Files.exists(Path.of(o)), o + " left");
                assertFalse(Files.exists(Path.of(o).getParent()), o + "'s directory left");
            }
        }
    }

    @Test
    void theSideFileReadsBackAndIsOptional() throws Exception {
        dir = Files.createTempDirectory("jipc-checks-");
        assertEquals(Optional.empty(), LiveChecks.read(dir), "no file: nothing checked");
        LiveChecks.write(dir, results);
        assertEquals(results, LiveChecks.read(dir).orElseThrow());
    }

    private static String observed(String name) {
        return results.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().observed();
    }
}
