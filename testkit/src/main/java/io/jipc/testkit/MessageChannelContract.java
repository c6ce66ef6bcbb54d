package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.peers.ChannelReceiver;
import io.jipc.testkit.peers.ChannelSender;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link MessageChannel} contract every channel backend passes: open modes, idempotent close,
 * boundaries and order, try/timed operations, full and empty, too-small buffers that lose nothing,
 * oversize sends that name the limit, tags as the capabilities declare, remove semantics, and
 * hand-over across real processes (child JVMs).
 *
 * <p>Subclass it with {@link #freshUri()}; override {@link #openPair()} when two handles on one
 * object are not made by opening the peer URI (see {@link ContractSupport}).
 */
public abstract class MessageChannelContract extends ContractSupport {

    /** Two ends: what {@code sender} sends, {@code receiver} receives. */
    public record Pair(MessageChannel sender, MessageChannel receiver) {
    }

    /** Opens a channel (default {@link Ipc#channel(String)}). */
    protected MessageChannel openChannel(String uri) {
        return Ipc.channel(uri);
    }

    /**
     * A new channel and a second end on the same object in this JVM (default: a handle on
     * {@link #freshUri()} and one on its {@link #peerUri}). Both are tracked for cleanup.
     */
    protected Pair openPair() {
        MessageChannel a = track(openChannel(freshUri()), true);
        MessageChannel b = track(openChannel(peerUri(a)), false);
        return new Pair(a, b);
    }

    /**
     * How long a message accepted by {@code trySend} may take to become receivable, in ms: 0 (the
     * default) for mechanisms where an accepted message is in the queue at once; a network
     * transport ({@code aeron:udp}) keeps part of what it accepted in the sender's buffer until the
     * receiver's window opens again, so its "full" test drains with timed receives of this length.
     */
    protected long inFlightMillis() {
        return 0;
    }

    /** Does the backend honour {@code open=create|open} by name? */
    protected boolean supportsOpenModes() {
        return reachableByName();
    }

    private static ByteBuffer message(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (seed + i * 3));
        }
        return b;
    }

    private static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = b.get(i);
        }
        return out;
    }

    private long tag(MessageChannel ch) {
        return ch.capabilities().defaultTag();
    }

    @Test
    void openModesCreateAndOpenAreEnforced() {
        assumeTrue(supportsOpenModes(), "backend has no open modes by name");
        String uri = freshUri();
        assertThrows(IpcNotFound.class, () -> openChannel(ContractSupport.withOption(uri, "open", "open")).close(),
                "open=open on a missing channel");
        MessageChannel created = track(openChannel(ContractSupport.withOption(uri, "open", "create")), true);
        assertThrows(IpcAlreadyExists.class, () -> openChannel(ContractSupport.withOption(uri, "open", "create")).close(),
                "open=create on an existing channel");
        track(openChannel(peerUri(created)), false);
    }

    @Test
    void closeIsIdempotentAndClosedHandlesRefuseWork() {
        Pair p = openPair();
        p.receiver().close();
        p.receiver().close();
        assertTrue(p.receiver().isClosed());
        IpcException e = assertThrows(IpcException.class, () -> p.receiver().tryReceive(ByteBuffer.allocateDirect(16), Select.any()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void boundariesAndOrderAreKept() {
        Pair p = openPair();
        int[] sizes = {1, 100, 1000, 0, 7};
        for (int i = 0; i < sizes.length; i++) {
            ByteBuffer m = message(sizes[i], i);
            p.sender().send(m, tag(p.sender()));
            assertEquals(sizes[i], m.position(), "send advances the message's position to its limit");
        }
        ByteBuffer dst = ByteBuffer.allocateDirect(2000);
        for (int i = 0; i < sizes.length; i++) {
            dst.clear();
            dst.position(5);
            p.receiver().receive(dst, Select.any());
            assertEquals(5 + sizes[i], dst.position(), "message " + i + " keeps its boundary");
            assertArrayEquals(bytes(message(sizes[i], i), 0, sizes[i]), bytes(dst, 5, 5 + sizes[i]), "message " + i);
        }
    }

    @Test
    void heapBuffersWorkToo() {
        Pair p = openPair();
        p.sender().send(ByteBuffer.wrap("hello, heap".getBytes()), tag(p.sender()));
        ByteBuffer dst = ByteBuffer.allocate(64);
        p.receiver().receive(dst, Select.any());
        assertEquals("hello, heap", new String(dst.array(), 0, dst.position()));
    }

    @Test
    void emptyChannelTryAndTimedReceiveReturnNoMessage() {
        Pair p = openPair();
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().tryReceive(dst, Select.any()));
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().receive(dst, Select.any(), 50, TimeUnit.MILLISECONDS));
        assertEquals(0, dst.position(), "nothing written on NO_MESSAGE");
        assertThrows(IllegalArgumentException.class,
                () -> p.receiver().receive(dst, Select.any(), -1, TimeUnit.MILLISECONDS), "negative timeout");
        assertThrows(IllegalArgumentException.class,
                () -> p.sender().send(message(4, 0), tag(p.sender()), -1, TimeUnit.MILLISECONDS), "negative timeout");
    }

    @Test
    void fullChannelTrySendAndTimedSendReturnFalseAndNothingIsLost() {
        Pair p = openPair();
        long max = p.sender().capabilities().maxMessageSize();
        int size = (int) Math.min(1024, max == Capabilities.UNKNOWN ? 1024 : max);
        ByteBuffer m = message(size, 1);
        int sent = 0;
        while (true) {
            m.clear();
            if (!p.sender().trySend(m, tag(p.sender()))) {
                break;
            }
            sent++;
            assertTrue(sent < 200_000, "the channel never filled up after " + sent + " messages");
        }
        assertTrue(sent > 0, "an empty channel accepted nothing");
        m.clear();
        assertFalse(p.sender().send(m, tag(p.sender()), 50, TimeUnit.MILLISECONDS), "timed send on a full channel");
        ByteBuffer dst = ByteBuffer.allocateDirect(size);
        int received = 0;
        long inFlight = inFlightMillis();
        while (true) {
            dst.clear();
            long got = inFlight == 0 ? p.receiver().tryReceive(dst, Select.any())
                    : p.receiver().receive(dst, Select.any(), inFlight, TimeUnit.MILLISECONDS);
            if (got == MessageChannel.NO_MESSAGE) {
                break;
            }
            assertEquals(size, dst.position());
            received++;
        }
        assertEquals(sent, received, "every message accepted by trySend is received");
        m.clear();
        assertTrue(p.sender().trySend(m, tag(p.sender())), "room again after draining");
    }

    @Test
    void tooSmallBufferFailsAndLosesNothing() {
        Pair p = openPair();
        p.sender().send(message(100, 9), tag(p.sender()));
        ByteBuffer small = ByteBuffer.allocateDirect(10);
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> p.receiver().receive(small, Select.any()));
        assertEquals(0, small.position(), "nothing written into a too-small buffer");
        assertTrue(e.getMessage().contains(p.receiver().uri().toString()), e.getMessage());
        assertThrows(MessageTooLarge.class, () -> p.receiver().tryReceive(small, Select.any()));
        ByteBuffer big = ByteBuffer.allocateDirect(200);
        p.receiver().receive(big, Select.any());
        assertEquals(100, big.position(), "the message is still there, whole");
        assertArrayEquals(bytes(message(100, 9), 0, 100), bytes(big, 0, 100));
    }

    @Test
    void largestMessageFitsAndOversizeNamesTheLimit() {
        Pair p = openPair();
        long max = p.sender().capabilities().maxMessageSize();
        assumeTrue(max != Capabilities.UNKNOWN && max <= (1 << 20), "no finite message limit");
        ByteBuffer big = message((int) max, 4);
        p.sender().send(big, tag(p.sender()));
        ByteBuffer dst = ByteBuffer.allocateDirect((int) max);
        p.receiver().receive(dst, Select.any());
        assertEquals(max, dst.position());
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> p.sender().send(message((int) max + 1, 4), tag(p.sender())));
        assertEquals(max, e.limit(), e.getMessage());
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().tryReceive(ByteBuffer.allocateDirect((int) max + 1), Select.any()),
                "an oversize message is not half-sent");
    }

    @Test
    void tagsBehaveAsTheCapabilitiesSay() {
        Pair p = openPair();
        Capabilities caps = p.sender().capabilities();
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        switch (caps.tagging()) {
            case NONE:
                assertThrows(IpcUnsupported.class, () -> p.sender().send(message(4, 0), caps.defaultTag() + 1));
                break;
            case SYSV_TYPE:
                for (long t : new long[] {3, 1, 2}) {
                    p.sender().send(message(4, (int) t), t);
                }
                assertEquals(2, p.receiver().receive(dst, Select.tag(2)));
                dst.clear();
                assertEquals(1, p.receiver().receive(dst, Select.upTo(3)), "upTo takes the lowest type first");
                dst.clear();
                assertEquals(3, p.receiver().receive(dst, Select.not(1)));
                assertThrows(IllegalArgumentException.class, () -> p.sender().send(message(4, 0), 0));
                break;
            case PRIORITY:
                for (long t : new long[] {1, 5, 3}) {
                    p.sender().send(message(4, (int) t), t);
                }
                for (long t : new long[] {5, 3, 1}) {
                    dst.clear();
                    assertEquals(t, p.receiver().receive(dst, Select.any()), "highest priority first");
                }
                assertThrows(IpcUnsupported.class, () -> p.receiver().tryReceive(dst, Select.tag(1)));
                break;
            case CARRIED:
                for (long t : new long[] {7, 3, 9}) {
                    p.sender().send(message(4, (int) t), t);
                }
                for (long t : new long[] {7, 3, 9}) {
                    dst.clear();
                    assertEquals(t, p.receiver().receive(dst, Select.any()), "tags are carried in order");
                }
                assertThrows(IpcUnsupported.class, () -> p.receiver().tryReceive(dst, Select.tag(1)));
                break;
            default:
                throw new AssertionError(caps.tagging());
        }
        if (caps.tagging() != Capabilities.Tagging.NONE) {
            assertThrows(IllegalArgumentException.class, () -> p.sender().send(message(4, 0), -5), "negative tag");
        }
    }

    @Test
    void statsCountQueuedMessages() {
        Pair p = openPair();
        p.sender().send(message(10, 1), tag(p.sender()));
        p.sender().send(message(20, 2), tag(p.sender()));
        ChannelStats s = p.receiver().stats();
        if (s.messages() != Capabilities.UNKNOWN) {
            assertEquals(2, s.messages());
        }
        if (s.bytes() != Capabilities.UNKNOWN) {
            assertTrue(s.bytes() >= 30, "bytes queued: " + s.bytes());
        }
    }

    @Test
    void removeMakesTheNameUnreachable() {
        assumeTrue(reachableByName(), "not reachable by name");
        Capabilities.Persistence persistence;
        MessageChannel a = openChannel(freshUri());
        try {
            persistence = a.capabilities().persistence();
            String peer = peerUri(a);
            a.remove();
            assumeTrue(persistence != Capabilities.Persistence.PROCESS, "process-lifetime object");
            assertThrows(IpcNotFound.class, () -> openChannel(peer).close(), "open after remove");
            assertDoesNotThrow(a::remove, "removing twice is not an error");
        } finally {
            a.close();
        }
    }

    @Test
    void anotherProcessHandsMessagesOver() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        int count = 200;
        int size = 256;
        ChildProcess child = track(spawnPeer(ch, ChannelSender.class, Integer.toString(count), Integer.toString(size)));
        ByteBuffer dst = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < count; i++) {
            dst.clear();
            long got = ch.receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(got != MessageChannel.NO_MESSAGE, "message " + i + " did not arrive; child: " + child.output());
            assertEquals(size, dst.position());
            assertEquals(i, dst.getLong(0), "order across processes");
        }
        await(child, "SENT " + count);
        awaitSuccess(child);
    }

    @Test
    void anotherProcessReceivesWhatThisOneSends() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        int count = 100;
        int size = 64;
        ChildProcess child = track(spawnPeer(ch, ChannelReceiver.class, Integer.toString(count), Integer.toString(size)));
        await(child, "READY");
        ByteBuffer m = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < count; i++) {
            m.clear();
            for (int j = 0; j < size; j++) {
                m.put(j, (byte) (i * 31 + j * 7));
            }
            m.putLong(0, i);
            assertTrue(ch.send(m, tag(ch), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "send " + i);
        }
        await(child, "RECEIVED " + count);
        awaitSuccess(child);
    }

    @Test
    void blockedReceiverWakesWhenAnotherProcessSends() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> got = pool.submit(() -> {
                ByteBuffer dst = ByteBuffer.allocateDirect(64);
                ch.receive(dst, Select.any());
                return dst.position();
            });
            ChildProcess child = track(spawnPeer(ch, ChannelSender.class, "1", "32"));
            assertEquals(32, got.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            awaitSuccess(child);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void queuedMessagesOutliveTheSenderWhenTheObjectIsKernelOrFileBacked() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        assumeTrue(reachableByName() && ch.capabilities().persistence() != Capabilities.Persistence.PROCESS,
                "messages live only as long as the processes");
        ChildProcess child = track(spawnPeer(ch, ChannelSender.class, "3", "16"));
        awaitSuccess(child);
        ChannelStats s = ch.stats();
        if (s.messages() != Capabilities.UNKNOWN) {
            assertEquals(3, s.messages(), "the count survives the sending process");
        }
        ByteBuffer dst = ByteBuffer.allocateDirect(16);
        for (int i = 0; i < 3; i++) {
            dst.clear();
            assertTrue(ch.tryReceive(dst, Select.any()) != MessageChannel.NO_MESSAGE, "message " + i + " survived its sender");
        }
    }
}
