package io.jipc.os;

/**
 * {@code <pthread.h>}: the process-shared, robust mutex calls, and {@code pthread_self} (the
 * identity {@link Signal#pthread_kill} needs). Pointers ({@code pthread_mutex_t *},
 * {@code pthread_mutexattr_t *}, {@code struct timespec *}) are passed as {@code long} addresses
 * of memory laid out as {@link io.jipc.os.layout.PthreadLayout} says.
 *
 * <p>These functions return the error number ({@code 0} on success) instead of setting
 * {@code errno}: {@link Errno#EOWNERDEAD}, {@link Errno#ENOTRECOVERABLE}, {@link Errno#ETIMEDOUT},
 * {@link Errno#EBUSY}, {@link Errno#EDEADLK}, {@link Errno#EPERM}...
 *
 * <p>A pthread mutex belongs to the <em>thread</em> that locked it: unlock it on the same
 * (platform) thread; a robust mutex whose holder thread ends is reported to the next locker with
 * {@code EOWNERDEAD} (the kernel walks the thread's robust list at exit).
 */
public interface Pthread {
    /** {@code PTHREAD_MUTEX_NORMAL}: mutex type: no error checking. */
    int PTHREAD_MUTEX_NORMAL = 0;
    /** {@code PTHREAD_MUTEX_RECURSIVE}: mutex type: the owner may lock again. */
    int PTHREAD_MUTEX_RECURSIVE = 1;
    /** {@code PTHREAD_MUTEX_ERRORCHECK}: mutex type: relocking or foreign unlocking is an error. */
    int PTHREAD_MUTEX_ERRORCHECK = 2;
    /** {@code PTHREAD_PROCESS_PRIVATE}: shared by the threads of one process only. */
    int PTHREAD_PROCESS_PRIVATE = 0;
    /** {@code PTHREAD_PROCESS_SHARED}: usable from any process that maps it. */
    int PTHREAD_PROCESS_SHARED = 1;
    /** {@code PTHREAD_MUTEX_STALLED}: not robust: a dead owner leaves it locked. */
    int PTHREAD_MUTEX_STALLED = 0;
    /** {@code PTHREAD_MUTEX_ROBUST}: robust: the next locker gets {@code EOWNERDEAD} when the owner died. */
    int PTHREAD_MUTEX_ROBUST = 1;

    /** The bindings, loaded once. */
    Pthread LIB = Native.load(Pthread.class);

    /**
     * {@code pthread_mutexattr_init}: initialises a mutex attribute object.
     *
     * @param attr the address of the attributes
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutexattr_init(long attr);

    /**
     * {@code pthread_mutexattr_settype}: sets the mutex type.
     *
     * @param attr the address of the attributes
     * @param type the type
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutexattr_settype(long attr, int type);

    /**
     * {@code pthread_mutexattr_setpshared}: sets the process-shared attribute.
     *
     * @param attr the address of the attributes
     * @param pshared the process-shared attribute
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutexattr_setpshared(long attr, int pshared);

    /**
     * {@code pthread_mutexattr_setrobust}: sets the robustness.
     *
     * @param attr the address of the attributes
     * @param robust the robustness
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutexattr_setrobust(long attr, int robust);

    /**
     * {@code pthread_mutexattr_destroy}: destroys an attribute object.
     *
     * @param attr the address of the attributes
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutexattr_destroy(long attr);

    /**
     * {@code pthread_mutex_init}: initialises a mutex.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @param attr the address of the attributes
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_init(long mutex, long attr);

    /**
     * {@code pthread_mutex_lock}: locks, waiting.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_lock(long mutex);

    /**
     * {@code pthread_mutex_trylock}: locks, or fails with {@code EBUSY}.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_trylock(long mutex);

    /**
     * {@code abstime} is an absolute {@code CLOCK_REALTIME} {@code struct timespec}.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @param abstime the address of an absolute {@code CLOCK_REALTIME} {@code struct timespec}
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_timedlock(long mutex, long abstime);

    /**
     * {@code pthread_mutex_unlock}: unlocks.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_unlock(long mutex);

    /**
     * {@code pthread_mutex_consistent}: marks a robust mutex whose owner died consistent again.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_consistent(long mutex);

    /**
     * {@code pthread_mutex_destroy}: destroys a mutex.
     *
     * @param mutex the {@code pthread_mutex_t *} address
     * @return 0, or an error number (errno is not set)
     */
    int pthread_mutex_destroy(long mutex);

    /**
     * The calling thread's {@code pthread_t} (an opaque {@code unsigned long} on Linux/glibc, held
     * in a {@code long}). For a Java platform thread it stays the same for the thread's life.
     *
     * @return 0, or an error number (errno is not set)
     */
    long pthread_self();
}
