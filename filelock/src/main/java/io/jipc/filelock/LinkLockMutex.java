package io.jipc.filelock;

import io.jipc.api.IpcUri;

/**
 * {@code linklock:/path} — GaPiL's NFS-safe lock file: the identity is written into a unique
 * file beside the lock ({@code path.<host>.<pid>.<n>}), which is then {@code link()}ed to
 * {@code path}; the lock is taken when {@code link} succeeds or when the unique file's link
 * count is 2 (the NFS lost-reply case). The unique file is always removed afterwards. Identity,
 * polling, stale-holder take-over and release work as for {@link LockFileMutex}. The lock's
 * directory must allow hard links (same file system, which it is by construction).
 */
public final class LinkLockMutex extends AbstractLockFileMutex {
    LinkLockMutex(IpcUri uri, long pollCapNanos) {
        super(uri, FileLockScheme.LINKLOCK, pollCapNanos);
    }
}
