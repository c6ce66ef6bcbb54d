package io.jipc.filelock;

import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.LockSlot;

/**
 * {@code fcntl:/path} — a POSIX record lock ({@code F_WRLCK} over the whole file with
 * {@code F_SETLK}/{@code F_SETLKW}) used as a mutex, as GaPiL recommends: waiters sleep in the
 * kernel, and the kernel releases the lock when its holder dies.
 *
 * <h2>Making a process-owned lock safe for a JVM</h2>
 * A record lock belongs to the <em>process</em>: two threads of one JVM would both "hold" it, and
 * closing <em>any</em> descriptor of the file drops every lock the process has on it (the POSIX
 * pitfall). jipc therefore keeps <b>one descriptor per file per JVM</b>, keyed by device and inode
 * ({@code internal.SharedFiles}), shared by all {@code fcntl:} handles on that file and closed
 * only when the last of them closes; and puts a <b>JVM-local gate</b> in front of the kernel lock
 * (a fair one-permit semaphore, timed and interruptible), so that one thread of the JVM at a time
 * takes the kernel lock. Handles on the same file in one JVM exclude each other through the gate;
 * processes exclude each other through the kernel.
 *
 * <p>Caveat: code outside jipc in the same JVM that opens and closes the lock file (for example
 * reading it with {@code Files.readString}) still drops the lock — use a dedicated lock file, or
 * {@code ofd:}.
 *
 * <h2>Waiting and interrupts</h2>
 * An uncontended lock is one {@code F_SETLK}. A contended {@link #lock()} or timed
 * {@link #tryLock(long, java.util.concurrent.TimeUnit)} hands {@code F_SETLKW} to a daemon waiter
 * thread that sleeps in the kernel; the caller sleeps in Java and honours its timeout and
 * {@link Thread#interrupt()} ({@link io.jipc.api.IpcInterrupted}, interrupt status set) at once.
 * The kernel request cannot be cancelled: an abandoned request is adopted by the next thread of
 * this JVM that asks, or released the moment the kernel grants it.
 */
public final class FcntlMutex extends KernelFileMutex {
    FcntlMutex(IpcUri uri, LockSlot slot) {
        super(uri, slot, "record-lock", FileLockScheme.FCNTL.capabilities, FileLockScheme.FCNTL.created);
    }
}
