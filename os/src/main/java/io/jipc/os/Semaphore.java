package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <semaphore.h>}: POSIX named semaphores (glibc keeps them as {@code /dev/shm/sem.NAME},
 * mapped into the process; a {@code sem_t *} is an address). {@code sem_open} is variadic in C and
 * bound with its full fixed arity (name, oflag, mode, value); it fails with {@link #SEM_FAILED}.
 * Waits sleep on a futex in the kernel.
 */
public interface Semaphore {
    /** {@code SEM_FAILED}: {@code (sem_t *) 0} in glibc (checked by a test against the header). */
    long SEM_FAILED = 0L;
    /** {@code SEM_VALUE_MAX}. */
    int SEM_VALUE_MAX = Integer.MAX_VALUE;

    /** The bindings, loaded once. */
    Semaphore LIB = Native.load(Semaphore.class);

    /**
     * {@code sem_t *sem_open(const char *name, int oflag, mode_t mode, unsigned int value)}.
     *
     * @param name the name ({@code "/NAME"})
     * @param oflag the {@code O_*} open flags
     * @param mode the permission bits (before the umask)
     * @param value the value
     * @return the {@code sem_t *} address, or {@link #SEM_FAILED} with errno saved
     */
    @SaveError
    long sem_open(String name, int oflag, int mode, int value);

    /**
     * {@code sem_wait}: decrements, waiting while the value is 0.
     *
     * @param sem the {@code sem_t *} address
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_wait(long sem);

    /**
     * {@code sem_trywait}: decrements, or fails with {@code EAGAIN}.
     *
     * @param sem the {@code sem_t *} address
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_trywait(long sem);

    /**
     * {@code sem_timedwait}: decrements, waiting at most until a deadline.
     *
     * @param sem the {@code sem_t *} address
     * @param absTimeout the address of an absolute {@code CLOCK_REALTIME} {@code struct timespec}
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_timedwait(long sem, long absTimeout);

    /**
     * {@code sem_post}: increments and wakes a waiter.
     *
     * @param sem the {@code sem_t *} address
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_post(long sem);

    /**
     * {@code sem_getvalue}: reads the value.
     *
     * @param sem the {@code sem_t *} address
     * @param valueOut the native address that receives the value
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_getvalue(long sem, long valueOut);

    /**
     * {@code sem_close}: closes the handle.
     *
     * @param sem the {@code sem_t *} address
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_close(long sem);

    /**
     * {@code sem_unlink}: removes the name.
     *
     * @param name the name ({@code "/NAME"})
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int sem_unlink(String name);
}
