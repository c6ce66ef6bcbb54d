package io.jipc.api;

import java.util.concurrent.TimeUnit;

/**
 * A mutual-exclusion lock shared between processes. On every backend it excludes other
 * processes <em>and</em> other threads of the same JVM.
 *
 * <p>Not reentrant: the holder locking again gets an {@link IllegalStateException} (not a
 * deadlock); unlocking a mutex the current thread does not hold is an
 * {@link IllegalMonitorStateException}.
 *
 * <p><b>Owner death.</b> Where the mechanism can tell (a robust pthread mutex's
 * {@code EOWNERDEAD}, a SysV semaphore released by {@code SEM_UNDO}, a stale lock file whose pid
 * is dead), the acquisition that inherits from a dead holder makes {@link #ownerDied()} return
 * {@code true} until the next unlock: the new holder can repair the protected state, then call
 * {@link #markConsistent()} (needed by robust mutexes, harmless elsewhere) before unlocking.
 * {@link Capabilities#ownerDeathDetected()} says whether a backend can tell.
 *
 * <p><b>Interrupts.</b> {@link #lock()} and the timed {@link #tryLock(long, TimeUnit)} end with
 * {@link IpcInterrupted}, interrupt status set, when the waiting thread is interrupted.
 */
public interface Mutex extends IpcHandle {
    /** Acquires, waiting as long as it takes. */
    void lock();

    /** Acquires if free now. */
    boolean tryLock();

    /** Acquires, waiting at most {@code timeout}; {@code false} when it timed out. */
    boolean tryLock(long timeout, TimeUnit unit);

    /** Releases. */
    void unlock();

    /** Does the current thread hold this mutex through this handle? */
    boolean isHeldByCurrentThread();

    /**
     * Did the current hold inherit the mutex from a holder that died holding it? Valid while the
     * current thread holds the mutex.
     */
    boolean ownerDied();

    /**
     * Declares the protected state repaired after {@link #ownerDied()}. On a robust pthread mutex
     * this calls {@code pthread_mutex_consistent}; unlocking without it makes the mutex unusable
     * ({@code ENOTRECOVERABLE}). Elsewhere it only clears {@link #ownerDied()}.
     */
    void markConsistent();
}
