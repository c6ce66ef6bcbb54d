package io.jipc.bench;

/**
 * The idle strategy of the benchmarks' shared-memory waits (Agrona peer, region hand-over): busy
 * spin for a while, then yield the CPU between checks, so that on a loaded machine with few cores
 * the waiting side does not starve the side it waits for. The C reference uses the same strategy.
 */
final class Spin {
    static final int SPINS = 1000;

    private Spin() {
    }

    /** Waits a little; returns the new spin count. */
    static int idle(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
