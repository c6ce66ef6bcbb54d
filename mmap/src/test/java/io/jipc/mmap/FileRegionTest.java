package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileRegionTest {
    private final List<Path> cleanup = new ArrayList<>();

    private Path shm(String hint) {
        Path p = Path.of("/dev/shm", TestNames.unique(hint));
        cleanup.add(p);
        return p;
    }

    /** A path on a disk file system: under target/ (removed by the test, no temp directory left). */
    private Path disk(String hint) throws java.io.IOException {
        Path dir = Path.of("target", "test-files").toAbsolutePath();
        Files.createDirectories(dir);
        Path p = dir.resolve(TestNames.unique(hint));
        cleanup.add(p);
        return p;
    }

    @AfterEach
    void removeFiles() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(cleanup.get(i));
        }
    }

    @Test
    void createWriteReopenAndRemove() {
        Path p = shm("file");
        try (SharedRegion r = Ipc.region("file:" + p + "?size=10000")) {
            assertTrue(r instanceof FileRegion);
            assertTrue(((FileRegion) r).created());
            assertEquals(10000, r.size());
            assertEquals(10000, r.buffer().capacity());
            assertEquals(ByteOrder.nativeOrder(), r.buffer().order());
            assertEquals(10000, r.stats().size());
            assertEquals(-1, r.stats().attachCount());
            r.buffer().putLong(16, 0x1122334455667788L);
            r.putIntRelease(9996, 7);
            try (SharedRegion again = Ipc.region("file:" + p)) {
                assertFalse(((FileRegion) again).created());
                assertEquals(10000, again.size(), "without size= the whole file is mapped");
                assertEquals(0x1122334455667788L, again.getLongVolatile(16));
                assertEquals(7, again.getIntVolatile(9996));
                again.putLongRelease(24, 99);
            }
            assertEquals(99, r.getLongVolatile(24), "two mappings of one file share their pages");
            assertEquals(Capabilities.Persistence.FILE_SYSTEM, r.capabilities().persistence());
            r.remove();
            assertFalse(Files.exists(p));
            assertEquals(99, r.getLongVolatile(24), "the mapping outlives the name");
            r.remove(); // idempotent
        }
    }

    @Test
    void growsASmallerFileAndRefusesToShrinkALargerOne() throws Exception {
        Path p = shm("grow");
        Files.write(p, new byte[4096]);
        try (SharedRegion r = Ipc.region("file:" + p + "?size=8k")) {
            assertEquals(8192, r.size());
        }
        assertEquals(8192, Files.size(p));
        IpcException e = assertThrows(IpcException.class, () -> Ipc.region("file:" + p + "?size=4096"));
        assertTrue(e.getMessage().contains("never shrinks"), e.getMessage());
        assertEquals(8192, Files.size(p), "the file is left as it was");
    }

    @Test
    void staleBufferAfterCloseIsInertAndTheJvmSurvives() {
        Path p = shm("stale");
        ByteBuffer stale;
        SharedRegion r = Ipc.region("file:" + p + "?size=64k");
        try {
            stale = r.buffer();
            stale.putLong(0, 42);
            stale.putLong(65528, 43);
        } finally {
            r.close();
        }
        r.close(); // idempotent
        assertTrue(r.isClosed());
        // Touch the old buffer after close: it reaches private memory, not an unmapped page.
        long before = stale.getLong(0) + stale.getLong(65528);
        stale.putLong(0, 1234);
        stale.putLong(65528, 5678);
        assertEquals(1234, stale.getLong(0));
        assertEquals(0, before, "after close the stale buffer no longer sees the file");
        try (SharedRegion again = Ipc.region("file:" + p)) {
            assertEquals(42, again.getLongVolatile(0), "writes through the stale buffer never reach the file");
            assertEquals(43, again.getLongVolatile(65528));
            again.remove();
        }
        assertThrows(IpcException.class, r::buffer);
        assertThrows(IpcException.class, () -> r.getLongVolatile(0));
        assertThrows(IpcException.class, r::sync);
    }

    @Test
    void atomicAccessIsBoundsAndAlignmentChecked() {
        Path p = shm("atomics");
        try (SharedRegion r = Ipc.region("file:" + p + "?size=4096")) {
            assertEquals(0, r.getAndAddLong(4088, 5));
            assertEquals(5, r.getLongVolatile(4088));
            assertTrue(r.compareAndSetInt(4092, 0, 9));
            assertFalse(r.compareAndSetInt(4092, 0, 10));
            IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> r.getLongVolatile(4096));
            assertTrue(oob.getMessage().contains("4096"), oob.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> r.getAndAddLong(-8, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> r.putIntRelease(4093, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> r.getLongVolatile(Long.MAX_VALUE));
            IllegalArgumentException un = assertThrows(IllegalArgumentException.class, () -> r.getAndAddLong(12, 1));
            assertTrue(un.getMessage().contains("aligned"), un.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.compareAndSetInt(2, 0, 1));
            r.remove();
        }
    }

    @Test
    void syncOnADiskFileAndRangedSyncBounds() throws Exception {
        Path p = disk("sync");
        try (SharedRegion r = Ipc.region("file:" + p + "?size=16384")) {
            byte[] text = "written through the mapping".getBytes();
            r.buffer().position(5000).put(text);
            r.sync(4096, 4096);
            r.sync(5000, 1);
            r.sync(0, 0);
            r.sync();
            byte[] onDisk = Files.readAllBytes(p);
            byte[] got = new byte[text.length];
            System.arraycopy(onDisk, 5000, got, 0, text.length);
            assertArrayEquals(text, got);
            assertThrows(IndexOutOfBoundsException.class, () -> r.sync(16000, 1000));
            assertThrows(IndexOutOfBoundsException.class, () -> r.sync(-1, 10));
            assertThrows(IndexOutOfBoundsException.class, () -> r.sync(0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> r.sync(1, Long.MAX_VALUE));
            r.remove();
        }
    }

    @Test
    void twoJvmsAddToOneCounter() throws Exception {
        Path p = shm("counter");
        String uri = "file:" + p + "?size=4096";
        long n = 200_000;
        try (SharedRegion r = Ipc.region(uri)) {
            r.putLongRelease(8, 4711);
            try (ChildProcess child = Spawner.jvm(Children.Adder.class, "file:" + p, Long.toString(n)).start()) {
                child.awaitOutput("READY", Duration.ofSeconds(120));
                for (long i = 0; i < n; i++) {
                    r.getAndAddLong(0, 1);
                }
                assertEquals(0, child.waitFor(Duration.ofSeconds(120)), child.output());
                assertTrue(child.output().contains("SAW 4711"), child.output());
            }
            assertEquals(2 * n, r.getLongVolatile(0));
            r.remove();
        }
    }

    @Test
    void badSizesAreRefusedBeforeAnySystemCall() {
        Path p = shm("badsize");
        for (String size : new String[] {"0", "-1", "-4k", "3g", "9999999999999", "abc"}) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.region("file:" + p + "?size=" + size), size);
            assertTrue(e.getMessage().contains("size"), e.getMessage());
        }
        IpcUriException big = assertThrows(IpcUriException.class, () -> Ipc.region("file:" + p + "?size=3g"));
        assertTrue(big.getMessage().contains("ByteBuffer"), big.getMessage());
        assertFalse(Files.exists(p), "nothing was created");
        assertThrows(IpcUriException.class, () -> Ipc.region("file:relative/path?size=4096"));
        assertThrows(IpcUriException.class, () -> Ipc.region("file:" + p + "?size=4096&capacity=2"));
        assertThrows(IpcUriException.class, () -> Ipc.region("file:" + p + "?open=create"));
        assertFalse(Files.exists(p));
    }

    @Test
    void openModes() throws Exception {
        Path p = shm("modes");
        IpcNotFound nf = assertThrows(IpcNotFound.class, () -> Ipc.region("file:" + p + "?size=4096&open=open"));
        assertTrue(nf.getMessage().contains(p.toString()), nf.getMessage());
        IpcNotFound noSize = assertThrows(IpcNotFound.class, () -> Ipc.region("file:" + p));
        assertTrue(noSize.getMessage().contains("size="), noSize.getMessage());
        try (SharedRegion r = Ipc.region("file:" + p + "?size=4096&open=create&mode=0640")) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            assertThrows(IpcAlreadyExists.class, () -> Ipc.region("file:" + p + "?size=4096&open=create"));
            r.remove();
        }
    }

    @Test
    void emptyFileWithoutSizeDirectoryAndSymlinkAreClearErrors() throws Exception {
        Path empty = disk("empty");
        Files.createFile(empty);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.region("file:" + empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path dir = disk("dir");
        Files.createDirectory(dir);
        IpcException d = assertThrows(IpcException.class, () -> Ipc.region("file:" + dir + "?size=4096"));
        assertTrue(d.getMessage().contains("directory"), d.getMessage());
        assertEquals("EISDIR", d.errnoName());

        Path target = disk("target");
        Files.write(target, new byte[4096]);
        Path link = disk("link");
        Files.createSymbolicLink(link, target);
        IpcException l = assertThrows(IpcException.class, () -> Ipc.region("file:" + link));
        assertTrue(l.getMessage().contains("symbolic link"), l.getMessage());

        IpcException dev = assertThrows(IpcException.class, () -> Ipc.region("file:/dev/null"));
        assertTrue(dev.getMessage().contains("not a regular file"), dev.getMessage());
    }

    @Test
    void readOnlyFileIsAClearPermissionError() throws Exception {
        if (Proc.uid() != 0) {
            Path ro = disk("readonly");
            Files.write(ro, new byte[4096]);
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
            IpcException e = assertThrows(io.jipc.api.IpcPermissionDenied.class, () -> Ipc.region("file:" + ro));
            assertTrue(e.getMessage().contains("reading and writing"), e.getMessage());
            return;
        }
        // root may write any file: try as nobody, on a root-owned read-only file nobody can reach.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                "setpriv is needed to test as another user");
        Path ro = Path.of("/tmp", TestNames.unique("readonly"));
        cleanup.add(ro);
        Files.write(ro, new byte[4096]);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        try (ChildProcess c = Spawner.jvm(Children.TryOpen.class, "file:" + ro).asUser(65534, 65534).start()) {
            assertEquals(0, c.waitFor(Duration.ofSeconds(120)), c.output());
            assertTrue(c.output().contains("FAILED IpcPermissionDenied"), c.output());
            assertTrue(c.output().contains("reading and writing"), c.output());
        }
    }

    @Test
    void sizeBeyondWhatTheFileSystemAllowsIsAClearLimitError() throws Exception {
        // RLIMIT_FSIZE makes ftruncate fail with EFBIG, as a file system's maximum file size does.
        Path p = shm("efbig");
        try (ChildProcess c = Spawner.jvm(Children.TryOpenWithFileSizeLimit.class, "file:" + p + "?size=1m", "65536").start()) {
            assertEquals(0, c.waitFor(Duration.ofSeconds(120)), c.output());
            assertTrue(c.output().contains("FAILED IpcLimitExceeded"), c.output());
            assertTrue(c.output().contains("EFBIG"), c.output());
        }
        assertFalse(Files.exists(p), "the file created before the failure is removed");
    }

    @Test
    void backendIsListed() {
        assertTrue(Ipc.backend("file").primitives().contains(Primitive.REGION));
        assertEquals("jipc-mmap", Ipc.backend("file").module());
        assertEquals(2, Ipc.backend("file").limits().size());
        assertTrue(Ipc.backend("anon").primitives().contains(Primitive.REGION));
        assertTrue(Ipc.backend("robust").primitives().contains(Primitive.MUTEX));
        assertTrue(Ipc.backend("robust").capabilities(Primitive.MUTEX).ownerDeathDetected());
        assertThrows(io.jipc.api.IpcUnsupported.class, () -> Ipc.mutex("file:/dev/shm/x"));
    }
}
