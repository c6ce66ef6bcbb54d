package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.filelock.internal.SharedFiles;

import java.util.Set;

/**
 * Scheme {@code fcntl:/path}: fcntl record lock (F_SETLKW write lock on a file): one descriptor per file per JVM and a JVM-local lock. See {@link FcntlMutex}.
 * Options: {@code mode=} (permission bits of a created lock file, default 0600) and
 * {@code open=} ({@code open-or-create} by default; {@code create} fails if the file exists;
 * {@code open} fails if it does not).
 */
public final class FcntlBackend extends FileLockBackend {
    static final Capabilities CAPABILITIES = Capabilities.builder("fcntl", Primitive.MUTEX)
            .lockOwner(Capabilities.LockOwner.PROCESS)
            .waitersSleep(true)
            .crashReleases(true)
            .ownerDeathDetected(false)
            .timed(Capabilities.Timed.EMULATED)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("nothing: the kernel releases the lock (the unlocked file stays)")
            .notes("process-owned: jipc shares one descriptor per file per JVM (closing a handle never drops the lock of another handle) and adds a JVM-local gate; waiters sleep in F_SETLKW (in a waiter thread, so timeouts and interrupts act at once); other code that closes the same file in this JVM drops the lock")
            .build();

    @Override
    public String scheme() {
        return "fcntl";
    }

    @Override
    public String description() {
        return "fcntl record lock (F_SETLKW write lock on a file): one descriptor per file per JVM and a JVM-local lock";
    }

    @Override
    Capabilities mutexCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        uri.checkOptions("fcntl mutex", Set.of());
        String path = lockPath(uri);
        boolean[] created = new boolean[1];
        return new FcntlMutex(uri, SharedFiles.open(path, uri.open(), uri.mode(), uri.toString(), created));
    }
}
