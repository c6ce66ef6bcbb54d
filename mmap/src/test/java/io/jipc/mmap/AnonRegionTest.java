package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUriException;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.Fd;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnonRegionTest {
    @Test
    void createUseAndCapabilities() {
        try (SharedRegion r = Ipc.region("anon:?size=100000")) {
            assertTrue(r instanceof AnonRegion);
            assertEquals(100000, r.size());
            r.putLongRelease(99992, 5);
            assertEquals(5, r.buffer().getLong(99992));
            r.sync();
            r.sync(10, 10);
            assertThrows(IndexOutOfBoundsException.class, () -> r.sync(99999, 2));
            Capabilities c = r.capabilities();
            assertEquals(Capabilities.Persistence.PROCESS, c.persistence());
            assertTrue(c.needsRelatedProcesses());
            r.remove(); // a no-op
            assertEquals(5, r.getLongVolatile(99992));
            assertThrows(IndexOutOfBoundsException.class, () -> r.getIntVolatile(100000));
            assertThrows(IllegalArgumentException.class, () -> r.getAndAddInt(1, 1));
        }
    }

    @Test
    void twoJvmsAddToOneCounterThroughTheInheritedMemfd() throws Exception {
        long n = 200_000;
        try (AnonRegion r = (AnonRegion) Ipc.region("anon:?size=4096")) {
            r.putLongRelease(8, 8086);
            Spawner s = Spawner.jvm(Children.Adder.class, "-", Long.toString(n));
            String childUri = r.shareWith(s);
            assertEquals("anon:?fd=3&size=4096", childUri);
            s.env("JIPC_URI", childUri);
            try (ChildProcess child = s.start()) {
                child.awaitOutput("READY", Duration.ofSeconds(120));
                for (long i = 0; i < n; i++) {
                    r.getAndAddLong(0, 1);
                }
                assertEquals(0, child.waitFor(Duration.ofSeconds(120)), child.output());
                assertTrue(child.output().contains("SAW 8086"), child.output());
            }
            assertEquals(2 * n, r.getLongVolatile(0));
        }
    }

    @Test
    void staleBufferAfterCloseIsInertAndTheJvmSurvives() {
        SharedRegion r = Ipc.region("anon:?size=8192");
        ByteBuffer stale = r.buffer();
        stale.putInt(8188, 77);
        r.close();
        assertEquals(0, stale.getInt(8188));
        stale.putInt(8188, 78);
        stale.put(0, (byte) 1);
        assertEquals(78, stale.getInt(8188));
        assertThrows(IpcException.class, () -> r.getIntVolatile(0));
    }

    @Test
    void adoptingADescriptorChecksThatItIsAnOpenMemfdAndTheSizeFits() {
        try (AnonRegion r = (AnonRegion) Ipc.region("anon:?size=8192")) {
            r.putLongRelease(0, 31);
            int dup = Fd.dup(r.fd(), "test");
            assertTrue(dup >= 0);
            IpcException big = assertThrows(IpcException.class, () -> Ipc.region("anon:?fd=" + dup + "&size=8193"));
            assertTrue(big.getMessage().contains("larger than the memfd"), big.getMessage());
            try (SharedRegion same = Ipc.region("anon:?fd=" + dup)) {
                assertEquals(8192, same.size(), "without size= the whole memfd is mapped");
                assertEquals(31, same.getLongVolatile(0));
            }
            assertThrows(IpcException.class, () -> Ipc.region("anon:?fd=" + dup), "closing the adopting region closed its descriptor");
        }
        int[] pipe = Fd.pipe(0, "test");
        try {
            IpcException e = assertThrows(IpcException.class, () -> Ipc.region("anon:?fd=" + pipe[0] + "&size=4096"));
            assertTrue(e.getMessage().contains("is not a memfd"), e.getMessage());
            assertTrue(e.getMessage().contains("pipe:"), e.getMessage());
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
        IpcException closed = assertThrows(IpcException.class, () -> Ipc.region("anon:?fd=1000000&size=4096"));
        assertTrue(closed.getMessage().contains("not open"), closed.getMessage());
        assertEquals("EBADF", closed.errnoName());
    }

    @Test
    void badInputIsRefusedBeforeAnySystemCall() {
        for (String bad : new String[] {"anon:?size=0", "anon:?size=-1", "anon:?size=3g", "anon:", "anon:/name?size=4096",
                "anon:?size=4096&open=open", "anon:?fd=3&open=create", "anon:?fd=-1", "anon:?size=4096&path=x"}) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.region(bad), bad);
            assertFalse(e.getMessage().isEmpty());
        }
    }
}
