package io.jipc.os;

import jnr.ffi.annotations.IgnoreError;

/**
 * {@code <pthread.h>}: the process-shared, robust mutex calls, and {@code pthread_self} (the
 * identity {@link Signal#pthread_kill} needs). Pointers ({@code pthread_mutex_t *},
 * {@code pthread_mutexattr_t *}, {@code struct timespec *}) are passed as {@code long} addresses
 * of memory laid out as {@link io.jipc.os.layout.PthreadLayout} says.
 *
 * <p>These functions return the error number ({@code 0} on success) instead of setting
 * {@code errno}: {@link Errno#EOWNERDEAD}, {@link Errno#ENOTRECOVERABLE}, {@link Errno#ETIMEDOUT},
 * {@link Errno#EBUSY}, {@link Errno#EDEADLK}, {@link Errno#EPERM}... So they are bound with
 * {@code @IgnoreError}: jnr-ffi otherwise saves {@code errno} after every call, which costs about
 * as much as the call itself on the lock path and tells nothing here.
 *
 * <p>A pthread mutex belongs to the <em>thread</em> that locked it: unlock it on the same
 * (platform) thread; a robust mutex whose holder thread ends is reported to the next locker with
 * {@code EOWNERDEAD} (the kernel walks the thread's robust list at exit).
 */
public interface Pthread {
    int PTHREAD_MUTEX_NORMAL = 0;
    int PTHREAD_MUTEX_RECURSIVE = 1;
    int PTHREAD_MUTEX_ERRORCHECK = 2;
    int PTHREAD_PROCESS_PRIVATE = 0;
    int PTHREAD_PROCESS_SHARED = 1;
    int PTHREAD_MUTEX_STALLED = 0;
    int PTHREAD_MUTEX_ROBUST = 1;

    /** The bindings, loaded once. */
    Pthread LIB = Native.load(Pthread.class);

    @IgnoreError
    int pthread_mutexattr_init(long attr);

    @IgnoreError
    int pthread_mutexattr_settype(long attr, int type);

    @IgnoreError
    int pthread_mutexattr_setpshared(long attr, int pshared);

    @IgnoreError
    int pthread_mutexattr_setrobust(long attr, int robust);

    @IgnoreError
    int pthread_mutexattr_destroy(long attr);

    @IgnoreError
    int pthread_mutex_init(long mutex, long attr);

    @IgnoreError
    int pthread_mutex_lock(long mutex);

    @IgnoreError
    int pthread_mutex_trylock(long mutex);

    /** {@code abstime} is an absolute {@code CLOCK_REALTIME} {@code struct timespec}. */
    @IgnoreError
    int pthread_mutex_timedlock(long mutex, long abstime);

    @IgnoreError
    int pthread_mutex_unlock(long mutex);

    @IgnoreError
    int pthread_mutex_consistent(long mutex);

    @IgnoreError
    int pthread_mutex_destroy(long mutex);

    /**
     * The calling thread's {@code pthread_t} (an opaque {@code unsigned long} on Linux/glibc, held
     * in a {@code long}). For a Java platform thread it stays the same for the thread's life.
     */
    @IgnoreError
    long pthread_self();
}
