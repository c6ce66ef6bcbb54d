package io.jipc.os.layout;

import io.jipc.os.NativeMemory;

/**
 * {@code struct timespec} (LP64 Linux): {@code time_t tv_sec; long tv_nsec;}. Checked against the
 * C compiler by {@code StructLayoutTest}.
 */
public final class TimespecLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 16;
    /** The offset of {@code tv_sec}. */
    public static final int TV_SEC = 0;
    /** The offset of {@code tv_nsec}. */
    public static final int TV_NSEC = 8;

    private TimespecLayout() {
    }

    /**
     * Writes a relative duration of {@code nanos} nanoseconds at {@code address}.
     *
     * @param address the native address
     * @param nanos the duration in nanoseconds
     */
    public static void putRelative(long address, long nanos) {
        NativeMemory.putLong(address + TV_SEC, nanos / 1_000_000_000L);
        NativeMemory.putLong(address + TV_NSEC, nanos % 1_000_000_000L);
    }

    /**
     * Writes the absolute {@code CLOCK_REALTIME} time {@code nanos} from now at {@code address}
     * (for {@code mq_timedsend}, {@code sem_timedwait}...). Uses {@link java.time.Instant#now()},
     * which reads the same clock; allocation-free on current JDKs once JIT-compiled.
     *
     * @param address the native address
     * @param nanos the duration in nanoseconds
     */
    public static void putAbsoluteRealtime(long address, long nanos) {
        java.time.Instant now = java.time.Instant.now();
        long sec = now.getEpochSecond() + nanos / 1_000_000_000L;
        long nsec = now.getNano() + nanos % 1_000_000_000L;
        if (nsec >= 1_000_000_000L) {
            sec++;
            nsec -= 1_000_000_000L;
        }
        NativeMemory.putLong(address + TV_SEC, sec);
        NativeMemory.putLong(address + TV_NSEC, nsec);
    }
}
