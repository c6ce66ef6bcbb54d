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

    /** {@code sem_t *sem_open(const char *name, int oflag, mode_t mode, unsigned int value)}. */
    @SaveError
    long sem_open(String name, int oflag, int mode, int value);

    @SaveError
    int sem_wait(long sem);

    @SaveError
    int sem_trywait(long sem);

    @SaveError
    int sem_timedwait(long sem, long absTimeout);

    @SaveError
    int sem_post(long sem);

    @SaveError
    int sem_getvalue(long sem, long valueOut);

    @SaveError
    int sem_close(long sem);

    @SaveError
    int sem_unlink(String name);
}
