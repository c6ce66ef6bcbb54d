package io.jipc.os;

/**
 * The two futex operations jipc uses, over the {@link Futex} binding: wait while a shared 32-bit
 * word holds a value, and wake its waiters. Neither allocates.
 */
public final class Futexes {
    private Futexes() {
    }

    /**
     * {@code FUTEX_WAIT} on the 32-bit word at {@code address} (4-byte aligned, shared memory):
     * sleeps while the word equals {@code expected}, at most the relative timespec at
     * {@code timespecAddress} ({@code 0}: no limit).
     *
     * @param address the futex word
     * @param expected the value to sleep on
     * @param timespecAddress a relative {@code struct timespec}, or 0
     * @return 0 when woken, or the errno ({@code EAGAIN}, {@code ETIMEDOUT}, {@code EINTR}...)
     */
    public static int wait(long address, int expected, long timespecAddress) {
        long r = Futex.LIB.syscall(Futex.SYS_FUTEX, address, Futex.FUTEX_WAIT, expected, timespecAddress);
        return r == 0 ? 0 : Native.errno();
    }

    /**
     * {@code FUTEX_WAKE}: wakes up to {@code count} waiters of the word at {@code address}.
     *
     * @param address the futex word
     * @param count how many waiters to wake at most
     * @return the number woken, or -1 on failure (errno saved)
     */
    public static long wake(long address, int count) {
        return Futex.LIB.syscall(Futex.SYS_FUTEX, address, Futex.FUTEX_WAKE, count, 0L);
    }

    /**
     * {@code SYS_futex} for a Java {@code os.arch}.
     *
     * @param arch the {@code os.arch} value
     * @return 202 on x86-64, 98 on aarch64, -1 elsewhere
     */
    public static long sysFutex(String arch) {
        switch (arch) {
            case "amd64":
            case "x86_64":
                return 202;
            case "aarch64":
            case "arm64":
                return 98;
            default:
                return -1;
        }
    }
}
