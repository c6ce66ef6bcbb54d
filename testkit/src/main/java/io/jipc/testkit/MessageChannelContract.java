package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
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
 * oversize sends that name the limit, tags as the capabilities declare, remove semantics,
 * hand-over across real processes (child JVMs), and the lifecycle under threads: one handle
 * shared by several senders and receivers delivers every message once, {@code close()} from
 * another thread wakes a thread blocked in {@code receive}/{@code send} (blocking and timed) with
 * {@link IpcClosed} without losing or half-sending a message, every operation after close is
 * {@link IpcClosed}, {@code remove()} while a receiver is blocked keeps the mechanism's rule, and
 * a read-only receive buffer is one clear {@link IllegalArgumentException}.
 *
 * <p>Subclass it with {@link #freshUri()}; override {@link #openPair()} when two handles on one
 * object are not made by opening the peer URI (see {@link ContractSupport}).
 */
public abstract class MessageChannelContract extends ContractSupport {

    /** Two ends: what {@code sender} sends, {@code receiver} receives. */
    public record Pair(MessageChannel sender, MessageChannel receiver) {
    }

    /**
     * Opens a channel; a backend outside the registry overrides it.
     *
     * @param uri the URI to open, from {@link #freshUri()} or {@link #peerUri}
     * @return the open channel (default {@link Ipc#channel(String)})
     */
    protected MessageChannel openChannel(String uri) {
        return Ipc.channel(uri);
    }

    /**
     * A new channel and a second end on the same object in this JVM (default: a handle on
     * {@link #freshUri()} and one on its {@link #peerUri}). Both are tracked for cleanup.
     *
     * @return the two ends
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
     *
     * @return the delay in milliseconds
     */
    protected long inFlightMillis() {
        return 0;
    }

    /** {@return whether the backend honours {@code open=create|open} by name (default: when reachable by name)} */
    protected boolean supportsOpenModes() {
        return reachableByName();
    }

    /**
     * The least {@code dst.remaining()} a receive on {@code ch} accepts whatever the message's
     * length (default 0; a POSIX queue needs its {@code mq_msgsize}).
     *
     * @param ch an open channel of this backend
     * @return the room in bytes
     */
    protected int minimumReceiveRoom(MessageChannel ch) {
        return 0;
    }

    /**
     * A direct receive buffer that a channel accepts.
     *
     * @param ch the channel to receive from
     * @param size the least room the test needs, in bytes
     * @return a buffer of {@code size} bytes, or of {@link #minimumReceiveRoom} if that is more
     */
    protected final ByteBuffer receiveBuffer(MessageChannel ch, int size) {
        return ByteBuffer.allocateDirect(Math.max(size, minimumReceiveRoom(ch)));
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
        ByteBuffer dst = ByteBuffer.allocate(Math.max(64, minimumReceiveRoom(p.receiver())));
        p.receiver().receive(dst, Select.any());
        assertEquals("hello, heap", new String(dst.array(), 0, dst.position()));
    }

    @Test
    void emptyChannelTryAndTimedReceiveReturnNoMessage() {
        Pair p = openPair();
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
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
        ByteBuffer dst = receiveBuffer(p.receiver(), size);
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
        ByteBuffer big = receiveBuffer(p.receiver(), 200);
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
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
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
        ByteBuffer dst = receiveBuffer(ch, size);
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
                ByteBuffer dst = receiveBuffer(ch, 64);
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
        ByteBuffer dst = receiveBuffer(ch, 16);
        for (int i = 0; i < 3; i++) {
            dst.clear();
            assertTrue(ch.tryReceive(dst, Select.any()) != MessageChannel.NO_MESSAGE, "message " + i + " survived its sender");
        }
    }

    // ---------------------------------------------------------------- lifecycle under threads

    @Test
    void readOnlyReceiveBuffersAreRefusedClearlyAndLoseNothing() {
        Pair p = openPair();
        p.sender().send(message(8, 3), tag(p.sender()));
        ByteBuffer ro = receiveBuffer(p.receiver(), 64).asReadOnlyBuffer();
        String uri = p.receiver().uri().toString();
        for (Callable<Long> call : List.<Callable<Long>>of(
                () -> p.receiver().tryReceive(ro, Select.any()),
                () -> p.receiver().receive(ro, Select.any()),
                () -> p.receiver().receive(ro, Select.any(), 1, TimeUnit.SECONDS))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::call);
            assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains(uri), e.getMessage());
        }
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
        assertTrue(p.receiver().receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                != MessageChannel.NO_MESSAGE, "the message is still there");
        assertEquals(8, dst.position());
    }

    @Test
    void everyOperationOnAClosedHandleIsIpcClosed() {
        Pair p = openPair();
        MessageChannel ch = p.sender();
        ch.close();
        ByteBuffer dst = receiveBuffer(ch, 64);
        long t = tag(ch);
        List<Callable<Object>> calls = List.of(
                () -> { ch.send(message(4, 0), t); return null; },
                () -> ch.trySend(message(4, 0), t),
                () -> ch.send(message(4, 0), t, 1, TimeUnit.SECONDS),
                () -> ch.receive(dst, Select.any()),
                () -> ch.tryReceive(dst, Select.any()),
                () -> ch.receive(dst, Select.any(), 1, TimeUnit.SECONDS),
                ch::stats);
        for (int i = 0; i < calls.size(); i++) {
            Callable<Object> c = calls.get(i);
            assertThrows(IpcClosed.class, c::call, "operation " + i + " on a closed handle");
        }
        assertTrue(ch.isClosed());
        assertDoesNotThrow(ch::close);
        assertDoesNotThrow(ch::capabilities);
    }

    @Test
    void severalThreadsSendAndReceiveThroughOneHandleAndEveryMessageArrivesOnce() throws Exception {
        Pair p = openPair();
        int senders = 4;
        int perSender = 300;
        int receivers = 3;
        int total = senders * perSender;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders + receivers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < receivers; r++) {
                futures.add(pool.submit(() -> {
                    ByteBuffer dst = receiveBuffer(p.receiver(), 64);
                    while (received.get() < total) {
                        dst.clear();
                        if (p.receiver().receive(dst, Select.any(), 100, TimeUnit.MILLISECONDS) == MessageChannel.NO_MESSAGE) {
                            continue;
                        }
                        assertEquals(16, dst.position(), "a whole message");
                        long id = dst.getLong(0);
                        assertEquals(~id, dst.getLong(8), "message " + id + " intact");
                        if (!seen.add(id)) {
                            duplicates.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int s = 0; s < senders; s++) {
                int sender = s;
                futures.add(pool.submit(() -> {
                    ByteBuffer m = ByteBuffer.allocateDirect(16);
                    for (int i = 0; i < perSender; i++) {
                        long id = (long) sender << 32 | i;
                        m.clear();
                        m.putLong(0, id).putLong(8, ~id);
                        p.sender().send(m, tag(p.sender()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "duplicated messages");
        assertEquals(total, seen.size(), "every message arrives once");
    }

    /** Waits until {@code t} is inside the backend (not in test code) and parked or in native code. */
    private static void awaitBlockedInBackend(Thread t) throws InterruptedException {
        long end = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        while (System.nanoTime() < end && t.isAlive()) {
            StackTraceElement[] st = t.getStackTrace();
            boolean inBackend = false;
            for (StackTraceElement e : st) {
                if (e.getClassName().startsWith("io.jipc.") && !e.getClassName().startsWith("io.jipc.testkit.")) {
                    inBackend = true;
                    break;
                }
            }
            Thread.State state = t.getState();
            if (inBackend && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || (st.length > 0 && st[0].isNativeMethod()))) {
                return;
            }
            Thread.sleep(5);
        }
    }

    /** Runs {@code call} in a thread, waits until it blocks, closes {@code toClose}: the call must end with IpcClosed. */
    private void assertCloseWakes(MessageChannel toClose, Callable<?> call, String what) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Thread[] worker = new Thread[1];
            CountDownLatch started = new CountDownLatch(1);
            Future<?> f = pool.submit(() -> {
                worker[0] = Thread.currentThread();
                started.countDown();
                return call.call();
            });
            assertTrue(started.await(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            awaitBlockedInBackend(worker[0]);
            toClose.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), what + " was not woken by close()");
            assertTrue(e.getCause() instanceof IpcClosed, what + " woke with " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeWakesAThreadBlockedInReceiveAndInTimedReceive() throws Exception {
        Pair p = openPair();
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
        assertCloseWakes(p.receiver(), () -> p.receiver().receive(dst, Select.any()), "receive");
        Pair q = openPair();
        ByteBuffer dst2 = receiveBuffer(q.receiver(), 64);
        assertCloseWakes(q.receiver(), () -> q.receiver().receive(dst2, Select.any(), 10, TimeUnit.MINUTES), "timed receive");
        assertEquals(0, dst.position() + dst2.position(), "nothing written by a receive that ended with IpcClosed");
    }

    /** Fills the channel; returns how many messages of {@code size} it took. */
    private static int fill(MessageChannel ch, long tag, int size) {
        ByteBuffer m = message(size, 1);
        int sent = 0;
        while (true) {
            m.clear();
            m.putInt(0, sent);
            if (!ch.trySend(m, tag)) {
                return sent;
            }
            sent++;
            assertTrue(sent < 200_000, "the channel never filled up after " + sent + " messages");
        }
    }

    @Test
    void closeWakesAThreadBlockedInAFullSendAndNothingIsHalfSent() throws Exception {
        for (boolean timed : new boolean[] {false, true}) {
            Pair p = openPair();
            long max = p.sender().capabilities().maxMessageSize();
            int size = (int) Math.min(1024, max == Capabilities.UNKNOWN ? 1024 : max);
            int sent = fill(p.sender(), tag(p.sender()), size);
            ByteBuffer m = message(size, 2);
            assertCloseWakes(p.sender(), timed
                    ? () -> p.sender().send(m, tag(p.sender()), 10, TimeUnit.MINUTES)
                    : () -> { p.sender().send(m, tag(p.sender())); return null; }, timed ? "timed send" : "send");
            ByteBuffer dst = receiveBuffer(p.receiver(), size);
            int received = 0;
            long inFlight = inFlightMillis();
            while (true) {
                dst.clear();
                long got;
                try {
                    got = inFlight == 0 ? p.receiver().tryReceive(dst, Select.any())
                            : p.receiver().receive(dst, Select.any(), inFlight, TimeUnit.MILLISECONDS);
                } catch (IpcRemoved endOfStream) {
                    break; // the closed sender was the stream's only writer
                }
                if (got == MessageChannel.NO_MESSAGE) {
                    break;
                }
                assertEquals(size, dst.position(), "message " + received + " whole");
                assertEquals(received, dst.getInt(0), "message " + received + " in order");
                received++;
            }
            assertEquals(sent, received, "the messages accepted before close, and not the refused one");
        }
    }

    @Test
    void removeWhileAReceiverIsBlockedKeepsTheMechanismsRule() throws Exception {
        assumeTrue(reachableByName(), "not reachable by name");
        Pair p = openPair();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Thread[] worker = new Thread[1];
            CountDownLatch started = new CountDownLatch(1);
            ByteBuffer dst = receiveBuffer(p.receiver(), 64);
            Future<Long> f = pool.submit(() -> {
                worker[0] = Thread.currentThread();
                started.countDown();
                return p.receiver().receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            });
            assertTrue(started.await(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            awaitBlockedInBackend(worker[0]);
            p.sender().remove();
            boolean sent;
            try {
                p.sender().send(message(5, 5), tag(p.sender()));
                sent = true;
            } catch (IpcRemoved removed) {
                sent = false; // SysV: the queue is gone at once
            }
            if (sent) {
                assertEquals(tag(p.sender()), f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "the name goes, open handles keep working: the blocked receiver gets the message");
                assertEquals(5, dst.position());
            } else {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                assertTrue(e.getCause() instanceof IpcRemoved, "a blocked receiver of a removed object: " + e.getCause());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
