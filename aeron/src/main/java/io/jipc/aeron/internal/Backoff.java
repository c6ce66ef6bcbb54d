package io.jipc.aeron.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * How a blocked {@code send} or {@code receive} waits between attempts: a few spins, a few yields,
 * then parks doubling from 1 µs to 1 ms. Static and allocation-free; the caller keeps the attempt
 * count. A wait never lasts longer than 1 ms, so closing a handle is seen at once.
 */
public final class Backoff {
    private static final int SPINS = 20;
    private static final int YIELDS = 10;
    private static final long MAX_PARK_NS = 1_000_000;

    private Backoff() {
    }

    /** Waits a little; {@code attempt} counts the failed attempts of this call from 0. */
    public static void idle(int attempt) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else if (attempt < SPINS + YIELDS) {
            Thread.yield();
        } else {
            int shift = Math.min(attempt - SPINS - YIELDS, 20);
            LockSupport.parkNanos(Math.min(1_000L << shift, MAX_PARK_NS));
        }
    }
}
