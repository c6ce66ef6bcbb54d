package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.BlockedThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jipc.posix.PosixMessageChannelTest.text;
import static io.jipc.posix.PosixMessageChannelTest.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A blocking or timed POSIX-queue {@code send}/{@code receive} is one {@code mq_timedsend}/
 * {@code mq_timedreceive} with the real deadline, and what ends it is behaviour, not a wake-up
 * slice: a message (or room), the deadline, {@code close()} ({@link IpcClosed}) and
 * {@code Thread.interrupt()} ({@link IpcInterrupted}, status kept), each observed while the thread
 * sleeps in that system call ({@code /proc/self/task/TID/syscall}). Close races lose nothing.
 */
@ExtendWith(PosixLeakCheck.class)
@Timeout(120)
class PosixBlockingWakeTest {
    private static final long WAIT_MS = 60_000;
    private static final int ROUNDS = 200;

    private static final boolean X86 = System.getProperty("os.arch").matches("amd64|x86_64");
    private static final String MQ_TIMEDSEND = X86 ? "242" : "182";
    private static final String MQ_TIMEDRECEIVE = X86 ? "243" : "183";

    /** A thread running one channel call, which records its kernel thread id and its outcome. */
    private static final class Waiter {
        final AtomicReference<String> tid = new AtomicReference<>();
        final AtomicReference<Object> out = new AtomicReference<>();
        final AtomicReference<Boolean> interruptStatus = new AtomicReference<>();
        final Thread thread;

        Waiter(Callable<?> call) {
            thread = new Thread(() -> {
                try {
                    tid.set(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
                    out.set(call.call());
                } catch (Throwable e) {
                    out.set(e);
                }
                interruptStatus.set(Thread.currentThread().isInterrupted());
            });
            thread.start();
        }

        /** Waits until the thread sleeps in system call {@code nr}. */
        void awaitInSyscall(String nr) throws Exception {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (tid.get() == null || !nr.equals(syscallOf(tid.get()))) {
                if (!thread.isAlive() || System.nanoTime() > end) {
                    fail("thread " + tid.get() + " never slept in system call " + nr + " (ended with " + out.get() + ")");
                }
                Thread.sleep(1);
            }
        }

        Object result() throws InterruptedException {
            thread.join(WAIT_MS);
            assertFalse(thread.isAlive(), "the call ended");
            return out.get();
        }
    }

    /** The system call thread {@code tid} is in ({@code /proc/self/task/TID/syscall}), or "running"; "gone" once it ended. */
    private static String syscallOf(String tid) throws IOException {
        try {
            String s = Files.readString(Path.of("/proc/self/task/" + tid + "/syscall")).trim();
            int sp = s.indexOf(' ');
            return sp < 0 ? s : s.substring(0, sp);
        } catch (java.nio.file.NoSuchFileException e) {
            return "gone";
        }
    }

    /** A test body on one open queue. */
    private interface QueueTest {
        void run(MessageChannel q) throws Exception;
    }

    /** Opens {@code uri}, runs {@code body} on it, and removes the queue whatever happens. */
    private static void onQueue(String uri, QueueTest body) throws Exception {
        try (MessageChannel q = Ipc.channel(uri)) {
            try {
                body.run(q);
            } finally {
                q.remove();
            }
        }
    }

    private static ByteBuffer dst() {
        return ByteBuffer.allocateDirect(64);
    }

    @Test
    void theWakeUpSignalCanEndAQueueCall() {
        assertNull(BlockedThreads.unavailableReason(), "these tests need the JDK's handler for signal 62");
        assertTrue(BlockedThreads.interruptsRestartableCalls(), "the JDK's handler has no SA_RESTART");
    }

    @Test
    void aReceiveBlockedInTheKernelTakesAMessageSentLater() throws Exception {
        onQueue(uri("late", "msgsize=64"), q -> {
            ByteBuffer d = dst();
            Waiter w = new Waiter(() -> q.receive(d));
            w.awaitInSyscall(MQ_TIMEDRECEIVE);
            assertEquals(1, ((PosixMessageChannel) q).blockedInKernel());
            q.send(text("late and whole"), 4);
            assertEquals(4L, w.result());
            assertEquals("late and whole", text(d));
            assertEquals(0, ((PosixMessageChannel) q).blockedInKernel(), "deregistered");
        });
    }

    @Test
    void aTimedReceiveSleepsInTheKernelUntilItsDeadline() throws Exception {
        onQueue(uri("deadline", "msgsize=64"), q -> {
            ByteBuffer d = dst();
            Waiter w = new Waiter(() -> q.receive(d, Select.any(), 300, TimeUnit.MILLISECONDS));
            w.awaitInSyscall(MQ_TIMEDRECEIVE);
            assertEquals(MessageChannel.NO_MESSAGE, w.result());
            assertEquals(0, d.position());
            Waiter taken = new Waiter(() -> q.receive(d, Select.any(), 10, TimeUnit.MINUTES));
            taken.awaitInSyscall(MQ_TIMEDRECEIVE);
            q.send(text("in time"), 2);
            assertEquals(2L, taken.result());
            assertEquals("in time", text(d));
        });
    }

    @Test
    void anInterruptEndsAReceiveAndATimedReceiveSleepingInTheKernel() throws Exception {
        onQueue(uri("intr", "msgsize=64"), q -> {
            List<Callable<?>> calls = List.of(() -> q.receive(dst()),
                    () -> q.receive(dst(), Select.any(), 10, TimeUnit.MINUTES));
            for (Callable<?> call : calls) {
                Waiter w = new Waiter(call);
                w.awaitInSyscall(MQ_TIMEDRECEIVE);
                w.thread.interrupt();
                assertInstanceOf(IpcInterrupted.class, w.result());
                assertTrue(w.interruptStatus.get(), "interrupt status kept");
            }
            // the handle is still usable, and no message went anywhere
            q.send(text("after"), 1);
            ByteBuffer d = dst();
            assertEquals(1L, q.receive(d));
            assertEquals("after", text(d));
        });
    }

    @Test
    void anInterruptedThreadStillTakesAMessageThatIsThereButDoesNotWait() throws Exception {
        onQueue(uri("intr-ready", "msgsize=64"), q -> {
            q.send(text("ready"), 3);
            Thread.currentThread().interrupt();
            try {
                ByteBuffer d = dst();
                assertEquals(3L, q.receive(d));
                assertEquals("ready", text(d));
                assertInstanceOf(IpcInterrupted.class, catching(() -> q.receive(dst())));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        });
    }

    @Test
    void aSendBlockedOnAFullQueueEndsByRoomByInterruptAndByClose() throws Exception {
        String u = uri("full", "maxmsg=1&msgsize=64");
        onQueue(u, q -> {
            q.send(text("first"), 1);
            Waiter room = new Waiter(() -> {
                q.send(text("second"), 2);
                return "sent";
            });
            room.awaitInSyscall(MQ_TIMEDSEND);
            ByteBuffer d = dst();
            assertEquals(1L, q.receive(d));
            assertEquals("first", text(d));
            assertEquals("sent", room.result());

            Waiter intr = new Waiter(() -> q.send(text("never"), 3, 10, TimeUnit.MINUTES));
            intr.awaitInSyscall(MQ_TIMEDSEND);
            intr.thread.interrupt();
            assertInstanceOf(IpcInterrupted.class, intr.result());

            MessageChannel b = Ipc.channel(u);
            Waiter closed = new Waiter(() -> {
                b.send(text("never either"), 4);
                return "sent";
            });
            closed.awaitInSyscall(MQ_TIMEDSEND);
            b.close();
            assertInstanceOf(IpcClosed.class, closed.result());

            assertEquals(2L, q.receive(d), "only the message sent into room is queued");
            assertEquals("second", text(d));
            assertEquals(MessageChannel.NO_MESSAGE, q.tryReceive(d, Select.any()));
        });
    }

    @Test
    void closeWakesAReceiveEveryTimeWhateverTheWindowAndLosesNoMessage() throws Exception {
        String u = uri("close-race", "maxmsg=10&msgsize=64");
        onQueue(u, owner -> {
            int received = 0;
            int sent = 0;
            int left = 0;
            ByteBuffer d = dst();
            for (int i = 0; i < ROUNDS; i++) {
                left += drain(owner, d); // a message the last round's receiver did not take
                MessageChannel b = Ipc.channel(u);
                ByteBuffer mine = dst();
                Waiter w = new Waiter(() -> b.receive(mine));
                if (i % 3 == 1) {
                    w.awaitInSyscall(MQ_TIMEDRECEIVE);
                }
                if (i % 2 == 0) {
                    owner.send(text("m" + i), 1); // races with the close below
                    sent++;
                } else {
                    Thread.yield();
                }
                b.close();
                Object r = w.result();
                if (r instanceof Long) {
                    assertEquals("m" + i, text(mine));
                    received++;
                } else {
                    assertInstanceOf(IpcClosed.class, r, "round " + i);
                    assertEquals(0, mine.position(), "nothing written by a receive that ended with IpcClosed");
                }
            }
            left += drain(owner, d);
            assertEquals(sent, received + left, "every message sent was received or is still queued");
        });
    }

    @Test
    void moreWaitersThanSlotsAllWakeOnClose() throws Exception {
        String u = uri("slots", "msgsize=64");
        onQueue(u, owner -> {
            MessageChannel b = Ipc.channel(u);
            List<Waiter> ws = new ArrayList<>();
            for (int i = 0; i < PosixMessageChannel.WAITER_SLOTS + 3; i++) {
                ws.add(new Waiter(() -> b.receive(dst())));
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (((PosixMessageChannel) b).blockedInKernel() < PosixMessageChannel.WAITER_SLOTS) {
                assertTrue(System.nanoTime() < end, "the slots never filled");
                Thread.sleep(1);
            }
            owner.send(text("one"), 1);
            b.close();
            int got = 0;
            for (Waiter w : ws) {
                Object r = w.result();
                if (r instanceof Long) {
                    got++;
                } else {
                    assertInstanceOf(IpcClosed.class, r);
                }
            }
            ByteBuffer d = dst();
            int left = owner.tryReceive(d, Select.any()) == MessageChannel.NO_MESSAGE ? 0 : 1;
            assertEquals(1, got + left, "the one message went to one waiter or stayed queued");
        });
    }

    /** Takes every message queued now; returns how many. */
    private static int drain(MessageChannel q, ByteBuffer d) {
        int n = 0;
        while (q.tryReceive(d, Select.any()) != MessageChannel.NO_MESSAGE) {
            d.clear();
            n++;
        }
        return n;
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
