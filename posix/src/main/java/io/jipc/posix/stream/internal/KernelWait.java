package io.jipc.posix.stream.internal;

import io.jipc.os.BlockedThreads;

import java.io.IOException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Lets one thread at a time block inside a system call ({@code read}, {@code recv}) and still be
 * got out of it: {@link #wakeAll()} (from {@code close}) and {@link Thread#interrupt()} both send
 * it {@link BlockedThreads}' signal, so the call returns {@code EINTR} and the caller looks at its
 * closed state and interrupt status again. Waiting in the kernel call itself instead of in
 * {@code poll} first saves one system call and one wake-up path per message.
 *
 * <p>Interrupts reach the blocked thread the way they reach the JDK's own channels:
 * {@link AbstractInterruptibleChannel#begin()} registers this object with the thread, and
 * {@code Thread.interrupt()} then calls {@link #implCloseChannel()}, which signals. That JDK
 * object is spent by one interrupt; a new one is made then (the only allocation, after an
 * interrupt).
 *
 * <p>Protocol: {@code if (enter()) try { loop: check closed and interrupt, then the blocking call
 * (EINTR: loop) } finally { exit(); }}. When {@link #enter()} returns {@code false} the caller
 * waits with {@code poll} instead.
 */
final class KernelWait {
    private final BlockedThreads threads = new BlockedThreads(2);
    private Hook hook = new Hook(threads);
    private int slot = -1;

    /** The interrupt hook: {@code Thread.interrupt()} of the blocked thread signals it. */
    private static final class Hook extends AbstractInterruptibleChannel {
        private final BlockedThreads threads;
        private volatile Thread owner;

        Hook(BlockedThreads threads) {
            this.threads = threads;
        }

        void enter() {
            owner = Thread.currentThread();
            begin();
        }

        void exit() {
            try {
                end(true);
            } catch (IOException e) {
                // interrupted: the caller's loop has seen (or will keep) the interrupt status
            }
            owner = null;
        }

        @Override
        protected void implCloseChannel() {
            // called by Thread.interrupt() in the interrupting thread; the owner interrupted
            // itself before blocking (begin() on an interrupted thread): it checks by itself
            if (Thread.currentThread() != owner) {
                threads.wakeAll();
            }
        }
    }

    /** Signals are usable in this JVM. */
    static boolean available() {
        return BlockedThreads.available();
    }

    /**
     * Registers the calling thread (which holds the direction's lock) as about to block.
     *
     * @return {@code false}: it must not block in the kernel (wait with {@code poll})
     */
    boolean enter() {
        int s = threads.register();
        if (s < 0) {
            return false;
        }
        slot = s;
        if (!hook.isOpen()) {
            hook = new Hook(threads);
        }
        hook.enter();
        return true;
    }

    /** After the blocking call (in a {@code finally}). */
    void exit() {
        // deregister first: an interrupter may be signalling us while it holds this thread's
        // blocker lock, which end() takes
        threads.deregister(slot);
        slot = -1;
        hook.exit();
    }

    /** Gets every registered thread out of its system call; returns when they have left. */
    void wakeAll() {
        threads.wakeAll();
    }
}
