package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.KernelLock;
import io.jipc.filelock.internal.LockSlot;

import java.util.Set;

/**
 * Scheme {@code flock:/path}: BSD flock(LOCK_EX) on a file. See {@link FlockMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class FlockBackend extends FileLockBackend {
    static final Capabilities CAPABILITIES = Capabilities.builder("flock", Primitive.MUTEX)
            .lockOwner(Capabilities.LockOwner.OPEN_FILE_DESCRIPTION)
            .waitersSleep(true)
            .crashReleases(true)
            .ownerDeathDetected(false)
            .timed(Capabilities.Timed.EMULATED)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("nothing: the kernel releases the lock (the unlocked file stays)")
            .notes("each handle is its own open file description; interoperates with flock(1); independent of fcntl locks; waiters sleep in flock(LOCK_EX)")
            .build();

    @Override
    public String scheme() {
        return "flock";
    }

    @Override
    public String description() {
        return "BSD flock(LOCK_EX) on a file";
    }

    @Override
    Capabilities mutexCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        uri.checkOptions("flock mutex", Set.of());
        String path = lockPath(uri);
        boolean[] created = new boolean[1];
        int fd = KernelFiles.openLockFile(path, uri.open(), uri.mode(), uri.toString(), created, "flock");
        return new FlockMutex(uri, new LockSlot(KernelLock.FLOCK, fd, null, null));
    }
}
