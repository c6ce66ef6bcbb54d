package io.jipc.filelock;

/**
 * Scheme {@code linklock:/path}: lock file taken with link() of a unique file (NFS-safe); waiters poll; stale holders taken over. See {@link LinkLockMutex}.
 *
 * <p>Options: {@code mode=} (permission bits of the lock file, default 0600); {@code poll=}
 * (cap of the polling backoff: {@code 50ms}, {@code 200us}, {@code 1s}; a bare number is
 * milliseconds; 1us..60s; default 50ms); {@code open=}: the lock file exists only while the lock
 * is held, so {@code open=} is about the lock's <em>directory</em>: {@code open} requires it,
 * {@code create} makes it (one level; fails if it exists), {@code open-or-create} (default)
 * makes it when missing; {@code remove()} deletes the lock file and the directory too if jipc
 * made it and it is empty.
 */
public final class LinkLockBackend extends FileLockBackend {
    /** The backend of {@code FileLockScheme.LINKLOCK}; found by {@link java.util.ServiceLoader}. */
    public LinkLockBackend() {
        super(FileLockScheme.LINKLOCK);
    }
}
