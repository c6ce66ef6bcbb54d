package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Pollable;
import io.jipc.api.Select;
import io.jipc.os.Fcntl;
import io.jipc.os.Fd;
import io.jipc.os.Proc;
import io.jipc.os.SystemLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POSIX queue semantics from seed 001 (GaPiL), receive buffers of mq_msgsize, limits and bad input. */
@ExtendWith(PosixLeakCheck.class)
@org.junit.jupiter.api.Timeout(60)
class PosixMessageChannelTest {

    static String uri(String hint, String options) {
        return "posix:" + PosixLeakCheck.name(hint) + (options.isEmpty() ? "" : "?" + options);
    }

    static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ByteBuffer b) {
        b.flip();
        String s = StandardCharsets.UTF_8.decode(b).toString();
        b.clear();
        return s;
    }

    @Test
    void highestPriorityFirstThenFifo() {
        // seed 001: send 1, 5, 3, 5 -> receive 5, 5, 3, 1; equal priorities keep their order
        try (MessageChannel q = Ipc.channel(uri("prio", "msgsize=64"))) {
            try {
                q.send(text("a"), 1);
                q.send(text("b"), 5);
                q.send(text("c"), 3);
                q.send(text("d"), 5);
                ByteBuffer dst = ByteBuffer.allocateDirect(64);
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    long p = q.receive(dst);
                    got.add(p + ":" + text(dst));
                }
                assertEquals(List.of("5:b", "5:d", "3:c", "1:a"), got);
                assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(dst, Select.any()));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void fifoWithinOnePriority() {
        try (MessageChannel q = Ipc.channel(uri("fifo", "maxmsg=10&msgsize=32"))) {
            try {
                for (int i = 0; i < 10; i++) {
                    assertTrue(q.trySend(text("m" + i), 7));
                }
                assertFalse(q.trySend(text("full"), 7), "the 11th message does not fit maxmsg=10");
                ByteBuffer dst = ByteBuffer.allocate(32); // heap buffer: copied through the staging area
                for (int i = 0; i < 10; i++) {
                    assertEquals(7, q.receive(dst));
                    assertEquals("m" + i, text(dst));
                }
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void timedReceiveOnEmptyReturnsNoMessage() {
        try (MessageChannel q = Ipc.channel(uri("timed", "msgsize=16"))) {
            try {
                ByteBuffer dst = ByteBuffer.allocateDirect(16);
                assertEquals(MessageChannel.NO_MESSAGE, q.receive(dst, Select.any(), 150, TimeUnit.MILLISECONDS));
                assertEquals(0, dst.position(), "nothing written");
                assertEquals(MessageChannel.NO_MESSAGE, q.receive(dst, Select.any(), 0, TimeUnit.MILLISECONDS));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void tryReceiveOnEmptyAndTimedSendOnFull() {
        try (MessageChannel q = Ipc.channel(uri("full", "maxmsg=2&msgsize=16"))) {
            try {
                ByteBuffer dst = ByteBuffer.allocateDirect(16);
                assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(dst, Select.any()));
                assertTrue(q.send(text("1"), 0, 1, TimeUnit.SECONDS));
                assertTrue(q.trySend(text("2"), 0));
                ByteBuffer third = text("3");
                assertFalse(q.send(third, 0, 150, TimeUnit.MILLISECONDS), "full: timed send times out");
                assertEquals(0, third.position(), "a message not sent is not consumed");
                assertFalse(q.trySend(third, 0));
                assertEquals(2, q.stats().messages());
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void blockingReceiveWakesWhenAnotherThreadSends() throws Exception {
        try (MessageChannel q = Ipc.channel(uri("wake", "msgsize=16"))) {
            try {
                AtomicReference<String> got = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocateDirect(16);
                    long p = q.receive(dst);
                    got.set(p + ":" + text(dst));
                });
                t.start();
                Thread.sleep(200);
                q.send(text("hi"), 9);
                t.join(30_000);
                assertEquals("9:hi", got.get());
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void anInterruptEndsABlockingReceive() throws Exception {
        try (MessageChannel q = Ipc.channel(uri("intr", "msgsize=16"))) {
            try {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicReference<Boolean> flag = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    try {
                        q.receive(ByteBuffer.allocateDirect(16));
                    } catch (Throwable e) {
                        thrown.set(e);
                        flag.set(Thread.currentThread().isInterrupted());
                    }
                });
                t.start();
                Thread.sleep(200);
                t.interrupt();
                t.join(30_000);
                assertInstanceOf(IpcInterrupted.class, thrown.get());
                assertTrue(flag.get(), "interrupt status still set");
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void unlinkKeepsOpenHandlesAndALaterOpenMakesANewQueue() {
        // C12: mq_unlink removes the name; the queue lives on for those who hold it open
        String u = uri("unlink", "maxmsg=4&msgsize=16");
        String name = u.substring("posix:".length(), u.indexOf('?'));
        try (MessageChannel a = Ipc.channel(u)) {
            a.send(text("before"), 2);
            a.remove();
            assertFalse(PosixLeakCheck.queueExists(name), "the name is gone");
            a.send(text("after"), 1);
            ByteBuffer dst = ByteBuffer.allocateDirect(16);
            assertEquals(2, a.stats().messages(), "the unlinked queue still works");
            try (MessageChannel b = Ipc.channel(u + "&open=create")) {
                try {
                    assertEquals(0, b.stats().messages(), "a new, empty queue");
                    b.send(text("new"), 3);
                    assertEquals(2, a.receive(dst));
                    assertEquals("before", text(dst));
                    assertEquals(1, a.receive(dst));
                    assertEquals("after", text(dst));
                    assertEquals(MessageChannel.NO_MESSAGE, a.tryReceive(dst, Select.any()), "b's message is not in a's queue");
                    assertEquals(3, b.receive(dst));
                } finally {
                    b.remove();
                }
            }
            a.remove(); // already gone: not an error
        }
    }

    @Test
    void aBufferSmallerThanMqMsgsizeIsRefusedBeforeAnythingIsDequeued() {
        try (MessageChannel q = Ipc.channel(uri("small", "maxmsg=4&msgsize=128"))) {
            try {
                byte[] big = new byte[100];
                for (int i = 0; i < big.length; i++) {
                    big[i] = (byte) i;
                }
                q.send(ByteBuffer.wrap(big), 7);
                q.send(text("small"), 1);
                ByteBuffer tiny = ByteBuffer.allocateDirect(120);
                tiny.position(3);
                MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> q.receive(tiny));
                assertEquals(-1, e.size(), "the message's length cannot be known without dequeuing it");
                assertEquals(117, e.limit());
                assertEquals("EMSGSIZE", e.errnoName(), e.getMessage());
                assertTrue(e.getMessage().contains("mq_msgsize = 128"), e.getMessage());
                assertEquals(3, tiny.position(), "nothing written");
                assertEquals(2, q.stats().messages(), "both messages are still in the kernel queue");
                assertThrows(MessageTooLarge.class, () -> q.tryReceive(ByteBuffer.allocate(10), Select.any()),
                        "even a message that would fit: the kernel's rule is mq_msgsize");
                ByteBuffer heap = ByteBuffer.allocate(128);
                assertEquals(7, q.receive(heap), "still first, with its priority");
                assertEquals(100, heap.position());
                assertArrayEquals(big, java.util.Arrays.copyOf(heap.array(), 100));
                ByteBuffer dst = ByteBuffer.allocateDirect(128);
                assertEquals(1, q.receive(dst));
                assertEquals("small", text(dst));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void aRefusedReceiveLeavesTheMessageToOtherHandlesAndProcesses() throws Exception {
        String u = uri("visible", "maxmsg=4&msgsize=128");
        try (MessageChannel q = Ipc.channel(u)) {
            try {
                try (io.jipc.os.ChildProcess sender = io.jipc.os.Spawner.jvm(
                        io.jipc.testkit.peers.ChannelSender.class, u + "&open=open", "2", "100").start()) {
                    assertEquals(0, sender.waitFor(java.time.Duration.ofSeconds(90)), sender.output());
                }
                try (MessageChannel r = Ipc.channel(u + "&open=open")) {
                    assertThrows(MessageTooLarge.class, () -> r.receive(ByteBuffer.allocateDirect(100)));
                    assertThrows(MessageTooLarge.class, () -> r.tryReceive(ByteBuffer.allocate(64), Select.any()));
                    assertEquals(2, q.stats().messages(), "another handle still sees both messages");
                }
                // r is closed and its process (this one) never held anything: a child receives both, in order
                try (io.jipc.os.ChildProcess receiver = io.jipc.os.Spawner.jvm(
                        io.jipc.testkit.peers.ChannelReceiver.class, u + "&open=open", "2", "100").start()) {
                    assertEquals(0, receiver.waitFor(java.time.Duration.ofSeconds(90)), receiver.output());
                    assertTrue(receiver.output().contains("RECEIVED 2"), receiver.output());
                }
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void directAndHeapBuffersAndEmptyMessages() {
        try (MessageChannel q = Ipc.channel(uri("buffers", "msgsize=32"))) {
            try {
                ByteBuffer direct = ByteBuffer.allocateDirect(32);
                direct.put("xyz".getBytes(StandardCharsets.UTF_8)).flip();
                direct.position(1);
                q.send(direct);
                assertEquals(direct.limit(), direct.position(), "send advances the position");
                q.send(ByteBuffer.allocate(0), 2);
                ByteBuffer dst = ByteBuffer.allocateDirect(40);
                assertEquals(2, q.receive(dst));
                assertEquals(0, dst.position(), "an empty message");
                assertEquals(0, q.receive(dst), "the default tag is priority 0");
                assertEquals("yz", text(dst));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void capabilitiesAndStatsTellTheLimitsInForce() {
        try (MessageChannel q = Ipc.channel(uri("caps", "maxmsg=3&msgsize=100&mode=0666"))) {
            try {
                Capabilities c = q.capabilities();
                assertEquals(Capabilities.Tagging.PRIORITY, c.tagging());
                assertEquals(32767, c.maxTag());
                assertEquals(100, c.maxMessageSize());
                assertEquals(3, c.capacityMessages());
                assertTrue(c.pollable());
                assertEquals(Capabilities.Persistence.KERNEL, c.persistence());
                assertEquals(Capabilities.Timed.NATIVE, c.timed());
                assertInstanceOf(Pollable.class, q);
                int fd = ((Pollable) q).receiveDescriptor();
                assertEquals(0666, Fd.fstat(fd, q.uri()).mode() & 0777, "mode applied despite the umask");
                assertNotEquals(0, Fcntl.LIB.fcntl(fd, Fcntl.F_GETFD, 0) & Fcntl.FD_CLOEXEC, "FD_CLOEXEC");
                q.send(text("12345"), 0);
                ChannelStats s = q.stats();
                assertEquals(1, s.messages());
                assertEquals(3, s.capacityMessages());
                if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/dev/mqueue"))
                        && java.nio.file.Files.exists(java.nio.file.Path.of("/dev/mqueue" + q.uri().path()))) {
                    assertEquals(5, s.bytes(), "QSIZE from /dev/mqueue");
                }
                q.remove();
                assertEquals(Capabilities.UNKNOWN, q.stats().bytes(), "no name, no QSIZE");
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void theDefaultsComeFromProc() {
        try (MessageChannel q = Ipc.channel(uri("defaults", ""))) {
            try {
                assertEquals(SystemLimits.read("/proc/sys/fs/mqueue/msgsize_default", -1), q.capabilities().maxMessageSize());
                assertEquals(SystemLimits.read("/proc/sys/fs/mqueue/msg_default", -1), q.capabilities().capacityMessages());
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void openModes() {
        String u = uri("modes", "msgsize=16");
        assertThrows(IpcNotFound.class, () -> Ipc.channel(u + "&open=open"));
        try (MessageChannel q = Ipc.channel(u + "&open=create")) {
            try {
                assertThrows(IpcAlreadyExists.class, () -> Ipc.channel(u + "&open=create"));
                try (MessageChannel again = Ipc.channel(u + "&open=open")) {
                    again.send(text("x"), 0);
                }
                IpcException e = assertThrows(IpcException.class,
                        () -> Ipc.channel(u.replace("msgsize=16", "msgsize=32")));
                assertTrue(e.getMessage().contains("msgsize=16"), e.getMessage());
                assertEquals(1, q.stats().messages());
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void oversizeMessageNamesMqMsgsize() {
        try (MessageChannel q = Ipc.channel(uri("oversize", "msgsize=16"))) {
            try {
                ByteBuffer m = ByteBuffer.allocate(17);
                MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> q.send(m));
                assertTrue(e.getMessage().contains("mq_msgsize"), e.getMessage());
                assertEquals(17, e.size());
                assertEquals(16, e.limit());
                assertEquals(0, m.position());
                assertEquals(0, q.stats().messages());
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void prioritiesOutsideTheRangeAreRefused() {
        try (MessageChannel q = Ipc.channel(uri("badprio", "msgsize=16"))) {
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.send(text("x"), 32768));
                assertTrue(e.getMessage().contains("MQ_PRIO_MAX"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> q.trySend(text("x"), -1));
                q.send(text("x"), 32767);
                assertEquals(32767, q.receive(ByteBuffer.allocate(16)));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void onlySelectAny() {
        try (MessageChannel q = Ipc.channel(uri("select", "msgsize=16"))) {
            try {
                ByteBuffer dst = ByteBuffer.allocate(16);
                IpcUnsupported e = assertThrows(IpcUnsupported.class, () -> q.receive(dst, Select.tag(3)));
                assertTrue(e.getMessage().contains("Select.any()"), e.getMessage());
                assertThrows(IpcUnsupported.class, () -> q.tryReceive(dst, Select.upTo(3)));
                assertThrows(IpcUnsupported.class, () -> q.receive(dst, Select.not(3), 1, TimeUnit.MILLISECONDS));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    void badAttributesAreRefusedBeforeTheKernel() {
        IpcUriException zero = assertThrows(IpcUriException.class, () -> Ipc.channel(uri("zero", "maxmsg=0")));
        assertTrue(zero.getMessage().contains("maxmsg"), zero.getMessage());
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("zero", "msgsize=0")));
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("neg", "maxmsg=-3")));
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("huge", "maxmsg=65537")), "above HARD_MSGMAX");
        assertThrows(IpcUriException.class, () -> Ipc.channel(uri("unknown", "capacity=3")));
    }

    @Test
    void maxmsgAboveMsgMaxNamesTheLimit() {
        Assumptions.assumeFalse(PosixLeakCheck.hasCapSysResource(), "CAP_SYS_RESOURCE lifts msg_max");
        long msgMax = SystemLimits.mqMsgMax();
        IpcLimitExceeded e = assertThrows(IpcLimitExceeded.class,
                () -> Ipc.channel(uri("maxmsg", "maxmsg=" + (msgMax + 1) + "&msgsize=16")));
        assertTrue(e.getMessage().contains("msg_max=" + msgMax), e.getMessage());
        assertTrue(e.getMessage().contains("/proc/sys/fs/mqueue/msg_max"), e.getMessage());
        long sizeMax = SystemLimits.mqMsgsizeMax();
        IpcLimitExceeded s = assertThrows(IpcLimitExceeded.class,
                () -> Ipc.channel(uri("msgsize", "maxmsg=1&msgsize=" + (sizeMax + 1))));
        assertTrue(s.getMessage().contains("msgsize_max=" + sizeMax), s.getMessage());
    }

    @Test
    void rlimitMsgqueueNamesTheLimit() {
        long[] old = Proc.rlimit(SystemLimits.RLIMIT_MSGQUEUE);
        assertEquals(0, Proc.setRlimit(SystemLimits.RLIMIT_MSGQUEUE, 1024, old[1]));
        try {
            IpcLimitExceeded e = assertThrows(IpcLimitExceeded.class,
                    () -> Ipc.channel(uri("rlimit", "maxmsg=4&msgsize=4096")));
            assertTrue(e.getMessage().contains("RLIMIT_MSGQUEUE"), e.getMessage());
            assertTrue(e.getMessage().contains("ulimit -q"), e.getMessage());
        } finally {
            Proc.setRlimit(SystemLimits.RLIMIT_MSGQUEUE, old[0], old[1]);
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReceive() throws Exception {
        String u = uri("closewait", "msgsize=16");
        MessageChannel q = Ipc.channel(u);
        try {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    q.receive(ByteBuffer.allocateDirect(16));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            Thread.sleep(200);
            q.close(); // waits until the receiver has left the kernel: the descriptor is never reused under it
            t.join(30_000);
            assertInstanceOf(IpcException.class, thrown.get());
            assertTrue(thrown.get().getMessage().contains("closed"), thrown.get().getMessage());
        } finally {
            q.remove();
        }
    }

    @Test
    void closedHandlesRefuseCleanly() {
        String u = uri("closed", "msgsize=16");
        MessageChannel q = Ipc.channel(u);
        q.close();
        q.close();
        assertThrows(IpcException.class, () -> q.send(text("x")));
        assertThrows(IpcException.class, () -> q.tryReceive(ByteBuffer.allocate(16), Select.any()));
        q.remove(); // by name: still possible after close
        assertFalse(PosixLeakCheck.queueExists(u.substring(6, u.indexOf('?'))));
    }
}
