package io.jipc.os;

import io.jipc.os.layout.SigactionLayout;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of this process blocked in a system call on behalf of one handle, and the means to
 * get them out: {@link #wakeAll()} sends each a signal with {@code pthread_kill}, which makes a
 * blocking call such as {@code msgrcv}, {@code msgsnd} or {@code semop} return {@code EINTR}
 * (signal(7): these calls are never restarted after a signal handler, whatever
 * {@code SA_RESTART} says). This is how the JDK itself wakes a thread blocked in I/O on a channel
 * that another thread closes, and it uses the JDK's signal for that: {@link #SIGNAL}
 * ({@code __SIGRTMAX - 2}), for which {@code sun.nio.ch.NativeThread} installs a handler that does
 * nothing.
 *
 * <p>Protocol for a blocking operation:
 * <pre>{@code
 * int slot = waiters.register();          // -1: no slot free or no signal: wait another way
 * try {
 *     while (true) {
 *         if (closed) throw ...;          // AFTER register: a closer either sees the slot or we see closed
 *         r = blockingSyscall();          // EINTR: loop and look at the closed state again
 *     }
 * } finally {
 *     waiters.deregister(slot);
 * }
 * }</pre>
 * and for close: set the closed state (volatile), then {@link #wakeAll()}. A signal that arrives
 * after the closed check but before the thread is inside the system call is lost, so
 * {@code wakeAll} repeats it (short sleeps between) until every registered thread has deregistered.
 *
 * <p>Registration is allocation-free: a fixed array of slots holding {@code pthread_t}s, taken and
 * given back with one compare-and-set each; each Java thread's {@code pthread_self()} is cached.
 * A slot being signalled is marked, and its owner waits (spins) for the mark to go before it
 * deregisters, so a thread is never signalled after it deregistered (glibc's {@code pthread_kill}
 * on a thread that has ended is undefined).
 *
 * <p>{@link #available()} is false when the signal has no handler in this process (the JDK did not
 * install one, or something reset it): sending it would then kill the process (the default action
 * of a real-time signal), so {@link #register()} always returns -1 and callers must wait in a way
 * that sees the closed state by itself (e.g. bounded waits).
 *
 * <p>{@link #registerInterruptible()} also lets {@link Thread#interrupt()} reach the registered
 * thread: the interrupting thread signals it the same way (through the public
 * {@link java.nio.channels.spi.AbstractInterruptibleChannel} hook the JDK's own channels use), so a
 * blocking call needs no wake-up slices to honour interrupts. Calls that {@code SA_RESTART} would
 * restart ({@code mq_timedreceive}, {@code mq_timedsend}, ...) need
 * {@link #interruptsRestartableCalls()} as well.
 */
public final class BlockedThreads {
    /**
     * The signal sent: {@code __SIGRTMAX - 2} = 62 on Linux (x86-64, aarch64), the JDK's
     * {@code sun.nio.ch.NativeThread} interrupt signal, whose handler does nothing.
     */
    public static final int SIGNAL = 62;

    private static final long SIGNALLING = 1L;
    private static final long FIRST_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    /** How long an interrupt keeps signalling a registered thread that does not leave its call. */
    private static final long INTERRUPT_GIVE_UP_NANOS = 2_000_000_000L;
    private static final String UNAVAILABLE = checkHandler();
    /** {@code SA_RESTART} in {@code sa_flags} (Linux, x86-64 and aarch64). */
    private static final int SA_RESTART = 0x10000000;
    private static final boolean RESTARTS = UNAVAILABLE != null || restarts();

    private static final AtomicLong SIGNALS_SENT = new AtomicLong();

    private static final ThreadLocal<Self> SELF = ThreadLocal.withInitial(Self::new);

    private final AtomicLongArray slots;

    /** One Java thread's {@code pthread_t}, looked up once. */
    private static final class Self {
        final long thread = Pthread.LIB.pthread_self();
        final int start = mix(thread);
        /** This thread's hook for {@link #registerInterruptible()}, made on first use. */
        InterruptHook hook;

        private static int mix(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & 0x7fffffff;
        }
    }

    /** @param capacity how many threads can be registered at once (at least 1) */
    public BlockedThreads(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        slots = new AtomicLongArray(capacity);
    }

    /** {@return whether threads can be woken in this process (the wake-up signal has a handler)} */
    public static boolean available() {
        return UNAVAILABLE == null;
    }

    /**
     * {@return whether the signal also ends calls that signal(7) restarts after a handler flagged
     * {@code SA_RESTART} (POSIX queues, {@code read}, {@code write}...): true when it is
     * {@link #available()} and its handler has no {@code SA_RESTART}, as the JDK installs it}
     */
    public static boolean interruptsRestartableCalls() {
        return !RESTARTS;
    }

    /** {@return why {@link #available()} is false, or {@code null} when it is true} */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Registers the calling thread as about to block. Allocation-free after the thread's first
     * call.
     *
     * @return the slot to give to {@link #deregister(int)}, or -1 when every slot is taken or
     *         signals are not {@link #available()} (the caller must then wait another way)
     */
    public int register() {
        return UNAVAILABLE != null ? -1 : register(SELF.get());
    }

    private int register(Self self) {
        long t = self.thread;
        if (t == 0 || (t & SIGNALLING) != 0) {
            return -1; // not a pointer-like pthread_t: cannot be marked, do not use the slots
        }
        int n = slots.length();
        int first = self.start % n;
        for (int k = 0; k < n; k++) {
            int i = first + k < n ? first + k : first + k - n;
            if (slots.get(i) == 0 && slots.compareAndSet(i, 0, t)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Gives back {@code slot} (from {@link #register()} by this thread; -1 is ignored). If a waker
     * is signalling this thread right now, waits for it to finish first.
     *
     * @param slot what {@link #register()} returned
     */
    public void deregister(int slot) {
        if (slot >= 0) {
            deregister(SELF.get(), slot);
        }
    }

    private void deregister(Self self, int slot) {
        long t = self.thread;
        while (!slots.compareAndSet(slot, t, 0)) {
            Thread.onSpinWait(); // marked t|SIGNALLING: the waker is inside pthread_kill
        }
    }

    /**
     * {@link #register()}, and until {@link #deregisterInterruptible(int)} a
     * {@link Thread#interrupt()} of the calling thread signals it as {@link #wakeAll()} would (the
     * interrupt status is set first, so the woken call sees it). Costs two uncontended monitor
     * entries on top of {@link #register()}; allocation-free except after an interrupt.
     *
     * @return the slot to give to {@link #deregisterInterruptible(int)}, or -1 as for {@link #register()}
     */
    public int registerInterruptible() {
        if (UNAVAILABLE != null) {
            return -1;
        }
        Self self = SELF.get();
        int slot = register(self);
        if (slot >= 0) {
            self.hook = InterruptHook.enter(self.hook, this, slot, self.thread);
        }
        return slot;
    }

    /**
     * Gives back a slot from {@link #registerInterruptible()} (-1 is ignored); after it an
     * interrupt no longer signals this thread.
     *
     * @param slot what {@link #registerInterruptible()} returned
     */
    public void deregisterInterruptible(int slot) {
        if (slot < 0) {
            return;
        }
        Self self = SELF.get();
        InterruptHook hook = self.hook;
        hook.leaving();
        deregister(self, slot); // before the hook's exit: an interrupter signalling us holds the monitor exit needs
        hook.exit();
    }

    /** {@return how many signals {@link #wakeAll()} has sent in this process so far, all instances (diagnostics and tests)} */
    public static long signalsSent() {
        return SIGNALS_SENT.get();
    }

    /** {@return how many threads are registered now (diagnostics and tests)} */
    public int registered() {
        int c = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * Signals every registered thread, again and again with short sleeps between (20 µs doubling
     * to 1 ms), until none is registered. Call it after making the closed state visible; it
     * returns once every thread that was blocked has left its system call (and seen that state).
     */
    public void wakeAll() {
        if (UNAVAILABLE != null) {
            return;
        }
        long park = FIRST_PARK_NANOS;
        while (true) {
            boolean any = false;
            for (int i = 0; i < slots.length(); i++) {
                long t = slots.get(i);
                if (t == 0) {
                    continue;
                }
                any = true;
                signal(i, t);
            }
            if (!any) {
                return;
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
    }

    /**
     * Signals {@code thread}, registered in {@code slot}, again and again until it has left the
     * slot (an interrupt of that thread: {@link InterruptHook}). This runs inside the interrupting
     * thread's {@link Thread#interrupt()}, so it gives up after about {@value #INTERRUPT_GIVE_UP_NANOS}
     * ns (a thread that blocks the signal, or a handler changed to restart calls, would otherwise
     * hold the interrupter forever); the target then stays in its call as if not interruptible.
     */
    void wakeUntilGone(int slot, long thread) {
        long park = FIRST_PARK_NANOS;
        long end = System.nanoTime() + INTERRUPT_GIVE_UP_NANOS;
        while ((slots.get(slot) & ~SIGNALLING) == thread && System.nanoTime() - end < 0) {
            signal(slot, thread);
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
    }

    /** Signals {@code t} in slot {@code i} unless the slot changed or someone else is signalling it. */
    private void signal(int i, long t) {
        if ((t & SIGNALLING) == 0 && slots.compareAndSet(i, t, t | SIGNALLING)) {
            try {
                Signal.LIB.pthread_kill(t, SIGNAL); // ESRCH cannot happen: t is registered, so alive
                SIGNALS_SENT.incrementAndGet();
            } finally {
                slots.set(i, t);
            }
        }
    }

    /** Whether {@link #SIGNAL}'s handler has {@code SA_RESTART} (or its flags cannot be read). */
    private static boolean restarts() {
        try {
            long buf = NativeMemory.allocate(SigactionLayout.SIZE);
            try {
                return Signal.LIB.sigaction(SIGNAL, 0, buf) != 0
                        || (NativeMemory.getInt(buf + SigactionLayout.SA_FLAGS) & SA_RESTART) != 0;
            } finally {
                NativeMemory.free(buf);
            }
        } catch (Throwable e) {
            return true;
        }
    }

    /** {@code null} when {@link #SIGNAL} has a handler, else the reason it cannot be used. */
    private static String checkHandler() {
        try {
            // The JDK installs its handler when NativeThread is initialised (on first NIO use):
            // make sure that happened. Loading a class needs no access to its package.
            Class.forName("sun.nio.ch.NativeThread", true, null);
        } catch (Throwable e) {
            // not this JDK's layout: the check below decides
        }
        try {
            long buf = NativeMemory.allocate(SigactionLayout.SIZE);
            try {
                if (Signal.LIB.sigaction(SIGNAL, 0, buf) != 0) {
                    int e = Native.errno();
                    return "sigaction(" + SIGNAL + ") failed: " + Errno.name(e);
                }
                long handler = NativeMemory.getLong(buf + SigactionLayout.SA_HANDLER);
                if (handler == Signal.SIG_DFL) {
                    return "signal " + SIGNAL + " has no handler in this JVM (its default action would end the process)";
                }
                if (handler == Signal.SIG_IGN) {
                    return "signal " + SIGNAL + " is ignored in this process (it would not interrupt a system call)";
                }
                return null;
            } finally {
                NativeMemory.free(buf);
            }
        } catch (Throwable e) {
            return "cannot read the disposition of signal " + SIGNAL + ": " + e;
        }
    }
}
