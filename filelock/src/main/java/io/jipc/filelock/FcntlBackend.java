package io.jipc.filelock;

/**
 * Scheme {@code fcntl:/path}: fcntl record lock (F_SETLKW write lock on a file): one descriptor per file per JVM and a JVM-local lock. See {@link FcntlMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class FcntlBackend extends FileLockBackend {
    /** The backend of {@code FileLockScheme.FCNTL}; found by {@link java.util.ServiceLoader}. */
    public FcntlBackend() {
        super(FileLockScheme.FCNTL);
    }
}
