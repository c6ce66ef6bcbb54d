package io.jipc.bench.verify;

/**
 * One row of the stress table.
 *
 * @param scheme      the scheme ({@code unix-stream}, {@code sysv undo=false}, ...)
 * @param test        {@code channel}, {@code slow consumer} or {@code mutex}
 * @param layout      producers × consumers, or processes × threads
 * @param operations  messages sent, or increments made
 * @param lost        messages sent and never received (channels)
 * @param duplicated  messages received more than once (channels)
 * @param corrupt     messages whose length, header or CRC32C was wrong (channels)
 * @param outOfOrder  messages of a producer received before an earlier one by the same consumer
 * @param fullPercent share of sends that found the channel full (channels)
 * @param blockedPercent share of the producers' time spent inside send calls (channels): with a slow
 *                    consumer, how much of the run the channel was full
 * @param counter     the final counter (mutexes; -1 for channels)
 * @param overlaps    times a thread found another one inside the critical section (mutexes)
 * @param seconds     wall time of the run
 * @param problem     why the run itself failed (a child died, timed out...), or {@code null}
 */
public record StressResult(String scheme, String test, String layout, long operations, long lost, long duplicated,
                           long corrupt, long outOfOrder, double fullPercent, double blockedPercent, long counter, long overlaps,
                           double seconds, String problem) {
    /** Did the run keep every promise (nothing lost, duplicated, corrupt, reordered; exact counter)? */
    public boolean ok() {
        boolean counted = counter < 0 || counter == operations;
        return problem == null && lost == 0 && duplicated == 0 && corrupt == 0 && outOfOrder == 0 && overlaps == 0 && counted;
    }

    /** A mutex row. */
    static StressResult mutex(String scheme, String layout, long expected, long counter, long overlaps, double seconds,
                              String problem) {
        return new StressResult(scheme, "mutex", layout, expected, 0, 0, 0, 0, 0, 0, counter, overlaps, seconds, problem);
    }
}
