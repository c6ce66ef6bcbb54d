package io.jipc.filelock;

import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locks taken by jipc are seen by other tools using the same mechanism, and the other way round. */
@ExtendWith(LeakGuard.class)
class FileLockInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static int run(String... argv) throws Exception {
        try (ChildProcess c = Spawner.command(argv).start()) {
            return c.waitFor(WAIT);
        }
    }

    @Test
    void flockToolRespectsAFlockLockAndViceVersa() throws Exception {
        Assumptions.assumeTrue(onPath("flock"), "flock(1) not installed");
        Path p = Schemes.freshPath("flock");
        try (Mutex m = Ipc.mutex("flock:" + p)) {
            m.lock();
            assertEquals(1, run("flock", "-n", p.toString(), "true"), "flock -n fails while jipc holds the lock");
            m.unlock();
            assertEquals(0, run("flock", "-n", p.toString(), "true"), "and succeeds once released");
            Path marker = TestNames.file("flock-marker");
            String script = "echo HELD; i=0; while [ -e '" + marker + "' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done";
            try (ChildProcess tool = Spawner.command("flock", p.toString(), "sh", "-c", script).start()) {
                tool.awaitOutput("HELD", WAIT);
                assertFalse(m.tryLock(), "jipc sees the lock of flock(1)");
                Files.delete(marker);
                assertTrue(m.tryLock(60, TimeUnit.SECONDS), "and gets it when flock(1) lets go");
                m.unlock();
                assertEquals(0, tool.waitFor(WAIT));
            } finally {
                Files.deleteIfExists(marker);
            }
            m.remove();
        } finally {
            Schemes.cleanUp(p);
        }
    }

    private static final String PROBE_C = String.join("\n",
            "#define _GNU_SOURCE",
            "#include <fcntl.h>",
            "#include <stdio.h>",
            "#include <errno.h>",
            "#include <unistd.h>",
            "int main(int argc, char **argv) {",
            "  int fd = open(argv[1], O_RDWR);",
            "  if (fd < 0) { perror(\"open\"); return 2; }",
            "  struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };",
            "  if (fcntl(fd, F_GETLK, &fl) != 0) { perror(\"F_GETLK\"); return 2; }",
            "  if (fl.l_type == F_UNLCK) printf(\"C FREE\\n\"); else printf(\"C BUSY pid=%d\\n\", (int) fl.l_pid);",
            "  struct flock w = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };",
            "  if (fcntl(fd, F_SETLK, &w) == 0) printf(\"C SETLK OK\\n\");",
            "  else if (errno == EAGAIN || errno == EACCES) printf(\"C SETLK BUSY\\n\");",
            "  else { perror(\"F_SETLK\"); return 2; }",
            "  return 0;",
            "}", "");

    /** A C program using fcntl(F_SETLK) sees fcntl: and ofd: locks (one lock table for both). */
    @Test
    void cProgramUsingFcntlSeesFcntlAndOfdLocks() throws Exception {
        Assumptions.assumeTrue(onPath("cc"), "no C compiler");
        Path src = TestNames.path("probe.c");
        Path exe = TestNames.path("probe");
        try {
            Files.writeString(src, PROBE_C);
            Process cc = new ProcessBuilder("cc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
            String ccOut = new String(cc.getInputStream().readAllBytes());
            assertTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, ccOut);
            for (String scheme : Schemes.KERNEL.subList(0, 2)) {
                Path p = Schemes.freshPath(scheme);
                try (Mutex m = Ipc.mutex(scheme + ":" + p)) {
                    m.lock();
                    try (ChildProcess c = Spawner.command(exe.toString(), p.toString()).start()) {
                        assertEquals(0, c.waitFor(WAIT), c.output());
                        String out = c.output();
                        assertTrue(out.contains("C SETLK BUSY"), scheme + ": " + out);
                        // F_GETLK names the owning process for a classic record lock, -1 for an OFD lock
                        String pid = scheme.equals("fcntl") ? Long.toString(ProcessHandle.current().pid()) : "-1";
                        assertTrue(out.contains("C BUSY pid=" + pid), scheme + ": " + out);
                    }
                    m.unlock();
                    try (ChildProcess c = Spawner.command(exe.toString(), p.toString()).start()) {
                        assertEquals(0, c.waitFor(WAIT), c.output());
                        assertTrue(c.output().contains("C FREE") && c.output().contains("C SETLK OK"), c.output());
                    }
                    m.remove();
                } finally {
                    Schemes.cleanUp(p);
                }
            }
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(exe);
        }
    }
}
