package io.jipc.mmap.internal;

import io.jipc.os.layout.PthreadLayout;

/**
 * The block a {@code robust:} mutex occupies in its region ({@link #SIZE} bytes at an 8-aligned
 * offset):
 * <pre>
 *   +0   long  init word: 0 = fresh, (pid &lt;&lt; 32) | 1 = being initialised by pid, 2 = ready
 *   +8   int   magic 0x4a524258 ("JRBX"), written before the word turns ready
 *   +12  int   sizeof(pthread_mutex_t) of the initialiser (refuses a foreign ABI)
 *   +16  pthread_mutex_t (40 bytes on x86-64 glibc, 48 on aarch64)
 * </pre>
 */
public final class RobustLayout {
    public static final int INIT_WORD = 0;
    public static final int MAGIC = 8;
    public static final int MUTEX_BYTES = 12;
    public static final int MUTEX = 16;
    /** Bytes the block needs (a multiple of 8). */
    public static final int SIZE = (MUTEX + PthreadLayout.MUTEX_SIZE + 7) & ~7;
    public static final int MAGIC_VALUE = 0x4a524258;

    public static final long FRESH = 0;
    public static final long READY = 2;
    public static final long INITIALISING = 1;

    private RobustLayout() {
    }

    /** The init word saying "being initialised by {@code pid}". */
    public static long initialising(long pid) {
        return (pid << 32) | INITIALISING;
    }

    /** Is {@code word} an "initialising" word? */
    public static boolean isInitialising(long word) {
        return (word & 0xffffffffL) == INITIALISING && (word >>> 32) != 0;
    }

    /** The initialiser's pid in an "initialising" word. */
    public static long initialiser(long word) {
        return word >>> 32;
    }
}
