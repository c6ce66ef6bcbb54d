package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code shm_open}/{@code shm_unlink} from {@code <sys/mman.h>} (the rest of that header is
 * {@link Mman}), and {@code posix_fallocate} from {@code <fcntl.h>}: reserving a new object's
 * pages at creation turns a full {@code /dev/shm} into a clean {@code ENOSPC} instead of a
 * {@code SIGBUS} that would kill the JVM on first touch.
 */
public interface PosixShm {
    /** The bindings, loaded once. */
    PosixShm LIB = Native.load(PosixShm.class);

    /** {@code int shm_open(const char *name, int oflag, mode_t mode)}; -1 and errno on failure. */
    @SaveError
    int shm_open(String name, int oflag, int mode);

    @SaveError
    int shm_unlink(String name);

    /** Returns 0 or an error number (it does not set errno). */
    int posix_fallocate(int fd, long offset, long len);
}
