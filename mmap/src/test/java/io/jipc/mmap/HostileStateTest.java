package io.jipc.mmap;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects another process damaged or replaced under jipc's names ({@code file:} regions and
 * {@code robust:} mutex files): clear {@link IpcException}s naming the object, never a crash; a
 * file truncated under a live mapping; and {@code mode=} applied exactly whatever the umask
 * (issue 11, defect 15).
 */
class HostileStateTest {
    private final List<Path> cleanup = new ArrayList<>();

    private Path shm(String hint) {
        Path p = Path.of("/dev/shm", TestNames.unique(hint));
        cleanup.add(p);
        return p;
    }

    @AfterEach
    void removeFiles() throws IOException {
        for (Path p : cleanup) {
            Files.deleteIfExists(p);
        }
    }

    static byte[] garbage(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private static void assertNames(Throwable e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
    }

    /** The process's umask, from /proc/self/status (Linux 4.7+), or -1. */
    static int umask() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        return -1;
    }

    @Test
    void fileRegionModeIsExactlyWhatWasAskedWhateverTheUmask() throws IOException {
        Assumptions.assumeTrue((umask() & 0066) != 0, "needs a umask that narrows group/other bits (e.g. 022)");
        Path p = shm("mode");
        try (SharedRegion r = Ipc.region("file:" + p + "?size=4096&mode=0666")) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        Path q = shm("mode2");
        try (SharedRegion r = Ipc.region("file:" + q + "?size=4096&mode=0660&open=create")) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(q)));
        }
    }

    @Test
    void robustModeIsExactlyWhatWasAskedWhateverTheUmask() throws IOException {
        Assumptions.assumeTrue((umask() & 0066) != 0, "needs a umask that narrows group/other bits (e.g. 022)");
        String name = TestNames.unique("rmode");
        Path file = Path.of(RobustMutex.FILE_PREFIX + name);
        cleanup.add(file);
        try (Mutex m = Ipc.mutex("robust:/" + name + "?mode=0666")) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            m.remove();
        }
    }

    @Test
    void robustFileWithGarbageOrWrongSizeIsRefusedNamingIt() throws IOException {
        String name = TestNames.unique("rgarbage");
        Path file = Path.of(RobustMutex.FILE_PREFIX + name);
        cleanup.add(file);
        Files.write(file, garbage(4096)); // larger than a robust block, all 0xff
        IpcException e = assertThrows(IpcException.class, () -> Ipc.mutex("robust:/" + name));
        assertNames(e, file.toString(), "4096 bytes", "larger than size=" + io.jipc.mmap.internal.RobustLayout.SIZE);
        Files.write(file, garbage(24)); // shorter, garbage
        e = assertThrows(IpcException.class, () -> Ipc.mutex("robust:/" + name));
        assertNames(e, "robust:/" + name, file.toString(), "does not hold a jipc robust mutex");
    }

    @Test
    void robustFileWithAValidHeaderButAForeignMutexIsRefused() throws IOException {
        String name = TestNames.unique("rforeign");
        Path file = Path.of(RobustMutex.FILE_PREFIX + name);
        cleanup.add(file);
        try (Mutex m = Ipc.mutex("robust:/" + name)) {
            m.lock();
            m.unlock();
        }
        // scribble over the pthread_mutex_t, keeping jipc's header: glibc must never see it
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(16);
            raf.write(garbage((int) raf.length() - 16));
        }
        IpcException e = assertThrows(IpcException.class, () -> Ipc.mutex("robust:/" + name));
        assertNames(e, "robust:/" + name, "pthread_mutex_t");
    }

    @Test
    void fileRegionOnADirectoryOrAFifoIsRefused() throws Exception {
        Path d = shm("dir");
        Files.createDirectory(d);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.region("file:" + d + "?size=4096"));
        assertNames(e, d.toString(), "directory");
    }

    @Test
    void aFileTruncatedUnderARegionMappingIsAClearErrorNotACrash() throws Exception {
        Path p = shm("trunc");
        Files.write(p, new byte[16384]); // this JVM keeps no mapping of it: only the child faults
        String out = runTruncated("region", "file:" + p, p);
        assertTrue(out.contains("IPCEXCEPTION"), out);
        assertTrue(out.contains(p.toString()) && out.contains("SIGBUS") && out.contains("getAndAddLong"), out);
        assertTrue(out.contains("now 0 bytes"), out);
        assertTrue(!out.contains("CLOSE "), "close after the fault failed: " + out);
    }

    /** Runs {@link TruncatedMappingChild}, truncates {@code file} once it is READY, returns its output. */
    static String runTruncated(String kind, String uri, Path file) throws Exception {
        try (ChildProcess child = Spawner.jvm(TruncatedMappingChild.class, kind, uri, file.toString()).start()) {
            child.awaitOutput("READY", Duration.ofSeconds(120));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(0);
            }
            int code = child.waitFor(Duration.ofSeconds(120));
            String out = child.output();
            assertEquals(0, code, "the child JVM died: " + out);
            assertTrue(out.contains("EXIT"), out);
            return out;
        }
    }
}
