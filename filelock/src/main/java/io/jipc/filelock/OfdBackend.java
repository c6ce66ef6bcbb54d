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
 * Scheme {@code ofd:/path}: open-file-description lock (F_OFD_SETLKW write lock on a file, Linux 3.15+). See {@link OfdMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class OfdBackend extends FileLockBackend {
    static final Capabilities CAPABILITIES = Capabilities.builder("ofd", Primitive.MUTEX)
            .lockOwner(Capabilities.LockOwner.OPEN_FILE_DESCRIPTION)
            .waitersSleep(true)
            .crashReleases(true)
            .ownerDeathDetected(false)
            .timed(Capabilities.Timed.EMULATED)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("nothing: the kernel releases the lock (the unlocked file stays)")
            .notes("each handle is its own open file description: handles exclude each other in one JVM and across processes; conflicts with fcntl record locks on the same file; waiters sleep in F_OFD_SETLKW")
            .build();

    @Override
    public String scheme() {
        return "ofd";
    }

    @Override
    public String description() {
        return "open-file-description lock (F_OFD_SETLKW write lock on a file, Linux 3.15+)";
    }

    @Override
    Capabilities mutexCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        uri.checkOptions("ofd mutex", Set.of());
        String path = lockPath(uri);
        boolean[] created = new boolean[1];
        int fd = KernelFiles.openLockFile(path, uri.open(), uri.mode(), uri.toString(), created, "ofd");
        return new OfdMutex(uri, new LockSlot(KernelLock.OFD, fd, null, null));
    }
}
