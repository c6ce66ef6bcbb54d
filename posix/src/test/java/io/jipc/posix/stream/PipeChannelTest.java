package io.jipc.posix.stream;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Fcntl;
import io.jipc.os.Unistd;
import io.jipc.testkit.TestNames;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jipc.posix.stream.StreamPeers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LeakGuard.class)
class PipeChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A parent handle and, in this same process, the handle a child would open. */
    private static MessageChannel[] loopback(String options) {
        PipeChannel parent = (PipeChannel) Ipc.channel("pipe:" + options);
        int[] ends = parent.takePeerEnds();
        MessageChannel child = Ipc.channel("pipe:?fd=" + ends[0] + "," + ends[1]
                + (options.isEmpty() ? "" : "&" + options.substring(1)));
        return new MessageChannel[] {parent, child};
    }

    @Test
    void messagesKeepBoundariesTagsAndOrder() {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            parent.send(text("one"), 1);
            parent.send(text(""), 0);
            parent.send(text("three"), Long.MAX_VALUE);
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            assertEquals(1, child.receive(buf));
            assertEquals("one", text(buf));
            buf.clear();
            assertEquals(0, child.receive(buf));
            assertEquals(0, buf.position());
            buf.clear();
            assertEquals(Long.MAX_VALUE, child.receive(buf));
            assertEquals("three", text(buf));
            child.send(text("back"));
            buf.clear();
            assertEquals(0, parent.receive(buf, Select.any(), 10, TimeUnit.SECONDS));
            assertEquals("back", text(buf));
            assertEquals(MessageChannel.NO_MESSAGE, parent.tryReceive(buf, Select.any()));
            assertEquals(MessageChannel.NO_MESSAGE, parent.receive(buf, Select.any(), 20, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void largeMessagesCrossPipeBufInPieces() throws Exception {
        MessageChannel[] p = loopback("?msgsize=300k");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            ByteBuffer big = ByteBuffer.allocate(300 * 1024);
            for (int i = 0; i < big.capacity(); i++) {
                big.put(i, (byte) (i * 31));
            }
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> parent.send(big, 5));
            ByteBuffer dst = ByteBuffer.allocate(300 * 1024);
            assertEquals(5, child.receive(dst));
            sender.get(60, TimeUnit.SECONDS);
            assertEquals(big.capacity(), dst.position());
            for (int i = 0; i < dst.capacity(); i++) {
                assertEquals((byte) (i * 31), dst.get(i), "byte " + i);
            }
            assertThrows(MessageTooLarge.class, () -> parent.send(ByteBuffer.allocate(300 * 1024 + 1)));
        }
    }

    @Test
    void tooSmallBufferKeepsTheMessage() {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            parent.send(text("a message of some length"), 3);
            MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> child.receive(ByteBuffer.allocate(4)));
            assertEquals(24, e.size());
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertEquals(3, child.tryReceive(buf, Select.any()));
            assertEquals("a message of some length", text(buf));
        }
    }

    @Test
    void trySendReportsAFullPipe() {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            ByteBuffer m = ByteBuffer.allocateDirect(4000);
            int sent = 0;
            while (parent.trySend(m.clear(), 1)) {
                sent++;
                assertTrue(sent < 100_000, "a pipe never fills");
            }
            assertTrue(sent > 0);
            assertFalse(parent.send(m.clear(), 1, 10, TimeUnit.MILLISECONDS));
            ByteBuffer dst = ByteBuffer.allocateDirect(4000);
            for (int i = 0; i < sent; i++) {
                dst.clear();
                assertEquals(1, child.receive(dst));
                assertEquals(4000, dst.position());
            }
            assertEquals(MessageChannel.NO_MESSAGE, child.tryReceive(dst.clear(), Select.any()));
        }
    }

    @Test
    void tagsAndSelectionsOutsideTheContractAreRefused() {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            assertThrows(IllegalArgumentException.class, () -> parent.send(text("x"), -1));
            assertThrows(IpcUnsupported.class, () -> child.receive(ByteBuffer.allocate(8), Select.tag(1)));
            Capabilities c = parent.capabilities();
            assertEquals(Capabilities.Tagging.CARRIED, c.tagging());
            assertTrue(c.needsRelatedProcesses());
            assertTrue(c.pollable());
            assertEquals(Capabilities.Persistence.PROCESS, c.persistence());
        }
    }

    @Test
    void endOfStreamWhenThePeerCloses() {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]) {
            p[1].send(text("last"), 2);
            p[1].close();
            ByteBuffer buf = ByteBuffer.allocate(16);
            assertEquals(2, parent.receive(buf));
            IpcRemoved e = assertThrows(IpcRemoved.class, () -> parent.receive(buf.clear()));
            assertTrue(e.getMessage().contains("end of stream"), e.getMessage());
            assertThrows(IpcRemoved.class, () -> parent.send(text("nobody reads"), 0));
        }
    }

    @Test
    void interruptAndCloseEndABlockedReceive() throws Exception {
        MessageChannel[] p = loopback("");
        try (MessageChannel parent = p[0]; MessageChannel child = p[1]) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    child.receive(ByteBuffer.allocate(8));
                } catch (Throwable e) {
                    failure.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            Thread.sleep(50);
            t.interrupt();
            t.join(30_000);
            assertInstanceOf(IpcInterrupted.class, failure.get());
            assertTrue(stillInterrupted.get());

            Thread u = new Thread(() -> {
                try {
                    parent.receive(ByteBuffer.allocate(8));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            u.start();
            Thread.sleep(50);
            parent.close();
            u.join(30_000);
            assertFalse(u.isAlive());
            assertTrue(failure.get().getMessage().contains("closed"), failure.get().getMessage());
        }
    }

    @Test
    void descriptorsThatAreNotOpenAreRefused() {
        IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("pipe:?fd=900,901"));
        assertTrue(e.getMessage().contains("900") && e.getMessage().contains("not open"), e.getMessage());
        assertEquals("EBADF", e.errnoName());
        assertThrows(IpcUriException.class, () -> Ipc.channel("pipe:?fd=3"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("pipe:?fd=a,b"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("pipe:/some/path"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("pipe:?colour=blue"));
    }

    @Test
    void descriptorsThatAreNotPipesAreRefused() throws Exception {
        Path f = TestNames.file("notapipe");
        int fd = Fcntl.LIB.open(f.toString(), Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
        assertTrue(fd >= 0);
        try {
            IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("pipe:?fd=" + fd + "," + fd + "0"));
            assertTrue(e.getMessage().contains("regular file"), e.getMessage());
        } finally {
            Unistd.LIB.close(fd);
            Files.delete(f);
        }
    }

    @Test
    void echoThroughAChildJvm() throws Exception {
        try (PipeChannel ch = (PipeChannel) Ipc.channel("pipe:");
             ChildProcess child = ch.spawnPeer(StreamPeers.Echo.class)) {
            assertFalse(ch.hasPeerEnds());
            ByteBuffer buf = ByteBuffer.allocateDirect(70_000);
            for (int i = 1; i <= 20; i++) {
                ByteBuffer m = ByteBuffer.allocateDirect(i * 3000);
                for (int j = 0; j < m.capacity(); j++) {
                    m.put(j, (byte) (i + j));
                }
                ch.send(m, i);
                buf.clear();
                assertEquals(i, ch.receive(buf));
                assertEquals(i * 3000, buf.position());
                assertEquals((byte) (i + 2999), buf.get(2999));
            }
            ch.send(text("bye"), StreamPeers.STOP);
            buf.clear();
            assertEquals(StreamPeers.STOP, ch.receive(buf));
            assertEquals(0, child.waitFor(WAIT), child.output());
            assertThrows(IpcRemoved.class, () -> ch.receive(buf.clear()));
        }
    }

    @Test
    void aSenderKilledMidFrameIsACleanEndOfStream() throws Exception {
        try (PipeChannel ch = (PipeChannel) Ipc.channel("pipe:");
             ChildProcess child = ch.spawnPeer(StreamPeers.HalfFrameWriter.class, "4")) {
            ByteBuffer buf = ByteBuffer.allocateDirect(2000);
            assertEquals(7, ch.receive(buf));
            assertEquals("hello", text(buf));
            child.awaitOutput("PARTIAL 116", WAIT);
            buf.clear();
            assertEquals(MessageChannel.NO_MESSAGE, ch.tryReceive(buf, Select.any()));
            child.killAndWait();
            IpcRemoved e = assertThrows(IpcRemoved.class, () -> ch.receive(buf));
            assertTrue(e.getMessage().contains("mid-message"), e.getMessage());
            assertEquals(0, buf.position(), "no byte of the cut message is delivered");
            assertThrows(IpcRemoved.class, () -> ch.receive(buf));
        }
    }
}
