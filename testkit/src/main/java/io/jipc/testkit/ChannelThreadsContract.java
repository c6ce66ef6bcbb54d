package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Part of the {@link MessageChannelContract} suite: one handle shared by threads, as
 * {@link io.jipc.api.IpcHandle}'s threading contract promises. Several senders and receivers
 * deliver every message once; two senders never tear (messages beyond {@code PIPE_BUF}) or reorder
 * their own messages; two receivers (blocking and {@code try} forms) take each message once and
 * whole; close racing busy senders ends them with {@link io.jipc.api.IpcClosed} only, and exactly
 * the messages whose send returned arrive.
 */
public abstract class ChannelThreadsContract extends ChannelLifecycleContract {
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

    /**
     * The size of message {@code id} in the threading tests: 16 bytes up to the channel's limit
     * (at most 20 000, so that stream mechanisms write a frame in several pieces and pipes beyond
     * {@code PIPE_BUF}).
     */
    private static int threadedSize(MessageChannel ch, long id) {
        long max = ch.capabilities().maxMessageSize();
        int limit = (int) Math.min(20_000, max == Capabilities.UNKNOWN ? 20_000 : max);
        int[] sizes = {16, 1_000, 5_000, limit};
        return Math.min(limit, sizes[(int) (id % sizes.length)]);
    }

    /** Writes message {@code id} (its size from {@link #threadedSize}) into {@code m}, ready to send. */
    private static ByteBuffer threadedMessage(MessageChannel ch, ByteBuffer m, long id) {
        int size = threadedSize(ch, id);
        m.clear().limit(size);
        m.putLong(0, id);
        for (int j = 8; j < size; j++) {
            m.put(j, (byte) (id * 31 + j));
        }
        return m;
    }

    /** Checks that {@code dst[0, position)} is message {@code id}, whole; returns its id. */
    private static long checkWhole(MessageChannel ch, ByteBuffer dst) {
        long id = dst.getLong(0);
        int size = threadedSize(ch, id);
        assertEquals(size, dst.position(), "message " + id + ": its length (a torn or merged message?)");
        for (int j = 8; j < size; j++) {
            if (dst.get(j) != (byte) (id * 31 + j)) {
                throw new AssertionError("message " + id + " torn at byte " + j + " of " + size);
            }
        }
        return id;
    }

    @Test
    void twoThreadsSendingThroughOneHandleNeverTearOrReorderTheirMessages() throws Exception {
        Pair p = openPair();
        int perSender = 150;
        int senders = 2;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                long first = (long) s << 32;
                futures.add(pool.submit(() -> {
                    ByteBuffer m = ByteBuffer.allocateDirect(20_000);
                    for (int i = 0; i < perSender; i++) {
                        // blocking and timed sends mixed
                        threadedMessage(p.sender(), m, first + i);
                        if (i % 2 == 0) {
                            p.sender().send(m, tag(p.sender()));
                        } else {
                            assertTrue(p.sender().send(m, tag(p.sender()), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                        }
                    }
                    return null;
                }));
            }
            long[] next = new long[senders];
            ByteBuffer dst = receiveBuffer(p.receiver(), 20_000);
            for (int n = 0; n < senders * perSender; n++) {
                dst.clear();
                assertTrue(p.receiver().receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        != MessageChannel.NO_MESSAGE, "message " + n + " never came");
                long id = checkWhole(p.receiver(), dst);
                int sender = (int) (id >>> 32);
                assertEquals(next[sender], id & 0xffffffffL, "sender " + sender + "'s messages in the order it sent them");
                next[sender]++;
            }
            awaitAll(futures);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().tryReceive(receiveBuffer(p.receiver(), 20_000), Select.any()),
                "nothing more than was sent");
    }

    @Test
    void twoThreadsReceivingThroughOneHandleTakeEveryMessageOnceAndWhole() throws Exception {
        Pair p = openPair();
        int total = 300;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                boolean useTry = r == 1;
                futures.add(pool.submit(() -> {
                    ByteBuffer dst = receiveBuffer(p.receiver(), 20_000);
                    while (received.get() < total) {
                        dst.clear();
                        // one thread polls with tryReceive (falling back to a short timed wait), the other waits
                        long got = useTry ? p.receiver().tryReceive(dst, Select.any()) : MessageChannel.NO_MESSAGE;
                        if (got == MessageChannel.NO_MESSAGE) {
                            got = p.receiver().receive(dst, Select.any(), useTry ? 10 : 100, TimeUnit.MILLISECONDS);
                        }
                        if (got == MessageChannel.NO_MESSAGE) {
                            continue;
                        }
                        if (!seen.add(checkWhole(p.receiver(), dst))) {
                            duplicates.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }
                    return null;
                }));
            }
            ByteBuffer m = ByteBuffer.allocateDirect(20_000);
            for (long id = 0; id < total; id++) {
                threadedMessage(p.sender(), m, id);
                if (!p.sender().trySend(m, tag(p.sender()))) {
                    assertTrue(p.sender().send(m, tag(p.sender()), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "send " + id);
                }
            }
            awaitAll(futures);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "messages received twice");
        assertEquals(total, seen.size(), "every message received once");
    }

    @Test
    void closeRacingBusySendersEndsThemWithIpcClosedAndLosesNothingTheyWereToldWasSent() throws Exception {
        Pair p = openPair();
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        Set<Long> got = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                long first = (long) s << 32;
                senders.add(pool.submit(() -> {
                    ByteBuffer m = ByteBuffer.allocateDirect(20_000);
                    for (long i = first; ; i++) {
                        threadedMessage(p.sender(), m, i);
                        try {
                            if (p.sender().send(m, tag(p.sender()), 100, TimeUnit.MILLISECONDS)) {
                                accepted.add(i);
                            }
                        } catch (IpcClosed closed) {
                            return null; // the only way a send racing close may fail
                        }
                    }
                }));
            }
            Future<?> receiver = pool.submit(() -> {
                ByteBuffer dst = receiveBuffer(p.receiver(), 20_000);
                while (!stop.get()) {
                    dst.clear();
                    try {
                        if (p.receiver().receive(dst, Select.any(), 50, TimeUnit.MILLISECONDS) != MessageChannel.NO_MESSAGE) {
                            assertTrue(got.add(checkWhole(p.receiver(), dst)), "received twice");
                        }
                    } catch (IpcRemoved endOfStream) {
                        return null; // the closed sender was the stream's only writer
                    }
                }
                return null;
            });
            assertTrue(awaitCount(got::size, 20, receiver::isDone) >= 20, "the senders got going: " + got.size());
            p.sender().close();
            awaitAll(senders);
            stop.set(true);
            receiver.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
        ByteBuffer dst = receiveBuffer(p.receiver(), 20_000);
        long inFlight = Math.max(inFlightMillis(), 0);
        while (true) {
            dst.clear();
            long r;
            try {
                r = inFlight == 0 ? p.receiver().tryReceive(dst, Select.any())
                        : p.receiver().receive(dst, Select.any(), inFlight, TimeUnit.MILLISECONDS);
            } catch (IpcRemoved endOfStream) {
                break;
            }
            if (r == MessageChannel.NO_MESSAGE) {
                break;
            }
            assertTrue(got.add(checkWhole(p.receiver(), dst)), "received twice");
        }
        assertEquals(accepted, got, "exactly the messages whose send returned normally arrive, each whole");
    }
}
