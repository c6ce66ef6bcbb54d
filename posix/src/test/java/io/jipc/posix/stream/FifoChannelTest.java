package io.jipc.posix.stream;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jipc.posix.stream.StreamPeers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LeakGuard.class)
class FifoChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<Path> paths = new ArrayList<>();

    private String fresh(String hint) {
        Path p = TestNames.path(hint);
        paths.add(p);
        return "fifo:" + p;
    }

    @AfterEach
    void removeFifos() throws Exception {
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void aFifoIsAQueueForEveryHandle() throws Exception {
        String uri = fresh("queue");
        try (MessageChannel a = Ipc.channel(uri + "?mode=0640");
             MessageChannel b = Ipc.channel(uri + "?open=open")) {
            Path p = Path.of(uri.substring("fifo:".length()));
            assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            assertTrue(Ipc.backend("fifo").objects().stream().anyMatch(o -> o.path().equals(p.toAbsolutePath().toString())
                    && o.creatorPid() == ProcessHandle.current().pid() && o.creatorAlive()), "fifo lists the FIFO it created");
            a.send(text("from a"), 1);
            b.send(text("from b"), 2);
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertEquals(1, b.receive(buf));
            assertEquals("from a", text(buf));
            buf.clear();
            assertEquals(2, b.receive(buf, Select.any(), 10, TimeUnit.SECONDS));
            assertEquals("from b", text(buf));
            assertEquals(MessageChannel.NO_MESSAGE, a.tryReceive(buf.clear(), Select.any()));
            a.send(text("loop"), 3);
            assertEquals(3, a.receive(buf.clear()));
            Capabilities c = a.capabilities();
            assertEquals(4080, c.maxMessageSize());
            assertFalse(c.needsRelatedProcesses());
            assertTrue(c.notes().contains("PIPE_BUF"));
            a.remove();
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS));
            a.send(text("still works"), 4);
            assertEquals(4, b.receive(buf.clear()));
            a.remove();
        }
    }

    @Test
    void openingNeverWaitsForAPeer() throws Exception {
        String uri = fresh("order");
        // Open and use a handle with nobody else around, then a second one: neither open blocks.
        try (MessageChannel reader = Ipc.channel(uri)) {
            assertEquals(MessageChannel.NO_MESSAGE, reader.tryReceive(ByteBuffer.allocate(8), Select.any()));
            try (MessageChannel writer = Ipc.channel(uri + "?open=open")) {
                assertTrue(writer.trySend(text("x"), 0));
            }
            assertEquals(0, reader.receive(ByteBuffer.allocate(8)));
            reader.remove();
        }
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        Path file = TestNames.file("regular");
        paths.add(file);
        IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("fifo:" + file));
        assertTrue(e.getMessage().contains("regular file") && e.getMessage().contains("not a FIFO"), e.getMessage());
        assertTrue(Files.isRegularFile(file), "the regular file is left alone");

        String uri = fresh("limits");
        IpcUriException big = assertThrows(IpcUriException.class, () -> Ipc.channel(uri + "?msgsize=5000"));
        assertTrue(big.getMessage().contains("PIPE_BUF"), big.getMessage());
        assertThrows(IpcNotFound.class, () -> Ipc.channel(uri + "?open=open"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("fifo:"));
        try (MessageChannel ch = Ipc.channel(uri + "?open=create")) {
            assertThrows(IpcAlreadyExists.class, () -> Ipc.channel(uri + "?open=create"));
            MessageTooLarge m = assertThrows(MessageTooLarge.class, () -> ch.send(ByteBuffer.allocate(4081)));
            assertTrue(m.getMessage().contains("PIPE_BUF"), m.getMessage());
            ch.remove();
        }
    }

    @Test
    void echoThroughAChildJvmOverTwoFifos() throws Exception {
        String req = fresh("req");
        String rsp = fresh("rsp");
        try (MessageChannel requests = Ipc.channel(req);
             MessageChannel replies = Ipc.channel(rsp);
             ChildProcess child = Spawner.jvm(StreamPeers.Echo.class, req + "?open=open", rsp + "?open=open").start()) {
            child.awaitOutput("READY", WAIT);
            ByteBuffer buf = ByteBuffer.allocate(4080);
            for (int i = 0; i < 50; i++) {
                requests.send(text("request " + i), i);
                buf.clear();
                assertEquals(i, replies.receive(buf, Select.any(), 60, TimeUnit.SECONDS));
                assertEquals("request " + i, text(buf));
            }
            requests.send(text("stop"), StreamPeers.STOP);
            assertEquals(StreamPeers.STOP, replies.receive(buf.clear()));
            assertEquals(0, child.waitFor(WAIT), child.output());
            requests.remove();
            replies.remove();
        }
    }

    @Test
    void severalWritersNeverInterleave() throws Exception {
        String uri = fresh("writers");
        int writers = 3;
        int count = 400;
        int size = 4080;
        try (MessageChannel ch = Ipc.channel(uri)) {
            List<ChildProcess> children = new ArrayList<>();
            try {
                for (int w = 1; w <= writers; w++) {
                    children.add(Spawner.jvm(StreamPeers.Writer.class, uri + "?open=open", Integer.toString(w),
                            Integer.toString(count), Integer.toString(size)).start());
                }
                long[] next = new long[writers + 1];
                ByteBuffer buf = ByteBuffer.allocateDirect(size);
                for (int i = 0; i < writers * count; i++) {
                    buf.clear();
                    long tag = ch.receive(buf, Select.any(), 60, TimeUnit.SECONDS);
                    assertTrue(tag >= 1 && tag <= writers, "tag " + tag + " after " + i + " messages");
                    long seq = StreamPeers.check(buf, size, tag);
                    assertEquals(next[(int) tag]++, seq, "writer " + tag + "'s messages in order");
                }
                for (ChildProcess c : children) {
                    assertEquals(0, c.waitFor(WAIT), c.output());
                }
                assertEquals(MessageChannel.NO_MESSAGE, ch.tryReceive(buf.clear(), Select.any()));
            } finally {
                for (ChildProcess c : children) {
                    c.close();
                }
                ch.remove();
            }
        }
    }

    @Test
    void aWriterKilledMidStreamNeverLeavesHalfAMessage() throws Exception {
        String uri = fresh("killed");
        int size = 4080;
        try (MessageChannel ch = Ipc.channel(uri);
             ChildProcess child = Spawner.jvm(StreamPeers.Writer.class, uri + "?open=open", "1", "-1",
                     Integer.toString(size)).start()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            long expected = 0;
            // Let it fill the FIFO, drain a little, and kill it while it is writing.
            child.awaitOutput("SENT10", WAIT);
            for (int i = 0; i < 5; i++) {
                assertEquals(1, ch.receive(buf.clear(), Select.any(), 60, TimeUnit.SECONDS));
                assertEquals(expected++, StreamPeers.check(buf, size, 1));
            }
            child.killAndWait();
            long tag;
            while ((tag = ch.receive(buf.clear(), Select.any(), 200, TimeUnit.MILLISECONDS)) != MessageChannel.NO_MESSAGE) {
                assertEquals(expected++, StreamPeers.check(buf, size, tag));
            }
            assertEquals(0, buf.position(), "nothing partial delivered");
            assertTrue(expected > 5);
            ch.remove();
        }
    }

    @Test
    void aTooSmallBufferConsumesNothingSoAReceiverThatThenClosesLeavesTheFrameToOthers() throws Exception {
        String uri = fresh("toosmall");
        try (MessageChannel keeper = Ipc.channel(uri)) {
            keeper.send(text("a message of some length"), 5);
            keeper.send(text("next"), 6);
            try (MessageChannel quitter = Ipc.channel(uri + "?open=open")) {
                MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> quitter.receive(ByteBuffer.allocateDirect(4)));
                assertEquals(24, e.size());
            } // closed with the frame refused: nothing of it was read
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            assertEquals(5, keeper.receive(buf, Select.any(), 30, TimeUnit.SECONDS), "the whole frame is still first");
            assertEquals("a message of some length", text(buf));
            assertEquals(6, keeper.receive(buf.clear(), Select.any(), 30, TimeUnit.SECONDS));
            assertEquals("next", text(buf));
            keeper.remove();
        }
    }

    @Test
    void severalReceivingHandlesTakeWholeFramesEachOnce() throws Exception {
        String uri = fresh("readers");
        int total = 3000;
        try (MessageChannel sender = Ipc.channel(uri);
             MessageChannel r1 = Ipc.channel(uri + "?open=open");
             MessageChannel r2 = Ipc.channel(uri + "?open=open")) {
            java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
                for (MessageChannel r : List.of(r1, r2, r1, r2)) {
                    fs.add(pool.submit(() -> {
                        ByteBuffer b = ByteBuffer.allocateDirect(4080);
                        while (got.get() < total) {
                            b.clear();
                            long tag = r.receive(b, Select.any(), 100, TimeUnit.MILLISECONDS);
                            if (tag == MessageChannel.NO_MESSAGE) {
                                continue;
                            }
                            int len = (int) (tag % 4000) + 8;
                            assertEquals(len, b.position(), "message " + tag + " whole");
                            for (int i = 8; i < len; i++) {
                                assertEquals((byte) (tag + i), b.get(i), "message " + tag + " byte " + i);
                            }
                            assertEquals(tag, b.getLong(0));
                            assertTrue(seen.add(tag), "message " + tag + " twice");
                            got.incrementAndGet();
                        }
                        return null;
                    }));
                }
                ByteBuffer m = ByteBuffer.allocateDirect(4080);
                for (long tag = 0; tag < total; tag++) {
                    int len = (int) (tag % 4000) + 8;
                    m.clear();
                    m.putLong(0, tag);
                    for (int i = 8; i < len; i++) {
                        m.put(i, (byte) (tag + i));
                    }
                    m.limit(len);
                    assertTrue(sender.send(m, tag, 60, TimeUnit.SECONDS), "message " + tag + " sent: are the receivers alive?");
                }
                for (java.util.concurrent.Future<?> f : fs) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(total, seen.size());
            sender.remove();
        }
    }

    @Test
    void aReceiverKilledWhileTakingFramesNeverLeavesAHalfFrameToTheOthers() throws Exception {
        String uri = fresh("killedreader");
        int size = 2000;
        try (MessageChannel ch = Ipc.channel(uri)) {
            // a child receives as fast as it can while this process keeps the FIFO full; kill it mid-stream
            try (ChildProcess child = Spawner.jvm(io.jipc.testkit.peers.ChannelReceiver.class, uri + "?open=open",
                    "1000000", Integer.toString(size)).start()) {
                child.awaitOutput("READY", WAIT);
                ByteBuffer m = ByteBuffer.allocateDirect(size);
                for (int i = 0; i < 150; i++) {
                    m.clear();
                    m.putLong(0, i);
                    for (int j = 8; j < size; j++) {
                        m.put(j, (byte) (i * 31 + j * 7));
                    }
                    ch.send(m, 0);
                }
                child.killAndWait(); // the FIFO was full, so the child was busy taking frames
            }
            // whatever the child took is gone with it; every frame left is whole and in order
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            long last = -1;
            while (ch.tryReceive(buf.clear(), Select.any()) != MessageChannel.NO_MESSAGE) {
                assertEquals(size, buf.position(), "a whole frame");
                long seq = buf.getLong(0);
                assertTrue(seq > last, "in order");
                for (int j = 8; j < size; j++) {
                    assertEquals((byte) (seq * 31 + j * 7), buf.get(j), "frame " + seq + " byte " + j);
                }
                last = seq;
            }
            ch.remove();
        }
    }
}
