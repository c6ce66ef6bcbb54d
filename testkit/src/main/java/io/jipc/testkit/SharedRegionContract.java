package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.peers.RegionAdder;
import io.jipc.testkit.peers.RegionWriter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link SharedRegion} contract every region backend passes: the buffer's shape, open modes,
 * visibility between handles and processes, bounds- and alignment-checked atomics, an exact
 * counter added to by two JVMs, a safe close (a stale buffer touched after close does not crash
 * the JVM) and remove semantics; under threads (as {@link io.jipc.api.IpcHandle}'s threading
 * contract promises), the atomics from four threads through one handle stay exact, and close racing
 * threads inside the accessors ends them cleanly (normally or with {@link IpcClosed}) without
 * crashing the JVM. {@link #freshUri()} must create a region of at least 4096 bytes.
 */
public abstract class SharedRegionContract extends ContractSupport {
    /**
     * Opens a region; a backend outside the registry overrides it.
     *
     * @param uri the URI to open, from {@link #freshUri()} or {@link #peerUri}
     * @return the open region (default {@link Ipc#region(String)})
     */
    protected SharedRegion openRegion(String uri) {
        return Ipc.region(uri);
    }

    private SharedRegion fresh() {
        SharedRegion r = track(openRegion(freshUri()), true);
        assertTrue(r.size() >= 4096, "freshUri() must create at least 4096 bytes, got " + r.size());
        return r;
    }

    @Test
    void bufferCoversTheRegionInNativeOrder() {
        SharedRegion r = fresh();
        ByteBuffer b = r.buffer();
        assertTrue(b.isDirect());
        assertEquals(ByteOrder.nativeOrder(), b.order());
        assertEquals(r.size(), b.capacity());
        assertEquals(0, b.position());
        assertEquals(r.size(), r.stats().size());
    }

    @Test
    void openModesCreateAndOpenAreEnforced() {
        assumeTrue(reachableByName(), "not reachable by name");
        String uri = freshUri();
        assertThrows(IpcNotFound.class, () -> openRegion(ContractSupport.withOption(uri, "open", "open")).close());
        SharedRegion r = track(openRegion(ContractSupport.withOption(uri, "open", "create")), true);
        assertThrows(IpcAlreadyExists.class, () -> openRegion(ContractSupport.withOption(uri, "open", "create")).close());
        SharedRegion again = track(openRegion(peerUri(r)), false);
        assertEquals(r.size(), again.size(), "an open without size gets the existing size");
    }

    @Test
    void twoHandlesSeeTheSameBytes() {
        assumeTrue(reachableByName(), "not reachable by name");
        SharedRegion a = fresh();
        SharedRegion b = track(openRegion(peerUri(a)), false);
        a.buffer().putLong(64, 0x1122334455667788L);
        a.putIntRelease(128, 77);
        assertEquals(0x1122334455667788L, b.buffer().getLong(64));
        assertEquals(77, b.getIntVolatile(128));
    }

    @Test
    void atomicsWorkAndCheckBoundsAndAlignment() {
        SharedRegion r = fresh();
        assertEquals(0, r.getAndAddLong(0, 5));
        assertEquals(5, r.getLongVolatile(0));
        assertTrue(r.compareAndSetLong(0, 5, 9));
        assertFalse(r.compareAndSetLong(0, 5, 11));
        r.putLongRelease(8, -1);
        assertEquals(-1, r.getLongVolatile(8));
        assertEquals(0, r.getAndAddInt(16, 3));
        assertTrue(r.compareAndSetInt(16, 3, 4));
        assertEquals(4, r.getIntVolatile(16));
        long last = r.size() - 8;
        r.putLongRelease(last, 42);
        assertEquals(42, r.getLongVolatile(last));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getLongVolatile(r.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getLongVolatile(r.size() - 4));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getAndAddLong(-8, 1));
        assertThrows(IllegalArgumentException.class, () -> r.getLongVolatile(4), "unaligned long");
        assertThrows(IllegalArgumentException.class, () -> r.compareAndSetInt(2, 0, 1), "unaligned int");
    }

    @Test
    void closeIsIdempotentAndAStaleBufferIsHarmless() {
        SharedRegion r = openRegion(freshUri());
        try {
            ByteBuffer stale = r.buffer();
            stale.putLong(0, 1234);
            r.remove();
            r.close();
            r.close();
            assertTrue(r.isClosed());
            // The JVM must survive touching the old buffer after close.
            stale.putLong(0, 99);
            assertEquals(99, stale.getLong(0));
            stale.get((int) (stale.capacity() - 1));
        } finally {
            r.close();
        }
    }

    @Test
    void anotherProcessSeesWrites() throws Exception {
        SharedRegion r = fresh();
        ChildProcess child = track(spawnPeer(r, RegionWriter.class, "1000"));
        awaitSuccess(child);
        assertEquals(1, r.getLongVolatile(0), "the child's release store is visible");
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) (i * 13 + 5), r.buffer().get(8 + i), "byte " + i);
        }
    }

    @Test
    void twoProcessesAddToOneCounterExactly() throws Exception {
        SharedRegion r = fresh();
        int n = 200_000;
        ChildProcess child = track(spawnPeer(r, RegionAdder.class, "64", Integer.toString(n)));
        for (int i = 0; i < n; i++) {
            r.getAndAddLong(64, 1);
        }
        awaitSuccess(child);
        assertEquals(2L * n, r.getLongVolatile(64));
    }

    @Test
    void removeMakesTheNameUnreachable() {
        assumeTrue(reachableByName(), "not reachable by name");
        SharedRegion r = openRegion(freshUri());
        try {
            assumeTrue(r.capabilities().persistence() != Capabilities.Persistence.PROCESS, "process-lifetime object");
            String peer = peerUri(r);
            r.buffer().putInt(0, 5);
            r.remove();
            assertEquals(5, r.buffer().getInt(0), "the mapping stays usable after remove");
            assertThrows(IpcNotFound.class, () -> openRegion(peer).close(), "open after remove");
        } finally {
            r.close();
        }
    }

    @Test
    void threadsUseTheAtomicsThroughOneHandleExactly() throws Exception {
        SharedRegion r = fresh();
        int threads = 4;
        int n = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        r.getAndAddLong(0, 1);
                        r.getAndAddInt(8, 1);
                        int v;
                        do {
                            v = r.getIntVolatile(12);
                        } while (!r.compareAndSetInt(12, v, v + 1));
                    }
                    return null;
                }));
            }
            awaitAll(fs);
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) threads * n, r.getLongVolatile(0), "getAndAddLong from " + threads + " threads");
        assertEquals(threads * n, r.getIntVolatile(8), "getAndAddInt from " + threads + " threads");
        assertEquals(threads * n, r.getIntVolatile(12), "compareAndSetInt loops from " + threads + " threads");
    }

    @Test
    void closeRacingThreadsInTheAccessorsEndsCleanlyAndNeverCrashesTheJvm() throws Exception {
        SharedRegion r = fresh();
        AtomicLong calls = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long at = 64L * t;
                fs.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            r.getAndAddLong(at, 1);
                            r.putLongRelease(at + 8, r.getLongVolatile(at));
                            r.compareAndSetLong(at + 16, 0, 1);
                        } catch (IpcClosed closed) {
                            return null; // the only way an accessor racing close may fail
                        }
                        calls.incrementAndGet();
                    }
                    return null;
                }));
            }
            assertTrue(awaitCount(calls::get, 1_000, () -> fs.stream().allMatch(Future::isDone)) >= 1_000, "the threads got going: " + calls.get());
            r.close();
            assertTrue(r.isClosed());
            // let the threads run on past the close (or end with IpcClosed) before stopping them
            awaitCount(calls::get, calls.get() + 1_000, () -> fs.stream().allMatch(Future::isDone));
            stop.set(true);
            awaitAll(fs);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
