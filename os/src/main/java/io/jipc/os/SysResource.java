package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/resource.h>}: resource limits. {@code struct rlimit} is two 8-byte fields,
 * {@code rlim_cur} then {@code rlim_max}, passed by address ({@link Proc#rlimit} and
 * {@link Proc#setRlimit} do it for you).
 */
public interface SysResource {
    /** {@code RLIMIT_FSIZE}: the largest file the process may create, in bytes. */
    int RLIMIT_FSIZE = 1;
    /** {@code RLIMIT_NOFILE}: one more than the largest descriptor number. */
    int RLIMIT_NOFILE = 7;
    /** {@code RLIMIT_MSGQUEUE}: bytes of POSIX message queues per real user id. */
    int RLIMIT_MSGQUEUE = 12;
    /** {@code RLIM_INFINITY}: no limit. */
    long RLIM_INFINITY = -1L;

    /** The bindings, loaded once. */
    SysResource LIB = Native.load(SysResource.class);

    /**
     * {@code getrlimit(resource, rlim)}.
     *
     * @param resource an {@code RLIMIT_*} value
     * @param rlim the address of a 16-byte {@code struct rlimit} to fill
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int getrlimit(int resource, long rlim);

    /**
     * {@code setrlimit(resource, rlim)}.
     *
     * @param resource an {@code RLIMIT_*} value
     * @param rlim the address of a 16-byte {@code struct rlimit}
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int setrlimit(int resource, long rlim);
}
