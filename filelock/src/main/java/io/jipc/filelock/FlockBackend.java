package io.jipc.filelock;

/**
 * Scheme {@code flock:/path}: BSD flock(LOCK_EX) on a file. See {@link FlockMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class FlockBackend extends FileLockBackend {
    /** The backend of {@code FileLockScheme.FLOCK}; found by {@link java.util.ServiceLoader}. */
    public FlockBackend() {
        super(FileLockScheme.FLOCK);
    }
}
