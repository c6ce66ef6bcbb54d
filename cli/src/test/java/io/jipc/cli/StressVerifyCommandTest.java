package io.jipc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jipc stress} and {@code jipc verify} from the command line: one small real run each
 * (the engine's own tests in bench cover every scheme), the table, the JSON file, the exit codes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StressVerifyCommandTest {
    @Test
    void stressPrintsTheTableAndExitsZero() {
        CliRun r = CliRun.run("stress", "--messages", "300", "--only", "mutex:ofd,channel:pipe");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("lost") && r.out.contains("counter"), r.toString());
        assertTrue(r.out.contains("pipe") && r.out.contains("slow consumer") && r.out.contains("ofd"), r.toString());
        assertTrue(r.out.contains("3 runs, 0 failed"), r.toString());
    }

    @Test
    void verifyWritesTheCrashMatrixForTheReport(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("verify", "--only", "flock,pipe", "--out", dir.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("observed") && r.out.contains("declared") && r.out.contains("agrees"), r.toString());
        String json = Files.readString(dir.resolve("crash-matrix.json"));
        assertTrue(json.contains("\"backend\": \"flock\"") && json.contains("\"backend\": \"pipe\""), json);
    }

    @Test
    void unknownSchemesAreUsageErrors() {
        CliRun s = CliRun.run("stress", "--only", "nosuch");
        assertEquals(Main.EXIT_USAGE, s.code, s.toString());
        assertTrue(s.err.contains("'nosuch'"), s.toString());
        CliRun v = CliRun.run("verify", "--only", "nosuch");
        assertEquals(Main.EXIT_USAGE, v.code, v.toString());
        CliRun m = CliRun.run("stress", "--messages", "0");
        assertEquals(Main.EXIT_USAGE, m.code, m.toString());
    }
}
