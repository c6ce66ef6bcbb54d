package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcClosed;
import io.jipc.api.Mutex;

/**
 * The {@link Mutex} contract every mutex backend passes: open modes, idempotent close,
 * non-reentrancy, unlock by a non-holder, try and timed locks, exclusion of other threads of the
 * same JVM (through one handle and through two) and of other processes, an exact non-atomic
 * counter across threads and across JVMs, and {@code kill -9} of a holder with the outcome the
 * capabilities declare ({@link Capabilities#crashReleases()},
 * {@link Capabilities#ownerDeathDetected()}).
 *
 * <p>The lifecycle under threads ({@link Mutex}'s "close and the lock" rules): another thread
 * closing a handle while it is held (the lock keeps excluding until the holder unlocks, then the
 * handle is closed for good), close while a thread waits in {@code lock} or the timed
 * {@code tryLock} (it wakes with {@link IpcClosed} and holds nothing), the holder closing its own
 * handle (released), the holder locking through a second handle ({@link IllegalStateException}),
 * unlock and lock on a closed handle, and {@code remove()} while a thread is blocked (per
 * mechanism: {@link #removeWhileBlocked()}). Threads are ordered with latches; where a thread
 * must be inside its kernel wait and nothing shows it, the test gives it a short moment
 * ({@link #ENTER_WAIT_MILLIS}) and asserts nothing on time.
 *
 * <p>The suite is split by concern along one line of abstract classes, each adding its tests:
 * {@link MutexContractSupport} (the hooks and helpers), {@link MutexSemanticsContract} (open
 * modes, lock and unlock, non-reentrancy, remove), {@link MutexProcessesContract} (child JVMs,
 * {@code kill -9}), {@link MutexLifecycleContract} (close and remove under threads) and
 * {@link MutexThreadsContract} (threads of one JVM, through one handle and through two).
 */
public abstract class MutexContract extends MutexThreadsContract {
}
