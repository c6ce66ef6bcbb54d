package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The ring channel within one JVM: framing, wrap-around, full/empty, bad input, roles, allocation. */
class RingChannelTest {
    private final List<MessageChannel> opened = new ArrayList<>();

    static String uri(String hint, String options) {
        return "ring:/" + TestNames.unique(hint) + (options.isEmpty() ? "" : "?" + options);
    }

    private RingChannel open(String uri) {
        RingChannel ch = (RingChannel) Ipc.channel(uri);
        opened.add(ch);
        return ch;
    }

    @AfterEach
    void cleanUp() {
        for (MessageChannel ch : opened) {
            ch.remove();
            ch.close();
        }
    }

    @Test
    void messagesKeepBoundariesTagsAndOrderAcrossManyWrapArounds() {
        RingChannel ch = open(uri("wrap", "capacity=4k"));
        assertEquals(RingChannel.DIRECTORY + "/" + RingChannel.PREFIX, ch.file().toString().substring(0,
                (RingChannel.DIRECTORY + "/" + RingChannel.PREFIX).length()));
        assertTrue(Files.exists(ch.file()));
        SplittableRandom rnd = new SplittableRandom(42);
        ByteBuffer out = ByteBuffer.allocateDirect(ch.maxMessage());
        ByteBuffer in = ByteBuffer.allocateDirect(ch.maxMessage());
        long sent = 0;
        long received = 0;
        SplittableRandom expect = new SplittableRandom(42);
        for (int round = 0; round < 2000; round++) {
            int burst = 1 + rnd.nextInt(6);
            for (int i = 0; i < burst; i++) {
                int len = rnd.nextInt(ch.maxMessage() / 3 + 1);
                out.clear().limit(len);
                for (int k = 0; k < len; k++) {
                    out.put(k, (byte) (sent * 31 + k));
                }
                if (!ch.trySend(out, sent)) {
                    break; // full: drain below
                }
                assertEquals(len, out.position());
                sent++;
            }
            while (true) {
                in.clear();
                long tag = ch.tryReceive(in, Select.any());
                if (tag == MessageChannel.NO_MESSAGE) {
                    break;
                }
                assertEquals(received, tag, "order");
                in.flip();
                for (int k = 0; k < in.limit(); k++) {
                    assertEquals((byte) (received * 31 + k), in.get(k));
                }
                received++;
            }
        }
        assertEquals(sent, received);
        assertTrue(sent > 2000);
        assertEquals(0, ch.stats().messages());
        assertNotNull(expect);
    }

    @Test
    void fullAndEmptyAreReportedByReturnValueAndTimedCallsTimeOut() {
        RingChannel ch = open(uri("full", "capacity=256&spin=1000"));
        ByteBuffer msg = ByteBuffer.allocate(40); // record: 56 bytes
        int n = 0;
        while (ch.trySend(msg.clear(), 7)) {
            n++;
        }
        assertEquals(256 / 56, n);
        assertEquals(n, ch.stats().messages());
        assertEquals(40L * n, ch.stats().bytes());
        assertFalse(ch.send(msg.clear(), 7, 20, TimeUnit.MILLISECONDS));
        ByteBuffer dst = ByteBuffer.allocate(64);
        for (int i = 0; i < n; i++) {
            assertEquals(7, ch.receive(dst.clear()));
            assertEquals(40, dst.position());
        }
        assertEquals(MessageChannel.NO_MESSAGE, ch.tryReceive(dst.clear(), Select.any()));
        assertEquals(MessageChannel.NO_MESSAGE, ch.receive(dst.clear(), Select.any(), 20, TimeUnit.MILLISECONDS));
        assertTrue(ch.send(ByteBuffer.allocate(0), 0, 1, TimeUnit.SECONDS));
        assertEquals(0, ch.receive(dst.clear()));
        assertEquals(0, dst.position());
    }

    @Test
    void tooLargeMessagesNameTheLimitAndShortBuffersLeaveTheMessageQueued() {
        RingChannel ch = open(uri("large", "capacity=1k"));
        assertEquals(1024 / 2 - RingLayout.RECORD_HEADER, ch.maxMessage());
        assertEquals(ch.maxMessage(), ch.capabilities().maxMessageSize());
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> ch.trySend(ByteBuffer.allocate(ch.maxMessage() + 1), 0));
        assertEquals(ch.maxMessage(), e.limit());
        assertTrue(e.getMessage().contains("capacity / 2 - " + RingLayout.RECORD_HEADER), e.getMessage());
        ch.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), 9);
        ByteBuffer small = ByteBuffer.allocate(4);
        MessageTooLarge e2 = assertThrows(MessageTooLarge.class, () -> ch.tryReceive(small, Select.any()));
        assertEquals(5, e2.size());
        assertEquals(0, small.position());
        ByteBuffer big = ByteBuffer.allocate(8);
        assertEquals(9, ch.tryReceive(big, Select.any()));
        assertEquals(5, big.position());
        ch.send(ByteBuffer.allocate(ch.maxMessage()), 1); // the limit itself fits
        assertEquals(1, ch.receive(ByteBuffer.allocate(ch.maxMessage())));
        assertThrows(IllegalArgumentException.class, () -> ch.trySend(ByteBuffer.allocate(1), -1));
        assertThrows(IpcUnsupported.class, () -> ch.tryReceive(big.clear(), Select.tag(3)));
    }

    @Test
    void badCapacityAndOptionsFailBeforeAnyFileIsCreated() {
        for (String cap : new String[] {"0", "-1", "1000", "32", "3m", "2g", "lots"}) {
            String u = uri("badcap", "capacity=" + cap);
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.channel(u), cap);
            assertTrue(e.getMessage().contains("capacity"), e.getMessage());
            assertFalse(Files.exists(Path.of(RingChannel.DIRECTORY, RingChannel.PREFIX + u.substring(6, u.indexOf('?')))));
        }
        assertTrue(assertThrows(IpcUriException.class, () -> Ipc.channel(uri("x", "capacity=1000")))
                .getMessage().contains("power of two"));
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("badspin", "spin=-5")));
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("badopt", "size=4k")));
        assertThrows(IpcUriException.class, () -> Ipc.channel("ring:/a/b"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("ring:"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("ring:/.."));
    }

    @Test
    void openModesAndCapacityMismatch() {
        String name = TestNames.unique("modes");
        assertThrows(IpcNotFound.class, () -> Ipc.channel("ring:/" + name + "?open=open"));
        RingChannel a = open("ring:/" + name + "?open=create&capacity=8k&mode=0640");
        assertThrows(IpcAlreadyExists.class, () -> Ipc.channel("ring:/" + name + "?open=create"));
        try (MessageChannel b = Ipc.channel("ring:/" + name + "?open=open")) {
            assertEquals(8192, b.capabilities().capacityBytes());
        }
        var e = assertThrows(io.jipc.api.IpcException.class, () -> Ipc.channel("ring:/" + name + "?capacity=16k"));
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
        assertDoesNotThrow(() -> Ipc.channel("ring:/" + name + "?capacity=8k").close());
        assertEquals("rw-r-----", perms(a.file()));
    }

    private static String perms(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSecondProducerOrConsumerIsRefusedUntilTheFirstCloses() {
        String u = uri("roles", "capacity=4k");
        RingChannel a = open(u);
        MessageChannel b = Ipc.channel(u);
        try {
            a.send(ByteBuffer.allocate(8), 1);
            IpcUnsupported e = assertThrows(IpcUnsupported.class, () -> b.send(ByteBuffer.allocate(8), 1));
            assertTrue(e.getMessage().contains("single producer") && e.getMessage().contains("pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertEquals(1, b.receive(ByteBuffer.allocate(8))); // b is the consumer
            assertThrows(IpcUnsupported.class, () -> a.tryReceive(ByteBuffer.allocate(8), Select.any()));
            assertEquals(ProcessHandle.current().pid(), b.stats().lastSenderPid());
            a.close();
            b.send(ByteBuffer.allocate(8), 2); // the role is free again
            assertEquals(2, b.receive(ByteBuffer.allocate(8)));
        } finally {
            b.close();
        }
        assertThrows(io.jipc.api.IpcException.class, () -> a.send(ByteBuffer.allocate(1), 0));
    }

    @Test
    void aBlockedReceiveHonoursInterruptAndKeepsTheStatus() throws Exception {
        RingChannel ch = open(uri("intr", "capacity=4k"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> status = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ch.receive(ByteBuffer.allocate(16));
            } catch (Throwable e) {
                failure.set(e);
                status.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertInstanceOf(IpcInterrupted.class, failure.get());
        assertTrue(status.get());
    }

    @Test
    void theBackendDescribesItself() {
        RingBackend b = new RingBackend();
        assertEquals("ring", b.scheme());
        assertEquals(java.util.Set.of(io.jipc.api.Primitive.CHANNEL), b.primitives());
        io.jipc.api.Capabilities c = b.capabilities(io.jipc.api.Primitive.CHANNEL);
        assertEquals(io.jipc.api.Capabilities.Tagging.CARRIED, c.tagging());
        assertEquals((1 << 20) / 2 - RingLayout.RECORD_HEADER, c.maxMessageSize());
        assertEquals(2, b.limits().size());
        assertFalse(b.limits().get(1).value().startsWith("unavailable"), b.limits().get(1).toString());
        assertThrows(IpcUnsupported.class, () -> b.openRegion(io.jipc.api.IpcUri.parse("ring:/x")));
    }

    @Test
    void closingAHandleEndsItsOwnBlockedReceive() throws Exception {
        String u = uri("closeblocked", "capacity=4k&spin=0");
        RingChannel ch = (RingChannel) Ipc.channel(u);
        try {
            CompletableFuture<Long> f = CompletableFuture.supplyAsync(() -> ch.receive(ByteBuffer.allocate(16)));
            Thread.sleep(200);
            ch.close();
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertInstanceOf(io.jipc.api.IpcException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
        } finally {
            ch.remove();
            ch.close();
        }
    }

    @Test
    void aBlockedReceiveIsWokenByASendFromAnotherThread() throws Exception {
        RingChannel ch = open(uri("wake", "capacity=4k&spin=0"));
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Long> f = CompletableFuture.supplyAsync(() -> ch.receive(ByteBuffer.allocate(16)));
            if (i % 2 == 0) {
                Thread.sleep(1);
            }
            ch.send(ByteBuffer.allocate(3), i);
            assertEquals(i, f.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeRemovesNothingAndRemoveUnlinks() {
        String u = uri("rm", "capacity=4k");
        RingChannel a = (RingChannel) Ipc.channel(u);
        a.close();
        a.close();
        assertTrue(Files.exists(a.file()));
        RingChannel b = (RingChannel) Ipc.channel(u);
        b.remove();
        assertFalse(Files.exists(b.file()));
        b.remove(); // already gone: not an error
        b.send(ByteBuffer.allocate(4), 1); // the mapping keeps working after unlink
        assertEquals(1, b.receive(ByteBuffer.allocate(4)));
        b.close();
    }

    @Test
    void sendAndReceiveAllocateNothingPerMessage() {
        RingChannel ch = open(uri("alloc", "capacity=64k"));
        ByteBuffer out = ByteBuffer.allocateDirect(256);
        ByteBuffer in = ByteBuffer.allocateDirect(256);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long checksum = 0;
        for (int warm = 0; warm < 3; warm++) {
            checksum += exchange(ch, out, in, 100_000);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        checksum += exchange(ch, out, in, 100_000);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(checksum > 0);
        // One object per message would be >= 1.6 MB; allow a little for the measurement itself.
        assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes for 100000 send+receive pairs");
    }

    private static long exchange(RingChannel ch, ByteBuffer out, ByteBuffer in, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            out.clear().limit(1 + (i & 127));
            if (!ch.trySend(out, i)) {
                throw new AssertionError("full");
            }
            if (i % 3 == 0) {
                out.clear().limit(8);
                ch.send(out, i);
                in.clear();
                sum += ch.receive(in, Select.any(), 1, TimeUnit.SECONDS);
            }
            in.clear();
            sum += ch.tryReceive(in, Select.any()) + in.position();
            if (ch.tryReceive(in.clear(), Select.any()) != MessageChannel.NO_MESSAGE) {
                throw new AssertionError("not empty");
            }
        }
        return sum;
    }
}
