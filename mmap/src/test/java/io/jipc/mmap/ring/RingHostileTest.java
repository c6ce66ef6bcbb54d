package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.api.SharedRegion;
import io.jipc.mmap.HostileStateTestAccess;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ring files damaged or replaced by another process: header checks (magic, version, sizes), corrupt
 * records (length out of range, bad kind, bad commit word), inconsistent indexes, and a file
 * truncated under a live mapping (in a child JVM). Each is a clear {@link IpcException} naming the
 * ring and its file; nothing is read out of bounds; the JVM never dies.
 */
class RingHostileTest {
    private final List<Path> cleanup = new ArrayList<>();
    private final List<AutoCloseable> handles = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable h : handles) {
            h.close();
        }
        for (Path p : cleanup) {
            Files.deleteIfExists(p);
        }
    }

    private Path ringFile(String name) {
        Path p = Path.of(RingChannel.DIRECTORY, RingChannel.PREFIX + name);
        cleanup.add(p);
        return p;
    }

    private static void assertNames(Throwable e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
    }

    /** The ring's file as a {@code file:} region, to damage it the way another process could. */
    private SharedRegion raw(Path file) {
        SharedRegion r = Ipc.region("file:" + file);
        handles.add(r);
        return r;
    }

    private MessageChannel ring(String uri) {
        MessageChannel ch = Ipc.channel(uri);
        handles.add(0, ch);
        return ch;
    }

    @Test
    void garbageAtTheRingsNameIsRefusedAtOnceNamingTheFile() throws IOException {
        String name = TestNames.unique("garbage");
        Path f = ringFile(name);
        byte[] b = new byte[4096 + 1024];
        Arrays.fill(b, (byte) 0xff);
        Files.write(f, b);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, "ring:/" + name, f.toString(), "bad magic word 0xffffffffffffffff");
    }

    @Test
    void aFileOfTheWrongSizeIsRefused() throws IOException {
        String name = TestNames.unique("wrongsize");
        Path f = ringFile(name);
        Files.write(f, new byte[4096 + 1000]);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "size 5096 bytes", "power of two from 64");
        Files.write(f, new byte[100]);
        e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "size 100 bytes");
    }

    @Test
    void headerFieldsThatDisagreeAreRefused() {
        String name = TestNames.unique("header");
        Path f = ringFile(name);
        ring("ring:/" + name + "?capacity=1k");
        SharedRegion r = raw(f);
        r.putIntRelease(RingLayout.VERSION, 99);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "layout version 99");
        r.putIntRelease(RingLayout.VERSION, RingLayout.VERSION_VALUE);
        r.putLongRelease(RingLayout.CAPACITY, 1L << 40);
        e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "capacity 1099511627776");
        r.putLongRelease(RingLayout.CAPACITY, 1024);
        r.putLongRelease(RingLayout.MAX_MESSAGE, 5000);
        e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "max message 5000");
        r.putLongRelease(RingLayout.MAX_MESSAGE, RingLayout.maxMessage(1024));
        r.putIntRelease(RingLayout.HEADER_SIZE_FIELD, 7);
        e = assertThrows(IpcException.class, () -> Ipc.channel("ring:/" + name));
        assertNames(e, f.toString(), "header size 7");
    }

    @Test
    void aRecordLengthOutOfRangeIsDetectedAndNothingIsReadPastIt() {
        String name = TestNames.unique("reclen");
        Path f = ringFile(name);
        MessageChannel ch = ring("ring:/" + name + "?capacity=1k");
        ch.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), 5);
        SharedRegion r = raw(f);
        int rec = RingLayout.HEADER_SIZE;
        for (int bad : new int[] {Integer.MAX_VALUE, -1, 1024, RingLayout.maxMessage(1024) > 0 ? 600 : 0}) {
            r.putIntRelease(rec + RingLayout.REC_LENGTH, bad);
            ByteBuffer dst = ByteBuffer.allocate(4096);
            IpcException e = assertThrows(IpcException.class, () -> ch.tryReceive(dst, Select.any()));
            assertNames(e, "ring:/" + name, "corrupted at index 0", "length " + bad, f.toString());
            assertEquals(0, dst.position(), "nothing read");
        }
        r.putIntRelease(rec + RingLayout.REC_LENGTH, 3);
        r.putIntRelease(rec + RingLayout.REC_KIND, 0x1234);
        IpcException e = assertThrows(IpcException.class, () -> ch.tryReceive(ByteBuffer.allocate(64), Select.any()));
        assertNames(e, "kind 0x1234");
        r.putIntRelease(rec + RingLayout.REC_KIND, RingLayout.KIND_MESSAGE);
        ByteBuffer dst = ByteBuffer.allocate(64);
        assertEquals(5, ch.tryReceive(dst, Select.any()), "repaired: the message is still there");
        assertEquals(3, dst.position());
    }

    @Test
    void aBadCommitWordBehindThePublishedTailIsReportedNotSilentlyEmpty() {
        String name = TestNames.unique("commit");
        Path f = ringFile(name);
        MessageChannel ch = ring("ring:/" + name + "?capacity=1k");
        ch.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), 5);
        SharedRegion r = raw(f);
        r.putLongRelease(RingLayout.HEADER_SIZE + RingLayout.REC_COMMIT, 0xdeadbeefL);
        IpcException e = assertThrows(IpcException.class, () -> ch.tryReceive(ByteBuffer.allocate(64), Select.any()));
        assertNames(e, "ring:/" + name, "corrupted at index 0", "commit word", f.toString());
        e = assertThrows(IpcException.class, () -> ch.receive(ByteBuffer.allocate(64), Select.any(),
                10, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertNames(e, "corrupted at index 0");
    }

    @Test
    void inconsistentIndexesAreRefusedWhenARoleIsTaken() {
        String name = TestNames.unique("indexes");
        Path f = ringFile(name);
        ring("ring:/" + name + "?capacity=1k");
        SharedRegion r = raw(f);
        r.putLongRelease(RingLayout.HEAD, 4096); // the consumer further ahead of the producer than a ring holds
        MessageChannel other = ring("ring:/" + name);
        IpcException e = assertThrows(IpcException.class, () -> other.tryReceive(ByteBuffer.allocate(64), Select.any()));
        assertNames(e, "ring:/" + name, "indexes are inconsistent", "head 4096, tail 0");
        r.putLongRelease(RingLayout.HEAD, 12); // not 8-aligned
        e = assertThrows(IpcException.class, () -> other.tryReceive(ByteBuffer.allocate(64), Select.any()));
        assertNames(e, "head 12, tail 0");
        r.putLongRelease(RingLayout.HEAD, 4096);
        e = assertThrows(IpcException.class, () -> other.trySend(ByteBuffer.allocate(4), 0));
        assertNames(e, "indexes are inconsistent");
        r.putLongRelease(RingLayout.HEAD, 0);
        assertTrue(other.trySend(ByteBuffer.allocate(4), 0));
    }

    @Test
    void capacityErrorsSayWhichValuesAreValid() {
        for (String c : new String[] {"3", "100", "0", "-64", "2g", "32"}) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.channel("ring:/" + TestNames.unique("cap")
                    + "?capacity=" + c));
            assertNames(e, "'capacity'", "power of two from 64 to 1073741824");
            assertFalse(e.getMessage().contains("2 or 4"), e.getMessage());
        }
    }

    @Test
    void aRingFileTruncatedUnderTheMappingIsAClearErrorNotACrash() throws Exception {
        String name = TestNames.unique("trunc");
        Path f = ringFile(name);
        String uri = "ring:/" + name + "?capacity=64k";
        Ipc.channel(uri).close(); // created; this JVM keeps no mapping of it: only the child faults
        String out = HostileStateTestAccess.runTruncated("ring", uri, f);
        assertTrue(out.contains("IPCEXCEPTION"), out);
        assertTrue(out.contains(f.toString()) && out.contains("SIGBUS") && out.contains("now 0 bytes"), out);
        assertFalse(out.contains("CLOSE "), "close after the fault failed: " + out);
    }
}
