package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A POSIX shared-memory object truncated by another process while a child JVM has it mapped: the
 * child's atomic accessors fail with an {@code IpcException} naming {@code /dev/shm/<name>} and its
 * sizes (never a dead JVM), and its {@code close()} succeeds. (The {@code file:} and {@code ring:}
 * variants are in the mmap module's tests.)
 */
class TruncatedRegionTest {
    @Test
    void aPosixRegionTruncatedUnderTheMappingIsAClearErrorNotACrash() throws Exception {
        String name = TestNames.posixName("trunc");
        Path file = Path.of("/dev/shm", name.substring(1));
        String uri = "posix:" + name;
        Ipc.region(uri + "?size=16384").close(); // created; this JVM keeps no mapping of it
        try (ChildProcess child = Spawner.jvm(TruncatedRegionChild.class, uri, file.toString()).start()) {
            child.awaitOutput("READY", Duration.ofSeconds(120));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(0);
            }
            assertEquals(0, child.waitFor(Duration.ofSeconds(120)), "the child JVM died: " + child.output());
            String out = child.output();
            assertTrue(out.contains("EXIT"), out);
            assertFalse(out.contains("CLOSE "), out);
            assertEquals(2, out.lines().filter(l -> l.startsWith("IPCEXCEPTION ")).count(), out);
            assertTrue(out.contains("getLongVolatile at offset 8192 on " + uri), out);
            assertTrue(out.contains("compareAndSetInt at offset 8192"), out);
            assertTrue(out.contains(file + " was 16384 bytes when mapped and is now 0 bytes"), out);
        } finally {
            try (SharedRegion r = Ipc.region(uri)) {
                r.remove();
            } catch (RuntimeException e) {
                java.nio.file.Files.deleteIfExists(file); // size 0 cannot be opened: remove the file itself
            }
        }
    }
}
