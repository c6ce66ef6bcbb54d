package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.IpcClosed;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.BlockedThreads;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jipc.sysv.Handles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The untimed {@code send}/{@code receive} sleep in one blocking {@code msgsnd}/{@code msgrcv}
 * (the thread registers in the handle, {@link SysvMessageChannel#blockedInKernel()}), and
 * {@code close()} gets them out with a signal: {@link IpcClosed}, nothing sent or taken. The
 * close loops run many times so that closes land in every window, including the one where the
 * thread has registered but is not yet inside the system call (its first signal is lost).
 */
@ExtendWith(LeakGuard.class)
class SysvBlockingWakeTest {
    private static final long WAIT_MS = 60_000;
    private static final int ROUNDS = 300;

    private final Handles h = new Handles();

    @AfterEach
    void removeAll() {
        h.close();
    }

    /** Waits until {@code q} has {@code n} threads registered as blocked in the kernel. */
    private static void awaitBlocked(SysvMessageChannel q, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (q.blockedInKernel() < n) {
            if (System.nanoTime() > end) {
                fail(n + " thread(s) never blocked in " + q + " (" + q.blockedInKernel() + " did)");
            }
            Thread.sleep(1);
        }
    }

    /** Waits until {@code t}'s innermost frame is native (inside the JNR call, i.e. in or at the system call). */
    private static void awaitInNative(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            StackTraceElement[] st = t.getStackTrace();
            if (st.length > 0 && st[0].isNativeMethod() && t.getState() == Thread.State.RUNNABLE) {
                return;
            }
            if (System.nanoTime() > end || !t.isAlive()) {
                fail("thread never entered the native call: " + t.getState());
            }
            Thread.sleep(1);
        }
    }

    @Test
    void theSignalTheCloseUsesHasAHandler() {
        assertNull(BlockedThreads.unavailableReason(), "these tests need the JDK's handler for signal 62");
    }

    @Test
    void aBlockedReceiverTakesAMessageSentLongAfterItBlocked() throws Exception {
        SysvMessageChannel q = h.channel("sysv:private");
        AtomicReference<Object> out = new AtomicReference<>();
        ByteBuffer dst = ByteBuffer.allocate(64);
        Thread t = new Thread(() -> {
            try {
                out.set(q.receive(dst, Select.tag(7)));
            } catch (Throwable e) {
                out.set(e);
            }
        });
        t.start();
        awaitBlocked(q, 1);
        awaitInNative(t);
        // Let it sleep in msgrcv for a while, and give it messages it must not take.
        q.send(text("not mine"), 3);
        t.join(300);
        assertTrue(t.isAlive(), "still waiting: " + out.get());
        assertEquals(1, q.blockedInKernel());
        q.send(text("late and whole"), 7);
        t.join(WAIT_MS);
        assertFalse(t.isAlive());
        assertEquals(7L, out.get());
        assertEquals("late and whole", text(dst));
        assertEquals(0, q.blockedInKernel(), "deregistered");
        assertEquals(1, q.stats().messages(), "the tag-3 message is still there");
    }

    @Test
    void closeWakesAnUntimedReceiveEveryTimeWhateverTheWindow() throws Exception {
        SysvMessageChannel owner = h.channel("sysv:private");
        for (int i = 0; i < ROUNDS; i++) {
            SysvMessageChannel b = (SysvMessageChannel) Ipc.channel(owner.idUri());
            AtomicReference<Throwable> out = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    out.set(new AssertionError("received tag " + b.receive(ByteBuffer.allocate(64))));
                } catch (Throwable e) {
                    out.set(e);
                }
            });
            t.start();
            switch (i % 3) {
                case 0:
                    break; // close at once: before, during or after registration
                case 1:
                    awaitBlocked(b, 1); // registered: maybe not yet in msgrcv (the lost-signal window)
                    break;
                default:
                    awaitBlocked(b, 1);
                    awaitInNative(t);
            }
            b.close();
            t.join(WAIT_MS);
            assertFalse(t.isAlive(), "round " + i + ": the receiver did not wake");
            assertTrue(out.get() instanceof IpcClosed, "round " + i + ": " + out.get());
            assertEquals(0, b.blockedInKernel());
        }
        // The queue is untouched and still works through another handle.
        assertEquals(0, owner.stats().messages());
        owner.send(text("after"), 1);
        ByteBuffer b = ByteBuffer.allocate(16);
        assertEquals(1, owner.tryReceive(b, Select.any()));
        assertEquals("after", text(b));
    }

    @Test
    void closeWakesASendBlockedOnAFullQueueEveryTimeAndNothingIsHalfSent() throws Exception {
        SysvMessageChannel owner = h.channel("sysv:private?qbytes=256");
        int queued = 0;
        while (owner.trySend(text("fill-" + queued), 1)) {
            queued++;
        }
        assertTrue(queued > 0);
        for (int i = 0; i < ROUNDS; i++) {
            SysvMessageChannel b = (SysvMessageChannel) Ipc.channel(owner.idUri());
            AtomicReference<Throwable> out = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    b.send(text("must not arrive"), 2);
                    out.set(new AssertionError("sent into a full queue"));
                } catch (Throwable e) {
                    out.set(e);
                }
            });
            t.start();
            switch (i % 3) {
                case 0:
                    break;
                case 1:
                    awaitBlocked(b, 1);
                    break;
                default:
                    awaitBlocked(b, 1);
                    awaitInNative(t);
            }
            b.close();
            t.join(WAIT_MS);
            assertFalse(t.isAlive(), "round " + i + ": the sender did not wake");
            assertTrue(out.get() instanceof IpcClosed, "round " + i + ": " + out.get());
        }
        assertEquals(queued, owner.stats().messages(), "no blocked send got through");
        ByteBuffer m = ByteBuffer.allocate(64);
        for (int i = 0; i < queued; i++) {
            assertEquals(1, owner.tryReceive(m, Select.any()));
            assertEquals("fill-" + i, text(m));
        }
        assertEquals(MessageChannel.NO_MESSAGE, owner.tryReceive(m, Select.any()));
    }

    @Test
    void moreBlockedThreadsThanSlotsAllWakeOnClose() throws Exception {
        SysvMessageChannel owner = h.channel("sysv:private");
        SysvMessageChannel b = (SysvMessageChannel) Ipc.channel(owner.idUri());
        int n = SysvMessageChannel.WAITER_SLOTS + 3;
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Throwable>> outs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AtomicReference<Throwable> out = new AtomicReference<>();
            outs.add(out);
            Thread t = new Thread(() -> {
                try {
                    out.set(new AssertionError("received tag " + b.receive(ByteBuffer.allocate(64))));
                } catch (Throwable e) {
                    out.set(e);
                }
            });
            threads.add(t);
            t.start();
        }
        awaitBlocked(b, SysvMessageChannel.WAITER_SLOTS); // the rest wait in the fallback
        // Registered or not, they all receive: one message goes to exactly one of them, who then ends.
        owner.send(text("one"), 1);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (threads.stream().allMatch(Thread::isAlive)) {
            assertTrue(System.nanoTime() < end, "nobody took the message");
            Thread.sleep(1);
        }
        b.close();
        int closed = 0;
        int received = 0;
        for (int i = 0; i < n; i++) {
            threads.get(i).join(WAIT_MS);
            assertFalse(threads.get(i).isAlive(), "thread " + i + " did not wake");
            Throwable e = outs.get(i).get();
            if (e instanceof IpcClosed) {
                closed++;
            } else if (e.getMessage().startsWith("received tag 1")) {
                received++;
            } else {
                throw new AssertionError(e);
            }
        }
        assertEquals(1, received);
        assertEquals(n - 1, closed);
        assertEquals(0, owner.stats().messages());
    }
}
