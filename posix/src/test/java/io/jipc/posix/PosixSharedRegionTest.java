package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.SharedRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** shm_open regions: sharing, sizes, C12 unlink semantics, the safe close. */
@ExtendWith(PosixLeakCheck.class)
@Timeout(60)
class PosixSharedRegionTest {
    @Test
    void twoHandlesShareTheBytes() {
        String u = "posix:" + PosixLeakCheck.name("share") + "?size=8k";
        try (SharedRegion a = Ipc.region(u); SharedRegion b = Ipc.region(u)) {
            try {
                assertEquals(8192, a.size());
                assertEquals(8192, b.buffer().capacity());
                a.putLongRelease(64, 0x1234_5678_9abcL);
                assertEquals(0x1234_5678_9abcL, b.getLongVolatile(64));
                assertTrue(b.compareAndSetInt(128, 0, 7));
                assertEquals(7, a.buffer().getInt(128));
                a.sync();
            } finally {
                a.remove();
            }
        }
    }

    @Test
    void sizeRules() throws Exception {
        String name = PosixLeakCheck.name("sizes");
        String u = "posix:" + name;
        assertThrows(IpcNotFound.class, () -> Ipc.region(u), "no size= to create it");
        IpcUriException none = assertThrows(IpcUriException.class, () -> Ipc.region(u + "?open=create"));
        assertTrue(none.getMessage().contains("size"), none.getMessage());
        try (SharedRegion r = Ipc.region(u + "?size=5000&mode=0640&open=create")) {
            try {
                assertEquals(5000, r.size(), "exactly the size asked");
                assertEquals("rw-r-----", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(Path.of("/dev/shm" + name))));
                assertThrows(IpcAlreadyExists.class, () -> Ipc.region(u + "?size=5000&open=create"));
                try (SharedRegion same = Ipc.region(u)) {
                    assertEquals(5000, same.size(), "size from fstat");
                }
                IpcException e = assertThrows(IpcException.class, () -> Ipc.region(u + "?size=6000"));
                assertTrue(e.getMessage().contains("5000"), e.getMessage());
            } finally {
                r.remove();
            }
        }
    }

    @Test
    void unlinkWhileMappedAndANewObjectAfter() {
        // C12: shm_unlink removes the name, the mapping lives on; a later create is a new object
        String name = PosixLeakCheck.name("unlink");
        String u = "posix:" + name + "?size=4096";
        try (SharedRegion a = Ipc.region(u)) {
            a.putLongRelease(0, 42);
            a.remove();
            assertFalse(Files.exists(Path.of("/dev/shm" + name)));
            a.putLongRelease(8, 43);
            assertEquals(42, a.getLongVolatile(0), "still mapped");
            try (SharedRegion b = Ipc.region(u + "&open=create")) {
                try {
                    assertEquals(0, b.getLongVolatile(0), "a new, zeroed object");
                    b.putLongRelease(0, 7);
                    assertEquals(42, a.getLongVolatile(0), "distinct from the unlinked one");
                } finally {
                    b.remove();
                }
            }
        }
    }

    @Test
    void aStaleBufferAfterCloseDoesNotCrash() {
        String u = "posix:" + PosixLeakCheck.name("stale") + "?size=4096";
        SharedRegion r = Ipc.region(u);
        ByteBuffer stale = r.buffer();
        stale.putLong(0, 99);
        r.remove();
        r.close();
        stale.putLong(0, 1); // inert private memory now: must not crash the JVM
        assertEquals(1, stale.getLong(0));
        assertThrows(IpcException.class, r::buffer);
    }
}
