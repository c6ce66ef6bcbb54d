package io.jipc.filelock;

/**
 * Scheme {@code ofd:/path}: open-file-description lock (F_OFD_SETLKW write lock on a file, Linux 3.15+). See {@link OfdMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class OfdBackend extends FileLockBackend {
    /** The backend of {@code FileLockScheme.OFD}; found by {@link java.util.ServiceLoader}. */
    public OfdBackend() {
        super(FileLockScheme.OFD);
    }
}
