package io.jipc.os;

import java.io.IOException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Lets {@link Thread#interrupt()} wake a thread registered in {@link BlockedThreads} through
 * {@link BlockedThreads#registerInterruptible()}. It is the public hook the JDK's own interruptible
 * channels use: between {@code begin()} and {@code end()} the thread's interrupt calls
 * {@link #implCloseChannel()} from the interrupting thread, after setting the interrupt status.
 * Here that signals the blocked thread until it has left its slot, so its system call returns
 * {@code EINTR} and the caller sees the status.
 *
 * <p>One hook per thread (kept with the thread's {@code pthread_t} in {@link BlockedThreads}),
 * reused by every call; a hook that fired stays closed (that is how
 * {@link AbstractInterruptibleChannel} works), so the next call makes a new one.
 *
 * <p>Ordering: the owner writes its slot (volatile) then reads its interrupt status (volatile);
 * {@code interrupt()} writes the status then reads the slot. Either the owner sees the interrupt
 * before it blocks, or the interrupter sees the slot and signals until the owner has left it.
 */
final class InterruptHook extends AbstractInterruptibleChannel {
    private final Thread owner = Thread.currentThread();
    private final long thread;
    private volatile BlockedThreads waiters;
    private volatile int slot = -1;

    private InterruptHook(long thread) {
        this.thread = thread;
    }

    /**
     * The calling thread, registered as {@code thread} in {@code slot} of {@code w}, is about to
     * block; {@code h} is its hook from last time ({@code null} the first time).
     *
     * @return the hook to keep for next time (a new one when {@code h} is missing or has fired)
     */
    static InterruptHook enter(InterruptHook h, BlockedThreads w, int slot, long thread) {
        if (h == null || !h.isOpen()) {
            h = new InterruptHook(thread);
        }
        h.waiters = w;
        h.slot = slot;
        h.begin(); // already interrupted: fires at once on this thread, which implCloseChannel ignores
        return h;
    }

    /** The owner is about to give its slot back: an interrupt from now on need not signal it. */
    void leaving() {
        slot = -1;
        waiters = null;
    }

    /** Ends the hook's window (after the slot was given back). */
    void exit() {
        try {
            end(true);
        } catch (IOException e) {
            // ClosedByInterruptException: the hook fired; the caller reads the interrupt status itself
        }
    }

    @Override
    protected void implCloseChannel() {
        if (Thread.currentThread() == owner) {
            return; // begin() on an interrupted thread: it will see its status before blocking
        }
        BlockedThreads w = waiters;
        int s = slot;
        if (w != null && s >= 0) {
            w.wakeUntilGone(s, thread);
        }
    }
}
