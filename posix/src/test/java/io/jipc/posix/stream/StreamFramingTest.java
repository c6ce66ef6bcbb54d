package io.jipc.posix.stream;

import io.jipc.api.Ipc;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.NativeMemory;
import io.jipc.os.Unistd;
import io.jipc.posix.stream.internal.FrameIo;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.jipc.posix.stream.StreamPeers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive paths of the stream framing: several frames queued at once, a frame arriving in
 * pieces (through a blocking and a try receive), a writer killed inside a frame while a receiver
 * is blocked in the kernel, and getting a receiver blocked in {@code read}/{@code recv} out with
 * an interrupt or a close, on pipes and on both kinds of socket pair.
 */
@ExtendWith(LeakGuard.class)
class StreamFramingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] PAIRS = {"pipe:", "unix:pair", "unix:pair?type=seqpacket"};

    /** A handle and, in this same process, the handle a child would open on the peer ends. */
    private static MessageChannel[] loopback(String uri) {
        MessageChannel parent = Ipc.channel(uri);
        if (parent instanceof PipeChannel) {
            PipeChannel p = (PipeChannel) parent;
            int[] ends = p.takePeerEnds();
            return new MessageChannel[] {parent, Ipc.channel(p.peerUri(ends[0], ends[1]))};
        }
        UnixChannel u = (UnixChannel) parent;
        return new MessageChannel[] {parent, Ipc.channel(u.peerUri(u.takePeerEnd()))};
    }

    private static ByteBuffer filled(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (seed + i * 7));
        }
        return b;
    }

    @Test
    void severalFramesQueuedAtOnceAreTakenOneByOne() {
        int[] sizes = {0, 1, 100, 4000, 70, 16, 3000};
        for (String uri : PAIRS) {
            MessageChannel[] p = loopback(uri);
            try (MessageChannel a = p[0]; MessageChannel b = p[1]) {
                for (int i = 0; i < sizes.length; i++) {
                    a.send(filled(sizes[i], i), i + 1);
                }
                ByteBuffer dst = ByteBuffer.allocateDirect(4000);
                for (int i = 0; i < sizes.length; i++) {
                    dst.clear();
                    long tag = i % 2 == 0 ? b.receive(dst) : b.tryReceive(dst, Select.any());
                    assertEquals(i + 1, tag, uri + " frame " + i);
                    assertEquals(sizes[i], dst.position(), uri + " frame " + i);
                    for (int k = 0; k < sizes[i]; k++) {
                        assertEquals((byte) (i + k * 7), dst.get(k), uri + " frame " + i + " byte " + k);
                    }
                }
                assertEquals(MessageChannel.NO_MESSAGE, b.tryReceive(dst.clear(), Select.any()), uri);
            }
        }
    }

    /** Raw bytes of a frame (header + payload "abcdefgh..." of {@code len} bytes, tag 42) in native memory. */
    private static ByteBuffer rawFrame(int len) {
        ByteBuffer f = ByteBuffer.allocateDirect(FrameIo.HEADER + len).order(ByteOrder.nativeOrder());
        f.putInt(len).putInt(FrameIo.MAGIC).putLong(42);
        for (int i = 0; i < len; i++) {
            f.put((byte) ('a' + i % 26));
        }
        return f;
    }

    private static void writeRaw(int fd, ByteBuffer frame, int from, int to) {
        assertEquals(to - from, Unistd.LIB.write(fd, NativeMemory.address(frame) + from, to - from));
    }

    @Test
    void aFrameSplitAcrossReadsIsDeliveredWhole() throws Exception {
        for (boolean blocking : new boolean[] {true, false}) {
            try (PipeChannel parent = (PipeChannel) Ipc.channel("pipe:")) {
                int[] ends = parent.takePeerEnds();
                try {
                    ByteBuffer frame = rawFrame(300);
                    ByteBuffer dst = ByteBuffer.allocate(512);
                    writeRaw(ends[1], frame, 0, 10); // part of the header
                    assertEquals(MessageChannel.NO_MESSAGE, parent.tryReceive(dst, Select.any()));
                    writeRaw(ends[1], frame, 10, 100); // the rest of the header, part of the payload
                    assertEquals(MessageChannel.NO_MESSAGE, parent.tryReceive(dst, Select.any()));
                    assertThrows(MessageTooLarge.class, () -> parent.receive(ByteBuffer.allocate(299)));
                    CompletableFuture<Long> r = blocking ? CompletableFuture.supplyAsync(() -> parent.receive(dst))
                            : CompletableFuture.completedFuture(null);
                    writeRaw(ends[1], frame, 100, 316);
                    long tag = blocking ? r.get(60, TimeUnit.SECONDS) : parent.receive(dst, Select.any(), 60, TimeUnit.SECONDS);
                    assertEquals(42, tag);
                    assertEquals(300, dst.position());
                    for (int i = 0; i < 300; i++) {
                        assertEquals((byte) ('a' + i % 26), dst.get(i), "byte " + i);
                    }
                    assertEquals(MessageChannel.NO_MESSAGE, parent.tryReceive(dst.clear(), Select.any()));
                } finally {
                    Unistd.LIB.close(ends[0]);
                    Unistd.LIB.close(ends[1]);
                }
            }
        }
    }

    @Test
    void aWriterKilledInsideAFrameEndsABlockedReceiveCleanly() throws Exception {
        try (PipeChannel ch = (PipeChannel) Ipc.channel("pipe:");
             ChildProcess child = ch.spawnPeer(StreamPeers.HalfFrameWriter.class, "4")) {
            ByteBuffer buf = ByteBuffer.allocateDirect(2000);
            assertEquals(7, ch.receive(buf));
            child.awaitOutput("PARTIAL 116", WAIT);
            buf.clear();
            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> ch.receive(buf));
            child.killAndWait();
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IpcRemoved.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("mid-message"), e.getCause().getMessage());
            assertEquals(0, buf.position(), "no byte of the cut message is delivered");
        }
    }

    @Test
    void anInterruptedThreadEndsAtOnceAndTheMessageStaysQueued() {
        for (String uri : PAIRS) {
            MessageChannel[] p = loopback(uri);
            try (MessageChannel a = p[0]; MessageChannel b = p[1]) {
                a.send(text("queued"), 5);
                ByteBuffer dst = ByteBuffer.allocate(64);
                Thread.currentThread().interrupt();
                try {
                    assertThrows(IpcInterrupted.class, () -> b.receive(dst), uri);
                    assertTrue(Thread.currentThread().isInterrupted(), uri + ": interrupt status kept");
                } finally {
                    Thread.interrupted();
                }
                assertEquals(5, b.receive(dst), uri);
                assertEquals("queued", text(dst), uri);
            }
        }
    }

    @Test
    void aReceiverBlockedInTheKernelIsInterruptedAndClosedOut() throws Exception {
        for (String uri : PAIRS) {
            MessageChannel[] p = loopback(uri);
            try (MessageChannel a = p[0]; MessageChannel b = p[1]) {
                CompletableFuture<Throwable> first = new CompletableFuture<>();
                Thread t = blockedReceiver(b, first);
                t.interrupt();
                assertInstanceOf(IpcInterrupted.class, first.get(60, TimeUnit.SECONDS), uri);
                t.join();
                // the handle still works after an interrupt, and a later interrupt still gets through
                a.send(text("after"), 3);
                ByteBuffer dst = ByteBuffer.allocate(64);
                assertEquals(3, b.receive(dst), uri);
                assertEquals("after", text(dst), uri);
                CompletableFuture<Throwable> second = new CompletableFuture<>();
                Thread u = blockedReceiver(a, second);
                a.close();
                assertInstanceOf(IpcClosed.class, second.get(60, TimeUnit.SECONDS), uri);
                u.join();
                assertFalse(u.isAlive());
            }
        }
    }

    /** A thread blocked in {@code ch.receive}; {@code outcome} gets what ended it ({@code null}: a message). */
    private static Thread blockedReceiver(MessageChannel ch, CompletableFuture<Throwable> outcome) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                ch.receive(ByteBuffer.allocate(64));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        awaitBlocked(t);
        return t;
    }

    /** Waits until {@code t} sleeps (in the kernel's read or a wait), the observable state of a blocked receiver. */
    private static void awaitBlocked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (t.getState() != Thread.State.RUNNABLE || !inNative(t)) {
            assertTrue(System.nanoTime() < end, "the receiver never blocked");
            Thread.sleep(5);
        }
    }

    private static boolean inNative(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("jnr.") || e.getClassName().startsWith("com.kenai.jffi") || e.getClassName().contains("$jnr$")) {
                return true;
            }
        }
        return false;
    }
}
