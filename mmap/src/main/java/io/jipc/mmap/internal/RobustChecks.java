package io.jipc.mmap.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.SharedRegion;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@code robust:} handle checks, when it opens, before glibc ever sees the
 * {@code pthread_mutex_t} bytes that another process may have written: the mutex kind word is
 * the one {@code pthread_mutex_init} wrote for a process-shared, robust, error-checking mutex, and
 * a lock word that names an owner thread names one that exists (or carries the kernel's
 * owner-died mark). Garbage there would otherwise make glibc return odd errors, abort, or wait for
 * ever on an owner that never existed.
 *
 * <p>The layout read here is glibc's {@code struct __pthread_mutex_s} on x86-64 and aarch64: the
 * lock word at +0, the kind at +16.
 */
public final class RobustChecks {
    /** {@code PTHREAD_MUTEX_ERRORCHECK | PTHREAD_MUTEX_ROBUST_NORMAL_NP | PTHREAD_MUTEX_PSHARED_BIT}. */
    public static final int EXPECTED_KIND = 2 | 16 | 128;
    private static final int LOCK_WORD = 0;
    private static final int KIND = 16;
    private static final int FUTEX_OWNER_DIED = 0x4000_0000;
    private static final int FUTEX_TID_MASK = 0x3fff_ffff;

    private RobustChecks() {
    }

    /**
     * Checks the mutex of the block at {@code offset} of {@code region} (its header already
     * checked): fails with an {@link IpcException} naming the URI and what is wrong.
     */
    public static void checkMutex(IpcUri uri, SharedRegion region, long offset) {
        long m = offset + RobustLayout.MUTEX;
        int kind = region.getIntVolatile(m + KIND);
        if (kind != EXPECTED_KIND) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, "offset " + offset + " of "
                    + region.uri() + " has jipc's robust header but its pthread_mutex_t is not a process-shared robust"
                    + " error-checking mutex (kind " + kind + ", expected " + EXPECTED_KIND + "): it was overwritten;"
                    + " remove the mutex and create it again");
        }
        int lock = region.getIntVolatile(m + LOCK_WORD);
        int tid = lock & FUTEX_TID_MASK;
        if (tid != 0 && (lock & FUTEX_OWNER_DIED) == 0 && !Files.exists(Path.of("/proc", Integer.toString(tid)))) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, "offset " + offset + " of "
                    + region.uri() + ": the pthread_mutex_t says it is held by thread " + tid + ", which does not exist,"
                    + " without the kernel's owner-died mark: it was overwritten (waiting would never end);"
                    + " remove the mutex and create it again");
        }
    }
}
