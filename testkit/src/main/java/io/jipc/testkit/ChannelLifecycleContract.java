package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MessageChannelContract} suite: the lifecycle under threads. Close is
 * idempotent, every operation on a closed handle is {@link io.jipc.api.IpcClosed}, close from
 * another thread wakes a blocked receive or send without losing or half-sending a message, and
 * remove while a receiver is blocked keeps the mechanism's rule.
 */
public abstract class ChannelLifecycleContract extends ChannelProcessesContract {
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
