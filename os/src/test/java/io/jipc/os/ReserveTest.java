package io.jipc.os;

import io.jipc.api.IpcLimitExceeded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link FileOps#reserve}: on a 64 KiB tmpfs of its own (needs root to mount), and its fallback on any file system. */
class ReserveTest {
    private static Path small;
    private static boolean mounted;

    @TempDir
    Path dir;

    @BeforeAll
    static void mountSmallTmpfs() throws Exception {
        small = Files.createTempDirectory("jipc-reserve-tmpfs");
        if (Proc.euid() == 0) {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", small.toString());
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", small.toString());
        }
        Files.deleteIfExists(small);
    }

    @Test
    void aFullTmpfsIsALimitNamingTheFileAndTheSize() {
        assumeTrue(mounted, "needs root to mount a 64 KiB tmpfs");
        String f = small.resolve("big").toString();
        int fd = FileOps.open(f, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_CLOEXEC, 0600, "test:/big");
        try {
            IpcLimitExceeded e = assertThrows(IpcLimitExceeded.class,
                    () -> FileOps.reserve(fd, 0, 1 << 20, f, "test:/big"));
            assertTrue(e.getMessage().contains(f) && e.getMessage().contains("1048576")
                    && e.getMessage().contains("ENOSPC") && e.getMessage().contains("test:/big"), e.getMessage());
            IpcLimitExceeded w = assertThrows(IpcLimitExceeded.class,
                    () -> FileOps.reserveByWriting(fd, 0, 1 << 20, f, "test:/big"));
            assertTrue(w.getMessage().contains(f) && w.getMessage().contains("ENOSPC"), w.getMessage());
            Fd.truncate(fd, 0, f, "test:/big");
            FileOps.reserve(fd, 0, 16 * 1024, f, "test:/big");
            assertEquals(16 * 1024, Fd.fstat(fd, "test:/big").size());
        } finally {
            Fd.close(fd);
            FileOps.unlinkQuietly(f);
        }
    }

    @Test
    void theFallbackExtendsAndKeepsExistingBytes() throws Exception {
        Path p = dir.resolve("f");
        Files.write(p, new byte[] {1, 2, 3});
        int fd = FileOps.open(p.toString(), Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0, "test:/f");
        try {
            FileOps.reserveByWriting(fd, 0, 3 * NativeMemory.pageSize() + 5, p.toString(), "test:/f");
            assertEquals(3 * NativeMemory.pageSize() + 5, Fd.fstat(fd, "test:/f").size());
            FileOps.reserve(fd, 0, 8192, p.toString(), "test:/f"); // never shrinks
            assertEquals(3 * NativeMemory.pageSize() + 5, Fd.fstat(fd, "test:/f").size());
        } finally {
            Fd.close(fd);
        }
        byte[] all = Files.readAllBytes(p);
        assertArrayEquals(new byte[] {1, 2, 3, 0}, java.util.Arrays.copyOf(all, 4));
        for (int i = 3; i < all.length; i++) {
            assertEquals(0, all[i]);
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
