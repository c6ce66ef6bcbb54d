package io.jipc.os;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpawnerTest {
    @Test
    void commandOutputAndExitCode() throws Exception {
        try (ChildProcess c = Spawner.command("sh", "-c", "echo hello; echo oops >&2; exit 3").start()) {
            assertEquals(3, c.waitFor(Duration.ofSeconds(30)));
            assertTrue(c.output().contains("hello"));
            assertTrue(c.output().contains("oops"));
        }
    }

    @Test
    void inheritedDescriptorIsRenumbered() throws Exception {
        int[] fds = Fd.pipe(0, "test:pipe");
        try {
            Spawner s = Spawner.command("sh", "-c", "printf inherited >&3");
            int childFd = s.inherit(fds[1]);
            assertEquals(3, childFd);
            try (ChildProcess c = s.start()) {
                assertEquals(0, c.waitFor(Duration.ofSeconds(30)), c.output());
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64);
            int n = Fd.read(fds[0], buf, "test:pipe");
            byte[] got = new byte[n];
            buf.flip().get(got);
            assertEquals("inherited", new String(got, StandardCharsets.US_ASCII));
        } finally {
            Fd.close(fds[0]);
            Fd.close(fds[1]);
        }
    }

    @Test
    void childJvmRunsAndCanBeKilled() throws Exception {
        try (ChildProcess c = Spawner.jvm(SleepyChild.class, "READY").start()) {
            c.awaitOutput("READY", Duration.ofSeconds(60));
            assertTrue(c.isAlive());
            c.killAndWait();
            assertFalse(c.isAlive());
            assertEquals(-ChildProcess.SIGKILL, c.exitCode());
        }
    }

    /** A child that prints its argument and sleeps. */
    public static final class SleepyChild {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            System.out.println(args[0]);
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
