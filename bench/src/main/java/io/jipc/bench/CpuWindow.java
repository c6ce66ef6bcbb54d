package io.jipc.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The wall time and the CPU time this process and its peer spend during one trial, recorded into
 * {@code cpu.tsv} so the report can show the CPU a mechanism burns per operation (waiters that
 * poll show up here, claims C7 and C10). Opened at the end of a trial's setup, closed in its
 * tear-down; a window never opened records nothing.
 */
final class CpuWindow {
    private long peerPid = -1;
    private long wall0;
    private long self0;
    private long peer0;

    /** Starts measuring now, with {@code peerPid} as the peer process. */
    void open(long peerPid) {
        this.peerPid = peerPid;
        wall0 = System.nanoTime();
        self0 = BenchSupport.selfCpuNanos();
        peer0 = BenchSupport.cpuNanos(peerPid);
    }

    /** Records the window for {@code ops} operations, if it was opened, and closes it. */
    void record(BenchmarkParams bp, long ops) {
        if (peerPid < 0) {
            return;
        }
        BenchSupport.recordCpu(bp, ops, System.nanoTime() - wall0, BenchSupport.selfCpuNanos() - self0,
                BenchSupport.cpuNanos(peerPid) - peer0);
        peerPid = -1;
    }
}
