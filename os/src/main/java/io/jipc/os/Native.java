package io.jipc.os;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Loads the libc bindings and gives access to {@code errno}. Every binding interface of this
 * package is loaded once, here or in its own holder, with {@link #load(Class)}.
 */
public final class Native {
    private static final Runtime RUNTIME = Runtime.getSystemRuntime();
    private static volatile POSIX posix;

    private Native() {
    }

    /**
     * Binds {@code api} to the C library (libc; librt and libpthread are tried too, for older
     * C libraries that keep {@code mq_*} and {@code pthread_*} there).
     *
     * @param <T> the binding interface
     * @param api the binding interface, e.g. {@code SysvIpc.class}
     * @return the loaded binding
     */
    public static <T> T load(Class<T> api) {
        return LibraryLoader.create(api).library("c").library("rt").library("pthread").failImmediately().load();
    }

    /** {@return the runtime of the system ABI} */
    public static Runtime runtime() {
        return RUNTIME;
    }

    /** {@return {@code errno} as the last {@code @SaveError} call left it} */
    public static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    /**
     * Sets {@code errno} (tests).
     *
     * @param value the errno value to set
     */
    public static void errno(int value) {
        LastError.setLastError(RUNTIME, value);
    }

    /**
     * A shared JNR-POSIX instance (native, errors reported by return value, not by exception), for
     * what {@code os} itself still needs from JNR-POSIX ({@code posix_spawnp} in {@link Spawner}).
     * Package-private: other modules use {@link Fd}, {@link FileOps}, {@link Proc} and the binding
     * interfaces, so that no module but {@code os} reaches JNR-POSIX.
     *
     * @return the instance
     */
    static POSIX posix() {
        POSIX p = posix;
        if (p == null) {
            synchronized (Native.class) {
                p = posix;
                if (p == null) {
                    p = POSIXFactory.getNativePOSIX(new QuietPosixHandler());
                    posix = p;
                }
            }
        }
        return p;
    }
}
