package io.jipc.os.layout;

/**
 * glibc's {@code struct sigaction} (LP64 Linux, x86-64 and aarch64): the handler union
 * ({@code sa_handler}/{@code sa_sigaction}) at 0, {@code sigset_t sa_mask} (128 bytes) at 8,
 * {@code int sa_flags} at 136, {@code sa_restorer} at 144 (size 152). Only the size and the
 * handler are used (to read a disposition). Checked against the C compiler by
 * {@code SignalLayoutTest}.
 */
public final class SigactionLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 152;
    /** The offset of {@code sa_handler}. */
    public static final int SA_HANDLER = 0;
    /** The offset of {@code sa_flags}. */
    public static final int SA_FLAGS = 136;

    private SigactionLayout() {
    }
}
