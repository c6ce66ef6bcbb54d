package io.jipc.filelock;

import io.jipc.api.IpcUri;

/**
 * {@code lockfile:/path} — the classic lock file: whoever creates {@code path} with
 * {@code open(O_CREAT|O_EXCL|O_WRONLY|O_NOFOLLOW|O_CLOEXEC, mode)} holds the lock and writes its
 * identity (pid, process start time, boot id, host, a token); {@code unlock} unlinks it if it is
 * still its own. Waiters poll with capped exponential backoff (100 µs doubling up to
 * {@code poll=}, default 50 ms). A lock file left by a dead holder of this host (pid gone, or
 * reused: the start time differs) is taken over atomically by the next locker, which sees
 * {@link #ownerDied()} {@code true}; a lock file of another host is never taken over. The
 * protocol, including why the take-over is atomic, is described in
 * {@code io.jipc.filelock.internal.LockFileProtocol}. Not atomic on old NFS: use
 * {@code linklock:} there.
 *
 * <p>Thread interrupts are honoured between polls ({@link io.jipc.api.IpcInterrupted}, interrupt
 * status set).
 */
public final class LockFileMutex extends AbstractLockFileMutex {
    LockFileMutex(IpcUri uri, long pollCapNanos) {
        super(uri, FileLockScheme.LOCKFILE, pollCapNanos);
    }
}
