package io.jipc.os.layout;

/**
 * Sizes of the pthread mutex types (x86-64 and aarch64 glibc): {@code pthread_mutex_t} is 40 bytes
 * on x86-64 (48 on aarch64), {@code pthread_mutexattr_t} 4 (8 on aarch64); both need 8-byte
 * alignment at most. Checked against the C compiler by {@code PthreadLayoutTest}. jipc only
 * reserves space of these sizes and lets the C library work inside it.
 */
public final class PthreadLayout {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    /** {@code sizeof(pthread_mutex_t)}. */
    public static final int MUTEX_SIZE = AARCH64 ? 48 : 40;
    /** {@code sizeof(pthread_mutexattr_t)}. */
    public static final int MUTEXATTR_SIZE = AARCH64 ? 8 : 4;
    /** Alignment jipc gives a {@code pthread_mutex_t} (its C alignment is 8 or less). */
    public static final int MUTEX_ALIGN = 8;

    private PthreadLayout() {
    }
}
