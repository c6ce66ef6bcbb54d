package io.jipc.posix;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.BlockedThreads;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.PosixMq;
import io.jipc.os.layout.MqAttrLayout;
import io.jipc.os.layout.TimespecLayout;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The system calls of one {@link PosixMessageChannel} and their waits (see its class comment,
 * "Blocking, close and interrupts"): a try is one {@code mq_timed*} call with a past deadline; a
 * wait is one call with the real deadline while the thread is registered in {@link #waiters},
 * or, when it cannot register, slices of at most {@link PosixMessageChannel#SLICE_MILLIS} ms.
 * {@link #close()} gets every thread out before the descriptor is closed.
 */
final class PosixQueueCalls {
    /** Scratch offsets: the deadline, the priority received, an {@code mq_attr}, the staged message. */
    static final int TS = 0;
    static final int PRIO = 16;
    static final int ATTR = 32;
    static final int MSG = 128;
    /** Returned by {@link #call} when nothing was sent or received (full/empty, or the deadline). */
    static final long NONE = -1;
    /** Returned by {@link #attempt} when a signal ended the call (nothing was sent or received). */
    private static final long INTR = -2;
    private static final long SLICE_NANOS = PosixMessageChannel.SLICE_MILLIS * 1_000_000L;
    /** An absolute timeout already past ({@code {0, 0}}): makes the timed calls non-blocking. */
    private static final long EXPIRED = NativeMemory.allocate(TimespecLayout.SIZE);
    /** Whether a registered waiter can be signalled out of {@code mq_timed*} (no {@code SA_RESTART}). */
    private static final boolean SIGNALS = BlockedThreads.available() && BlockedThreads.interruptsRestartableCalls();

    private final PosixMessageChannel owner;
    private final int mqd;
    private final ThreadLocal<Scratch> scratch;
    /** Calls running outside {@link #waiters} (try calls, stats, slice waits), for {@link #close()}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Threads waiting in {@code mq_timed*} through this handle, woken by close and interrupts. */
    private final BlockedThreads waiters = new BlockedThreads(PosixMessageChannel.WAITER_SLOTS);

    /** Per-thread native memory: timespec, priority, mq_attr, one message. */
    static final class Scratch {
        final ByteBuffer buffer;
        final long base;

        Scratch(int msgsize) {
            buffer = NativeMemory.allocateBuffer(MSG + msgsize);
            base = NativeMemory.address(buffer);
        }
    }

    PosixQueueCalls(PosixMessageChannel owner, int mqd, int msgsize) {
        this.owner = owner;
        this.mqd = mqd;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(msgsize));
    }

    /** {@return the calling thread's scratch memory} */
    Scratch scratch() {
        return scratch.get();
    }

    /**
     * One send or receive of {@code len} bytes at {@code addr}: a try ({@code nanos == 0}, not
     * {@code forever}), or a wait until {@code nanos} have passed or, when {@code forever}, without
     * end. Returns the bytes received (0 for a send), or {@link #NONE}. A waiting send tries
     * first (room is the common case, and then it needs no registration), a waiting receive goes
     * straight to the one call with the real deadline.
     */
    long call(String op, boolean send, Scratch sc, long addr, int len, int prio, boolean forever, long nanos) {
        boolean waits = forever || nanos > 0;
        long start = waits && !forever ? System.nanoTime() : 0;
        if (!waits || send) {
            // a try; a send tries first too: room is the common case, and then it needs no registration
            enter(op);
            try {
                long r;
                do {
                    r = attempt(send, sc, addr, len, prio, EXPIRED);
                } while (r == INTR);
                if (r != NONE || !waits) {
                    return r;
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }
        int slot = SIGNALS ? waiters.registerInterruptible() : -1;
        if (slot < 0) {
            return waitInSlices(op, send, sc, addr, len, prio, forever, nanos);
        }
        try {
            long ts = 0; // no deadline
            if (!forever) {
                TimespecLayout.putAbsoluteRealtime(sc.base + TS, Math.max(0, nanos - (System.nanoTime() - start)));
                ts = sc.base + TS;
            }
            while (true) {
                // after the registration close() and interrupt() will see: either they see the
                // slot and signal us out of the call, or we see their state here
                ensureOpen(op);
                boolean interrupted = Thread.currentThread().isInterrupted();
                long r = attempt(send, sc, addr, len, prio, interrupted ? EXPIRED : ts);
                if (r == INTR) {
                    continue; // close's or interrupt's signal, or another one: look at the state again
                }
                if (r == NONE && interrupted) {
                    throw interrupted(op);
                }
                return r; // NONE: the real deadline passed
            }
        } finally {
            waiters.deregisterInterruptible(slot);
        }
    }

    /**
     * The wait of a thread that could not register: a first try, then slices of at most
     * {@link #SLICE_MILLIS}, looking at close and interrupts between them.
     */
    private long waitInSlices(String op, boolean send, Scratch sc, long addr, int len, int prio,
                              boolean forever, long nanos) {
        long deadline = System.nanoTime() + nanos;
        enter(op);
        try {
            long ts = EXPIRED;
            while (true) {
                long r = attempt(send, sc, addr, len, prio, ts);
                if (r >= 0) {
                    return r;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(op);
                }
                ensureOpen(op);
                long wait = SLICE_NANOS;
                if (!forever) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return NONE;
                    }
                    wait = Math.min(wait, left);
                }
                TimespecLayout.putAbsoluteRealtime(sc.base + TS, wait);
                ts = sc.base + TS;
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * One {@code mq_timedsend}/{@code mq_timedreceive} with the absolute timeout at {@code ts}
     * (0: none). Returns the bytes received (0 for a send), {@link #NONE} when the timeout
     * passed (or {@code EAGAIN}), {@link #INTR} when a signal ended the call (nothing was sent or
     * taken); throws on any other error.
     */
    private long attempt(boolean send, Scratch sc, long addr, int len, int prio, long ts) {
        long r = send ? PosixMq.LIB.mq_timedsend(mqd, addr, len, prio, ts)
                : PosixMq.LIB.mq_timedreceive(mqd, addr, len, sc.base + PRIO, ts);
        if (r >= 0) {
            return r;
        }
        int e = Native.errno();
        if (e == Errno.EINTR) {
            return INTR;
        }
        if (e == Errno.ETIMEDOUT || e == Errno.EAGAIN) {
            return NONE;
        }
        throw fail(send ? "mq_timedsend" : "mq_timedreceive", e);
    }

    /** Counts a call that runs outside {@link #waiters}; fails with {@link IpcClosed} once closed. */
    private void enter(String op) {
        inFlight.incrementAndGet();
        if (owner.isClosed()) {
            inFlight.decrementAndGet();
            ensureOpen(op);
        }
    }

    private IpcInterrupted interrupted(String op) {
        return new IpcInterrupted(op, owner.uri().toString(), "the waiting thread was interrupted");
    }

    private IpcException fail(String call, int e) {
        if (e == Errno.EBADF) {
            return new IpcException(call, owner.uri().toString(), e, Errno.name(e), "the queue descriptor is not usable");
        }
        return Errno.exception(call, owner.uri(), e);
    }

    /** {@return {@code mq_curmsgs}, the messages queued now} */
    long queuedMessages() {
        enter("stats");
        try {
            Scratch sc = scratch.get();
            if (PosixMq.LIB.mq_getattr(mqd, sc.base + ATTR) != 0) {
                throw fail("mq_getattr", Native.errno());
            }
            return NativeMemory.getLong(sc.base + ATTR + MqAttrLayout.MQ_CURMSGS);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * After the handle's closed state became visible: signals the registered waiters out of their
     * calls, waits for the other calls (they leave within one slice), then closes the descriptor,
     * so that its number is never closed (and reused) under a running {@code mq_*} call.
     */
    void close() {
        waiters.wakeAll();
        while (inFlight.get() > 0) {
            LockSupport.parkNanos(1_000_000L);
        }
        PosixMq.LIB.mq_close(mqd);
    }

    /** Threads now registered as waiting in the kernel (tests, diagnostics). */
    int blockedInKernel() {
        return waiters.registered();
    }

    private void ensureOpen(String op) {
        if (owner.isClosed()) {
            throw new IpcClosed(op, owner.uri().toString());
        }
    }
}
