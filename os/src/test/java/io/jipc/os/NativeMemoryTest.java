package io.jipc.os;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeMemoryTest {
    @Test
    void staleBufferAfterRetireIsInertNotACrash() {
        int fd = Mman.LIB.memfd_create("jipc-test-native-memory", Mman.MFD_CLOEXEC);
        assertTrue(fd >= 0, "memfd_create: " + Errno.name(Native.errno()));
        try {
            assertEquals(0, Unistd.LIB.ftruncate(fd, 8192));
            long a = NativeMemory.mapShared(fd, 8192, 0, "memfd");
            ByteBuffer b = NativeMemory.buffer(a, 8192);
            b.putLong(0, 42);
            long b2 = NativeMemory.mapShared(fd, 8192, 0, "memfd");
            assertEquals(42, NativeMemory.getLong(b2), "the two mappings share the pages");
            NativeMemory.retire(a, 8192, b);
            // The stale buffer reaches private zero pages: readable, writable, detached from the file.
            assertEquals(0, b.getLong(0));
            b.putLong(0, 7);
            assertEquals(7, b.getLong(0));
            assertEquals(42, NativeMemory.getLong(b2), "writes to the stale buffer no longer reach the shared object");
            NativeMemory.retire(b2, 8192, null);
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void errnoNames() {
        assertEquals("EIDRM", Errno.name(Errno.EIDRM));
        assertEquals("ENOENT", Errno.name(Errno.ENOENT));
        assertTrue(Errno.exception("msgget", "sysv:?key=1", Errno.ENOENT) instanceof io.jipc.api.IpcNotFound);
    }
}
