package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;

import java.util.Set;

/**
 * Scheme {@code lockfile:/path}: lock file created with open(O_CREAT|O_EXCL); waiters poll; stale holders taken over. See {@link LockFileMutex}.
 *
 * <p>Options: {@code mode=} (permission bits of the lock file, default 0600); {@code poll=}
 * (cap of the polling backoff: {@code 50ms}, {@code 200us}, {@code 1s}; a bare number is
 * milliseconds; 1us..60s; default 50ms); {@code open=}: the lock file exists only while the lock
 * is held, so {@code open=} is about the lock's <em>directory</em>: {@code open} requires it,
 * {@code create} makes it (one level; fails if it exists), {@code open-or-create} (default)
 * makes it when missing; {@code remove()} deletes the lock file and the directory too if jipc
 * made it and it is empty.
 */
public final class LockFileBackend extends FileLockBackend {
    static final Capabilities CAPABILITIES = Capabilities.builder("lockfile", Primitive.MUTEX)
            .lockOwner(Capabilities.LockOwner.FILE)
            .waitersSleep(false)
            .crashReleases(true)
            .ownerDeathDetected(true)
            .timed(Capabilities.Timed.EMULATED)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("the lock file (stale); the next locker on this host takes it over and sees ownerDied()")
            .notes("the lock is the file: waiters poll with capped exponential backoff (poll= caps it, default 50ms); a dead holder of this host (pid gone or reused) is detected and its file taken over atomically (ownerDied() true); a lock file of another host is never taken over; not atomic on old NFS (use linklock)")
            .build();

    @Override
    public String scheme() {
        return "lockfile";
    }

    @Override
    public String description() {
        return "lock file created with open(O_CREAT|O_EXCL); waiters poll; stale holders taken over";
    }

    @Override
    Capabilities mutexCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        uri.checkOptions("lockfile mutex", Set.of("poll"));
        String path = lockPath(uri);
        long poll = pollOption(uri);
        prepareLockFileDir(uri, path);
        return new LockFileMutex(uri, poll);
    }
}
