package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildSupport;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jipc.sysv.Handles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message queue semantics within one JVM (cross-process behaviour is in SysvCrossProcessTest). */
@ExtendWith(LeakGuard.class)
class SysvChannelTest {
    private final Handles h = new Handles();

    @AfterEach
    void removeAll() {
        h.close();
    }

    private SysvMessageChannel fresh(String options) {
        String path = h.ftokPath();
        String create = "open=create";
        options = options.isEmpty() ? create : options + "&" + create;
        // open=create: an ftok key can collide with another program's object (recycled inode numbers)
        return h.channel("sysv:" + path + "?proj=74" + (options.isEmpty() ? "" : "&" + options));
    }

    @Test
    void seed000PriorityOrderWithUpTo() {
        SysvMessageChannel q = fresh("");
        for (long type : new long[] {300, 100, 200, 400, 100}) {
            q.send(text("type " + type), type);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        List<Long> got = new ArrayList<>();
        long t;
        while ((t = q.tryReceive(b, Select.upTo(300))) != MessageChannel.NO_MESSAGE) {
            got.add(t);
            assertEquals("type " + t, text(b));
        }
        assertEquals(List.of(100L, 100L, 200L, 300L), got);
        assertEquals(1, q.stats().messages(), "the 400 stays queued");
        assertEquals(400, q.tryReceive(b, Select.any()));
    }

    @Test
    void selectByTagAndExcept() {
        SysvMessageChannel q = fresh("");
        q.send(text("a"), 7);
        q.send(text("b"), 3);
        q.send(text("c"), 7);
        ByteBuffer b = ByteBuffer.allocate(16);
        assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(b, Select.tag(5)));
        assertEquals(3, q.tryReceive(b, Select.tag(3)));
        assertEquals("b", text(b));
        q.send(text("d"), 9);
        assertEquals(9, q.tryReceive(b, Select.not(7)));
        assertEquals("d", text(b));
        assertEquals(7, q.receive(b, Select.any()));
        assertEquals("a", text(b));
        assertEquals(7, q.receive(b));
        assertEquals("c", text(b));
        assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(b, Select.any()));
    }

    @Test
    void boundariesAndDefaultTag() {
        SysvMessageChannel q = fresh("");
        q.send(text("one"));
        q.send(text(""));
        q.send(text("three"));
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(1, q.receive(b));
        assertEquals("one", text(b));
        assertEquals(1, q.receive(b));
        assertEquals("", text(b));
        b.position(10);
        q.receive(b);
        assertEquals(15, b.position(), "bytes land at the position, which advances");
    }

    @Test
    void sendAdvancesPositionOnlyWhenSent() {
        SysvMessageChannel q = h.channel("sysv:private?qbytes=16");
        ByteBuffer m = text("0123456789");
        assertTrue(q.trySend(m, 1));
        assertEquals(m.limit(), m.position());
        m.rewind();
        assertFalse(q.trySend(m, 1), "a second 10-byte message does not fit in 16 bytes");
        assertEquals(0, m.position(), "a message not sent is not consumed");
        assertFalse(q.send(m, 1, 30, TimeUnit.MILLISECONDS));
        assertEquals(0, m.position());
    }

    @Test
    void tooSmallBufferLosesNothing() {
        SysvMessageChannel q = fresh("");
        q.send(text("a message of 28 bytes ......"), 4);
        ByteBuffer small = ByteBuffer.allocate(10);
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> q.receive(small, Select.any()));
        assertTrue(e.getMessage().contains("E2BIG"), e.getMessage());
        assertTrue(e.getMessage().contains(q.uri().toString()), e.getMessage());
        assertEquals(0, small.position());
        assertThrows(MessageTooLarge.class, () -> q.tryReceive(small, Select.any()));
        assertEquals(1, q.stats().messages(), "the message stays queued");
        ByteBuffer big = ByteBuffer.allocate(64);
        assertEquals(4, q.receive(big, Select.any()));
        assertEquals("a message of 28 bytes ......", text(big));
    }

    @Test
    void truncateOnRequest() {
        SysvMessageChannel q = fresh("truncate=true");
        q.send(text("abcdefghij"), 2);
        ByteBuffer small = ByteBuffer.allocate(4);
        assertEquals(2, q.receive(small, Select.any()));
        assertEquals("abcd", text(small));
        assertEquals(0, q.stats().messages());
        assertTrue(q.idUri().contains("truncate=true"));
    }

    @Test
    void oversizeSendNamesMsgmax() {
        SysvMessageChannel q = fresh("");
        ByteBuffer m = ByteBuffer.allocateDirect((int) q.msgmax() + 1);
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> q.send(m, 1));
        assertTrue(e.getMessage().contains("msgmax"), e.getMessage());
        assertEquals(q.msgmax(), e.limit());
        assertEquals(q.msgmax() + 1, e.size());
        assertEquals(0, q.stats().messages());
        m.limit((int) q.msgmax());
        q.send(m, 1); // exactly msgmax is fine
        ByteBuffer back = ByteBuffer.allocateDirect((int) q.msgmax());
        assertEquals(1, q.receive(back));
        assertEquals(q.msgmax(), back.position());
    }

    @Test
    void emptyAndTimedReceiveReturnNoMessage() {
        SysvMessageChannel q = fresh("");
        ByteBuffer b = ByteBuffer.allocate(8);
        assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(b, Select.any()));
        assertEquals(MessageChannel.NO_MESSAGE, q.receive(b, Select.any(), 50, TimeUnit.MILLISECONDS));
        assertEquals(MessageChannel.NO_MESSAGE, q.receive(b, Select.any(), 0, TimeUnit.MILLISECONDS));
        assertThrows(IllegalArgumentException.class, () -> q.receive(b, Select.any(), -1, TimeUnit.MILLISECONDS));
    }

    @Test
    void timedReceiveGetsALateMessage() throws Exception {
        SysvMessageChannel q = fresh("");
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            q.send(text("late"), 5);
        });
        t.start();
        ByteBuffer b = ByteBuffer.allocate(8);
        assertEquals(5, q.receive(b, Select.tag(5), 60, TimeUnit.SECONDS));
        assertEquals("late", text(b));
        t.join();
    }

    @Test
    void timedReceiveHonoursInterrupt() throws Exception {
        SysvMessageChannel q = fresh("");
        AtomicReference<Throwable> out = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                q.receive(ByteBuffer.allocate(8), Select.any(), 60, TimeUnit.SECONDS);
            } catch (Throwable e) {
                out.set(e);
                if (!Thread.currentThread().isInterrupted()) {
                    out.set(new AssertionError("interrupt status lost"));
                }
            }
        });
        t.start();
        started.await();
        Thread.sleep(50);
        t.interrupt();
        t.join(30_000);
        assertTrue(out.get() instanceof IpcInterrupted, String.valueOf(out.get()));
    }

    @Test
    void blockingReceiveRefusesAnInterruptedThread() {
        SysvMessageChannel q = fresh("");
        Thread.currentThread().interrupt();
        try {
            assertThrows(IpcInterrupted.class, () -> q.receive(ByteBuffer.allocate(8)));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void removeWakesABlockedReceiverWithIpcRemoved() throws Exception {
        SysvMessageChannel q = h.channel("sysv:private");
        AtomicReference<Throwable> out = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                q.receive(ByteBuffer.allocate(8));
            } catch (Throwable e) {
                out.set(e);
            }
        });
        t.start();
        Thread.sleep(100);
        q.remove();
        t.join(30_000);
        assertTrue(out.get() instanceof IpcRemoved, String.valueOf(out.get()));
        // EIDRM when the receiver was already inside msgrcv; EINVAL if the removal came first
        assertTrue(out.get().getMessage().contains("removed"), out.get().getMessage());
        IpcRemoved after = assertThrows(IpcRemoved.class, () -> q.send(text("x"), 1));
        assertTrue(after.getMessage().contains("msgsnd"), after.getMessage());
        q.remove(); // removing again is not an error
    }

    @Test
    void statsAndQbytes() {
        SysvMessageChannel q = h.channel("sysv:private?qbytes=4096");
        assertEquals(4096, q.capabilities().capacityBytes());
        q.send(text("12345"), 3);
        q.send(text("678"), 3);
        ChannelStats s = q.stats();
        assertEquals(2, s.messages());
        assertEquals(8, s.bytes());
        assertEquals(4096, s.capacityBytes());
        assertEquals(ChildSupport.pid(), s.lastSenderPid());
        assertTrue(s.lastSendEpochSeconds() > 0);
        assertEquals(0, s.lastReceiveEpochSeconds());
        q.receive(ByteBuffer.allocate(16));
        assertEquals(ChildSupport.pid(), q.stats().lastReceiverPid());
        assertTrue(q.stats().lastReceiveEpochSeconds() > 0);
    }

    @Test
    void capabilitiesDescribeTheQueue() {
        SysvMessageChannel q = h.channel("sysv:private");
        Capabilities c = q.capabilities();
        assertEquals(Capabilities.Tagging.SYSV_TYPE, c.tagging());
        assertEquals(1, c.defaultTag());
        assertEquals(Long.MAX_VALUE, c.maxTag());
        assertEquals(Capabilities.Timed.EMULATED, c.timed());
        assertEquals(Capabilities.Persistence.KERNEL, c.persistence());
        assertFalse(c.pollable());
        assertEquals(q.msgmax(), c.maxMessageSize());
        assertEquals(q.stats().capacityBytes(), c.capacityBytes());
    }

    @Test
    void openById() {
        SysvMessageChannel q = h.channel("sysv:private");
        q.send(text("by id"), 11);
        try (MessageChannel same = io.jipc.api.Ipc.channel(q.idUri())) {
            ByteBuffer b = ByteBuffer.allocate(16);
            assertEquals(11, same.receive(b));
            assertEquals("by id", text(b));
            assertEquals(q.id(), ((SysvMessageChannel) same).id());
        }
    }

    @Test
    void openByKeyAndOpenModes() {
        SysvMessageChannel a = fresh("");
        String keyUri = "sysv:?key=0x" + Integer.toHexString(keyOf(a));
        try (MessageChannel b = io.jipc.api.Ipc.channel(keyUri + "&open=open")) {
            assertEquals(a.id(), ((SysvMessageChannel) b).id());
        }
    }

    static int keyOf(SysvMessageChannel q) {
        long buf = io.jipc.os.NativeMemory.allocate(io.jipc.os.layout.MsqidDsLayout.SIZE);
        try {
            assertEquals(0, io.jipc.os.SysvIpc.LIB.msgctl(q.id(), io.jipc.os.SysvIpc.IPC_STAT, buf));
            return io.jipc.os.NativeMemory.getInt(buf + io.jipc.os.layout.IpcPermLayout.KEY);
        } finally {
            io.jipc.os.NativeMemory.free(buf);
        }
    }

    @Test
    void twoThreadsOnOneHandle() throws Exception {
        SysvMessageChannel q = h.channel("sysv:private");
        int n = 2000;
        Thread sender = new Thread(() -> {
            ByteBuffer m = ByteBuffer.allocateDirect(8);
            for (int i = 0; i < n; i++) {
                m.clear();
                m.putLong(0, i);
                q.send(m, 1 + (i % 3));
            }
        });
        AtomicReference<Throwable> err = new AtomicReference<>();
        long[] sum = new long[1];
        Thread receiver = new Thread(() -> {
            try {
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                for (int i = 0; i < n; i++) {
                    b.clear();
                    q.receive(b, Select.any());
                    assertEquals(8, b.position());
                    sum[0] += b.getLong(0);
                }
            } catch (Throwable e) {
                err.set(e);
            }
        });
        sender.start();
        receiver.start();
        sender.join(60_000);
        receiver.join(60_000);
        if (err.get() != null) {
            throw new AssertionError(err.get());
        }
        assertEquals((long) n * (n - 1) / 2, sum[0]);
    }

    @Test
    void hotPathAllocatesNothing() {
        SysvMessageChannel q = h.channel("sysv:private");
        ByteBuffer m = ByteBuffer.allocateDirect(64);
        ByteBuffer d = ByteBuffer.allocateDirect(64);
        Select sel = Select.upTo(10);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 2; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 20_000; i++) {
                m.clear();
                q.send(m, 3);
                assertTrue(q.trySend(m.clear(), 4));
                d.clear();
                q.receive(d, sel);
                d.clear();
                q.tryReceive(d, Select.any());
            }
            long per = (mx.getThreadAllocatedBytes(tid) - before) / 20_000;
            if (round == 1) {
                assertEquals(0, per, "bytes allocated per send/trySend/receive/tryReceive round");
            }
        }
    }
}
