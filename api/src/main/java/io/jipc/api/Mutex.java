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
 * <p><b>Several handles in one JVM.</b> Handles on the same object (the same URI opened twice,
 * or two URIs naming the same file or key) exclude each other like handles in different
 * processes. The holder thread locking the same object again through any handle gets an
 * {@link IllegalStateException} at once, never a self-deadlock.
 *
 * <p><b>Close and the lock</b> (one rule on every backend):
 * <ul>
 *   <li>the holder thread closing its own handle releases the lock, then closes;</li>
 *   <li>another thread closing the handle while it is held closes it for new operations at once
 *       ({@link #isClosed()} is {@code true}, {@code lock} fails with {@link IpcClosed}), but the
 *       lock keeps excluding everyone until the holder calls {@link #unlock()}, which releases it
 *       and then frees the handle's resources;</li>
 *   <li>threads waiting in {@code lock} or the timed {@code tryLock} through the handle wake with
 *       {@link IpcClosed}; no thread ever acquires through a closed handle;</li>
 *   <li>{@link #unlock()} by a thread that does not hold the mutex, closed or not, is an
 *       {@link IllegalMonitorStateException}.</li>
 * </ul>
 *
 * <p><b>Interrupts.</b> {@link #lock()} and the timed {@link #tryLock(long, TimeUnit)} end with
 * {@link IpcInterrupted}, interrupt status set, when the waiting thread is interrupted.
 */
public interface Mutex extends IpcHandle {
    /** Acquires, waiting as long as it takes. */
    void lock();

    /**
     * Acquires if free now, without waiting.
     *
     * @return {@code true} if this thread now holds the mutex, {@code false} if another holder has it
     */
    boolean tryLock();

    /**
     * Acquires, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most; 0 or less means do not wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if this thread now holds the mutex, {@code false} when it timed out
     */
    boolean tryLock(long timeout, TimeUnit unit);

    /** Releases. */
    void unlock();

    /** {@return whether the current thread holds this mutex through this handle} */
    boolean isHeldByCurrentThread();

    /**
     * Did the current hold inherit the mutex from a holder that died holding it? Valid while the
     * current thread holds the mutex.
     *
     * @return {@code true} if the previous holder died holding it and nobody has called
     *         {@link #markConsistent()} since
     */
    boolean ownerDied();

    /**
     * Declares the protected state repaired after {@link #ownerDied()}. On a robust pthread mutex
     * this calls {@code pthread_mutex_consistent}; unlocking without it makes the mutex unusable
     * ({@code ENOTRECOVERABLE}). Elsewhere it only clears {@link #ownerDied()}.
     */
    void markConsistent();
}
