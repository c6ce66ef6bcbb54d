package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.RegionStats;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SysV shared memory beyond the contract: sizes, nattch, IPC_RMID while attached, a private segment shared by id. */
@ExtendWith(LeakGuard.class)
class SysvRegionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Handles h = new Handles();

    @AfterEach
    void cleanUp() {
        h.close();
    }

    @Test
    void sizeOnCreateAndFromIpcStatOnOpen() {
        String uri = SysvTestUris.freshKeyUri();
        SysvSharedRegion a = h.region(uri + "&size=10000&open=create");
        assertEquals(10000, a.size());
        assertEquals(10000, a.buffer().capacity());
        try (SharedRegion b = Ipc.region(uri + "&open=open")) {
            assertEquals(10000, b.size(), "size from IPC_STAT");
            assertEquals(a.id(), ((SysvSharedRegion) b).id());
            assertEquals(2, a.stats().attachCount());
        }
        assertEquals(1, a.stats().attachCount(), "close detaches");
        assertEquals(ChildSupport.pid(), a.stats().creatorPid());
    }

    @Test
    void sizeIsNeededToCreate() {
        IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.region(SysvTestUris.freshKeyUri()));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
        assertThrows(IpcUriException.class, () -> Ipc.region("sysv:private"));
    }

    @Test
    void removeWhileAttachedKeepsTheMemoryUntilTheLastDetach() {
        String uri = SysvTestUris.freshKeyUri();
        SysvSharedRegion a = h.region(uri + "&size=4096&open=create");
        SharedRegion b = Ipc.region(a.idUri());
        try {
            a.putLongRelease(0, 42);
            a.remove();
            assertThrows(IpcNotFound.class, () -> Ipc.region(uri + "&open=open"), "the key is gone at once");
            assertEquals(42, b.getLongVolatile(0), "the memory lives while attached");
            b.putLongRelease(8, 7);
            assertEquals(7, a.getLongVolatile(8));
            assertEquals(2, a.stats().attachCount());
        } finally {
            b.close();
        }
        a.close();
        assertThrows(IpcNotFound.class, () -> Ipc.region(a.idUri()), "gone after the last detach");
    }

    @Test
    void privateSegmentSharedWithAChildByIdWithAtomicAdds() throws Exception {
        SysvSharedRegion r = h.region("sysv:private?size=4096");
        int n = 100_000;
        try (ChildProcess child = Spawner.jvm(Adder.class, r.idUri(), Integer.toString(n)).start()) {
            child.awaitOutput("ATTACHED", WAIT);
            for (int i = 0; i < n; i++) {
                r.getAndAddLong(256, 1);
            }
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertTrue(child.output().contains("nattch=2"), child.output());
        }
        assertEquals(2L * n, r.getLongVolatile(256));
        RegionStats s = r.stats();
        assertEquals(1, s.attachCount());
        assertEquals(4096, s.size());
    }

    /** Attaches by id, reports nattch, adds 1 N times at offset 256. */
    public static final class Adder {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (SharedRegion r = Ipc.region(args[0])) {
                System.out.println("ATTACHED nattch=" + r.stats().attachCount());
                System.out.flush();
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    r.getAndAddLong(256, 1);
                }
            }
        }
    }

    @Test
    void staleBufferAfterCloseIsHarmless() {
        SysvSharedRegion r = h.region("sysv:private?size=8192");
        ByteBuffer stale = r.buffer();
        stale.putLong(0, 5);
        r.close();
        stale.putLong(8192 - 8, 1);
        assertEquals(1, stale.getLong(8192 - 8));
    }
}
