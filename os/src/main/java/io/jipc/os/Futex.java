package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <linux/futex.h>} through {@code syscall(2)}: the kernel's wait queue keyed by a 32-bit
 * word in memory. glibc has no {@code futex()} wrapper, so the call goes through the variadic
 * {@code long syscall(long number, ...)} with a fixed-arity prototype (five primitive arguments,
 * the same call as the variadic one on x86-64 and aarch64 Linux; see the pitfall on six-argument
 * prototypes in {@link Mman}).
 *
 * <p>Only the <em>shared</em> operations are offered: {@link #FUTEX_WAIT} and {@link #FUTEX_WAKE}
 * without {@code FUTEX_PRIVATE_FLAG}, because jipc's futex words live in memory shared between
 * processes ({@code MAP_SHARED}); a private futex would key the wait queue by this process's
 * address space and never see a waker in another process.
 *
 * <p>The timeout of {@code FUTEX_WAIT} is a <em>relative</em> {@code struct timespec}
 * ({@link io.jipc.os.layout.TimespecLayout#putRelative}), passed by address ({@code 0} = forever);
 * callers keep one per handle in native scratch memory so that a timed wait allocates nothing.
 */
public interface Futex {
    /** {@code FUTEX_WAIT}: sleep if {@code *uaddr == val} (shared). */
    int FUTEX_WAIT = 0;
    /** {@code FUTEX_WAKE}: wake up to {@code val} waiters of {@code uaddr} (shared). */
    int FUTEX_WAKE = 1;
    /** {@code SYS_futex}: 202 on x86-64, 98 on aarch64 (the generic table). */
    long SYS_FUTEX = Futexes.sysFutex(System.getProperty("os.arch", ""));

    /** The bindings, loaded once. */
    Futex LIB = Native.load(Futex.class);

    /**
     * {@code syscall(number, uaddr, op, val, timeout)}: -1 and errno on failure; use
     * {@link Futexes#wait} and {@link Futexes#wake}.
     * For {@code FUTEX_WAIT}: 0 when woken (or spuriously), -1 with {@code EAGAIN} when the word
     * was not {@code val}, {@code ETIMEDOUT} when the timeout passed, {@code EINTR} on a signal.
     * For {@code FUTEX_WAKE}: the number of waiters woken.
     *
     * @param number {@link #SYS_FUTEX}
     * @param uaddr the address of the 32-bit futex word
     * @param op {@link #FUTEX_WAIT} or {@link #FUTEX_WAKE}
     * @param val the expected value (wait) or how many to wake (wake)
     * @param timeoutAddress the address of a relative {@code struct timespec}, or 0
     * @return see above
     */
    @SaveError
    long syscall(long number, long uaddr, int op, int val, long timeoutAddress);
}
