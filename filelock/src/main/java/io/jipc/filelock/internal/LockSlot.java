package io.jipc.filelock.internal;

import io.jipc.os.Fd;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.NativeMemory;
import io.jipc.os.layout.FlockLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One kernel lock owner — a descriptor whose open file description (OFD, flock) or process
 * (fcntl) owns the lock — and everything that makes it a well-behaved {@link io.jipc.api.Mutex}
 * inside one JVM.
 *
 * <h2>The gate: one thread of this JVM at a time</h2>
 * The kernel cannot tell two threads of one process apart (fcntl) or two threads using the same
 * descriptor (OFD, flock): both would "get" the lock. So every acquisition first takes a fair
 * {@link Semaphore} with one permit (the <em>gate</em>) — timed and interruptible — and only the
 * thread holding the gate talks to the kernel; it keeps the gate while it holds the lock and
 * gives it back in {@link #release(String)}. A {@code Semaphore} (not a {@code ReentrantLock})
 * because non-reentrancy is enforced above ({@link io.jipc.spi.AbstractMutex}), which also
 * refuses the holder thread a second handle on the same file before it could wait here for itself.
 *
 * <h2>Close</h2>
 * Waits (for the gate and for a kernel request) run in slices of {@link #SLICE_NANOS} and look at
 * the caller's handle between slices: a thread whose handle was closed leaves with
 * {@link IpcClosed}, abandoning its kernel request as a timed-out one does;
 * {@link #wakeWaiters()} cuts the kernel-request wait short. A lock held when another thread
 * closes the handle is untouched: {@code AbstractMutex} keeps the handle's reference until the
 * holder unlocks.
 *
 * <h2>Waiting in the kernel, interruptibly</h2>
 * A first non-blocking attempt ({@code F_SETLK}, {@code F_OFD_SETLK}, {@code LOCK_NB}) costs
 * one system call and is all an uncontended lock does. When the lock is busy and the caller
 * wants to wait, the blocking call ({@code F_SETLKW}, {@code F_OFD_SETLKW}, {@code flock(LOCK_EX)})
 * is made by a daemon <em>waiter thread</em> that sleeps in the kernel's wait queue (no polling:
 * the kernel hands the lock over on release, claim C6); the calling thread sleeps on this
 * object's monitor, with its timeout, and can be interrupted. Java cannot cancel a system call
 * blocked in the kernel (a signal would be needed, and the JVM installs its handlers with
 * {@code SA_RESTART}, which restarts {@code F_SETLKW}), so a caller that times out or is
 * interrupted <em>abandons</em> the request: the waiter stays queued in the kernel; if another
 * thread of this JVM asks for the lock before the kernel grants it, that thread adopts the
 * request and waits on it; otherwise the waiter releases the lock the moment the kernel grants
 * it. Other processes may therefore see this process hold the lock for an instant after an
 * abandoned wait; they never see two holders.
 *
 * <h2>Reference counting</h2>
 * The descriptor is closed when the last reference goes: each handle holds one (dropped only
 * once no thread waits in or holds the lock through it) and a queued waiter holds one (so a descriptor is never closed under a
 * blocked {@code F_SETLKW}, and with fcntl never closed while it could drop a lock this process
 * holds through it). The final close runs under {@code closeLock} (the fcntl registry's lock) so
 * that no other handle can open the same file between the close and the registry update.
 */
public final class LockSlot {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WAITERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "jipc-filelock-waiter-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    /** Longest wait between two looks at the caller's handle (closed?). */
    static final long SLICE_NANOS = 100_000_000L;

    private final KernelLock kind;
    private final int fd;
    private final Object closeLock;
    private final Runnable onLastRef;
    private final Semaphore gate = new Semaphore(1, true);
    private final long callerBuf;
    private final long workerBuf;
    private final long releaseBuf;
    private final List<Integer> extraFds = new ArrayList<>();
    private int refs = 1;
    private boolean closed;
    private Pending pending;

    /** A blocking kernel request made by a waiter thread. Guarded by the slot's monitor. */
    private static final class Pending {
        boolean done;
        int errno;
        boolean abandoned;
    }

    /**
     * @param kind the kernel lock
     * @param fd the descriptor, owned by the slot from now on (closed with the last reference)
     * @param closeLock the lock under which the final close runs, or {@code null} for the slot itself
     * @param onLastRef run under {@code closeLock} just before the descriptor is closed
     */
    public LockSlot(KernelLock kind, int fd, Object closeLock, Runnable onLastRef) {
        this.kind = kind;
        this.fd = fd;
        this.closeLock = closeLock == null ? this : closeLock;
        this.onLastRef = onLastRef == null ? () -> { } : onLastRef;
        this.callerBuf = NativeMemory.allocate(FlockLayout.SIZE);
        this.workerBuf = NativeMemory.allocate(FlockLayout.SIZE);
        this.releaseBuf = NativeMemory.allocate(FlockLayout.SIZE);
    }

    /** The descriptor (for tests and diagnostics). */
    public int fd() {
        return fd;
    }

    /** Keeps another descriptor of the same file open until the slot closes (see {@link SharedFiles}). */
    synchronized void adoptExtraFd(int extra) {
        extraFds.add(extra);
    }

    /** Takes a reference; fails when the slot is already closed. */
    public synchronized void retain(String uri) {
        if (closed) {
            throw new IpcException("lock", uri, IpcException.NO_ERRNO, null, "the handle is closed");
        }
        refs++;
    }

    /** Is the slot still open? (Caller holds {@code closeLock}.) */
    synchronized boolean isOpen() {
        return !closed;
    }

    /** Drops a reference; the last one closes the descriptor. */
    public void unref() {
        synchronized (this) {
            if (refs > 1) {
                refs--;
                return;
            }
        }
        synchronized (closeLock) {
            List<Integer> extra;
            synchronized (this) {
                if (--refs > 0) {
                    return;
                }
                closed = true;
                extra = new ArrayList<>(extraFds);
            }
            onLastRef.run();
            Fd.close(fd);
            for (int e : extra) {
                Fd.close(e);
            }
        }
        NativeMemory.free(callerBuf);
        NativeMemory.free(workerBuf);
        NativeMemory.free(releaseBuf);
    }

    /**
     * Acquires for the calling thread.
     *
     * @param timeoutNanos -1 forever, 0 one attempt, else the longest wait
     * @param handleClosed tells whether the caller's handle was closed meanwhile: checked at least every
     *               {@link #SLICE_NANOS} while waiting, and then the wait ends with {@link IpcClosed}
     * @return {@code true} when acquired (the caller then holds the gate and the kernel lock)
     * @throws IpcInterrupted when interrupted while waiting (interrupt status set)
     * @throws IpcClosed when the handle was closed while waiting
     */
    public boolean acquire(long timeoutNanos, String uri, BooleanSupplier handleClosed) {
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        if (!takeGate(timeoutNanos, deadline, uri, handleClosed)) {
            return false;
        }
        boolean held = false;
        try {
            Pending p;
            synchronized (this) {
                p = pending;
                if (p != null) {
                    if (timeoutNanos == 0) {
                        return false;
                    }
                    p.abandoned = false;
                }
            }
            if (p == null) {
                if (kind.tryLock(fd, callerBuf, uri)) {
                    held = true;
                    return true;
                }
                if (timeoutNanos == 0) {
                    return false;
                }
                p = startWait(uri);
            }
            held = await(p, timeoutNanos < 0, deadline, uri, handleClosed);
            return held;
        } finally {
            if (!held) {
                gate.release();
            }
        }
    }

    /** The gate, in slices so that a close of the caller's handle is seen. */
    private boolean takeGate(long timeoutNanos, long deadline, String uri, BooleanSupplier handleClosed) {
        try {
            if (timeoutNanos == 0) {
                return gate.tryAcquire();
            }
            while (true) {
                long slice = SLICE_NANOS;
                if (timeoutNanos > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return gate.tryAcquire();
                    }
                    slice = Math.min(slice, left);
                }
                if (gate.tryAcquire(slice, TimeUnit.NANOSECONDS)) {
                    if (handleClosed.getAsBoolean()) {
                        gate.release();
                        throw new IpcClosed("lock", uri);
                    }
                    return true;
                }
                if (handleClosed.getAsBoolean()) {
                    throw new IpcClosed("lock", uri);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcInterrupted("lock", uri, "interrupted while waiting for another thread of this JVM to release the lock");
        }
    }

    /** Wakes the threads waiting for a kernel request of this slot, so that they look at their handle (closed?) at once. */
    public synchronized void wakeWaiters() {
        notifyAll();
    }

    /** Releases the kernel lock and the gate (the caller holds both). */
    public void release(String uri) {
        try {
            kind.unlock(fd, releaseBuf, uri);
        } finally {
            gate.release();
        }
    }

    private Pending startWait(String uri) {
        Pending p = new Pending();
        synchronized (this) {
            pending = p;
            refs++;
        }
        try {
            WAITERS.execute(() -> runWait(p));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                pending = null;
                refs--;
            }
            throw new IpcException("lock", uri, IpcException.NO_ERRNO, null, "cannot start a waiter thread: " + e);
        }
        return p;
    }

    private void runWait(Pending p) {
        int err = kind.lockWait(fd, workerBuf);
        synchronized (this) {
            p.errno = err;
            p.done = true;
            if (p.abandoned) {
                // nobody waits for it any more: give the lock back at once
                pending = null;
                if (err == 0) {
                    kind.unlockSys(fd, workerBuf);
                }
            }
            notifyAll();
        }
        unref();
    }

    private boolean await(Pending p, boolean forever, long deadline, String uri, BooleanSupplier handleClosed) {
        synchronized (this) {
            boolean cancelled = false;
            try {
                while (!p.done) {
                    if (handleClosed.getAsBoolean()) {
                        cancelled = true;
                        break;
                    }
                    long wait = SLICE_NANOS;
                    if (!forever) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        wait = Math.min(wait, left);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                }
            } catch (InterruptedException e) {
                if (p.done) {
                    pending = null;
                    if (p.errno == 0) {
                        kind.unlockSys(fd, callerBuf);
                    }
                } else {
                    p.abandoned = true;
                }
                Thread.currentThread().interrupt();
                throw new IpcInterrupted("lock", uri, "interrupted while waiting for the lock (the kernel request is"
                        + " abandoned: released as soon as granted)");
            }
            if (!p.done) {
                p.abandoned = true;
                if (cancelled) {
                    throw new IpcClosed("lock", uri);
                }
                return false;
            }
            pending = null;
            if (p.errno != 0) {
                throw kind.waitError(uri, p.errno);
            }
            return true;
        }
    }
}
