package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/** {@code <sys/file.h>}: {@code flock(2)}, a lock owned by the open file description. */
public interface SysFile {
    /** {@code LOCK_SH}: a shared lock. */
    int LOCK_SH = 1;
    /** {@code LOCK_EX}: an exclusive lock. */
    int LOCK_EX = 2;
    /** {@code LOCK_NB}: fail with {@code EWOULDBLOCK} instead of waiting. */
    int LOCK_NB = 4;
    /** {@code LOCK_UN}: release the lock. */
    int LOCK_UN = 8;

    /** The bindings, loaded once. */
    SysFile LIB = Native.load(SysFile.class);

    /**
     * {@code flock(fd, operation)}.
     *
     * @param fd the descriptor
     * @param operation {@link #LOCK_SH}, {@link #LOCK_EX} or {@link #LOCK_UN}, optionally with {@link #LOCK_NB}
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int flock(int fd, int operation);
}
