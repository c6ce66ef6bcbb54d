package io.jipc.filelock;

import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.LockSlot;

/**
 * {@code flock:/path} — a BSD lock, {@code flock(LOCK_EX)}: owned by the open file description,
 * so each handle (its own {@code open}) is independent, in one JVM or across processes; threads
 * sharing one handle are excluded by a per-handle gate. Interoperates with {@code flock(1)} and
 * any program using {@code flock(2)} on the same file; does not interact with {@code fcntl}
 * locks on Linux. On NFS, Linux emulates {@code flock} with a whole-file {@code fcntl} lock.
 *
 * <p>Waiting, timeouts and interrupts work as for {@link FcntlMutex}.
 */
public final class FlockMutex extends KernelFileMutex {
    FlockMutex(IpcUri uri, LockSlot slot) {
        super(uri, slot, "flock", FileLockScheme.FLOCK.capabilities, FileLockScheme.FLOCK.created);
    }
}
