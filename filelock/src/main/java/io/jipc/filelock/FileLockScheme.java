package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.api.Primitive;
import io.jipc.filelock.internal.KernelLock;
import io.jipc.os.CreatedPaths;

import java.util.Set;

/**
 * The five file-lock schemes as data: what differs between them (the scheme, how the lock is
 * taken, the options, the capabilities) and nothing else. {@link FileLockBackend} does the rest
 * for all five alike. Two families: a kernel lock on an open descriptor of a file that stays
 * ({@code fcntl}, {@code ofd}, {@code flock}), and a lock file whose existence is the lock
 * ({@code lockfile}, {@code linklock}), which polls and takes over dead holders.
 */
enum FileLockScheme {
    /** {@code fcntl:/path}: a POSIX record lock, owned by the process. */
    FCNTL("fcntl", KernelLock.FCNTL, false,
            "fcntl record lock (F_SETLKW write lock on a file): one descriptor per file per JVM and a JVM-local lock",
            kernel("fcntl", Capabilities.LockOwner.PROCESS)
                    .notes("process-owned: jipc shares one descriptor per file per JVM (closing a handle never drops the lock of another handle) and adds a JVM-local gate; waiters sleep in F_SETLKW (in a waiter thread, so timeouts and interrupts act at once); other code that closes the same file in this JVM drops the lock")),
    /** {@code ofd:/path}: an open-file-description lock. */
    OFD("ofd", KernelLock.OFD, false,
            "open-file-description lock (F_OFD_SETLKW write lock on a file, Linux 3.15+)",
            kernel("ofd", Capabilities.LockOwner.OPEN_FILE_DESCRIPTION)
                    .notes("each handle is its own open file description: handles exclude each other in one JVM and across processes; conflicts with fcntl record locks on the same file; waiters sleep in F_OFD_SETLKW")),
    /** {@code flock:/path}: a BSD lock. */
    FLOCK("flock", KernelLock.FLOCK, false,
            "BSD flock(LOCK_EX) on a file",
            kernel("flock", Capabilities.LockOwner.OPEN_FILE_DESCRIPTION)
                    .notes("each handle is its own open file description; interoperates with flock(1); independent of fcntl locks; waiters sleep in flock(LOCK_EX)")),
    /** {@code lockfile:/path}: the lock is a file created with {@code O_CREAT|O_EXCL}. */
    LOCKFILE("lockfile", null, false,
            "lock file created with open(O_CREAT|O_EXCL); waiters poll; stale holders taken over",
            lockFile("lockfile")
                    .notes("the lock is the file: waiters poll with capped exponential backoff (poll= caps it, default 50ms); a dead holder of this host (pid gone or reused) is detected and its file taken over atomically (ownerDied() true); a lock file of another host is never taken over; not atomic on old NFS (use linklock)")),
    /** {@code linklock:/path}: the lock is a file made with {@code link()} of a unique file (NFS-safe). */
    LINKLOCK("linklock", null, true,
            "lock file taken with link() of a unique file (NFS-safe); waiters poll; stale holders taken over",
            lockFile("linklock")
                    .notes("the NFS-safe lock file of GaPiL: link() of a unique file path.<host>.<pid>.<n>, success when link succeeds or st_nlink is 2; waiters poll (poll= caps the backoff, default 50ms); dead holders of this host are taken over atomically (ownerDied() true); a lock file of another host is never taken over"));

    final String scheme;
    /** The kernel lock of the descriptor family, or null for the lock-file family. */
    final KernelLock lock;
    /** Lock-file family: take the lock with {@code link()} rather than {@code O_EXCL}. */
    final boolean link;
    final String description;
    final Capabilities capabilities;
    /** The options beyond {@code mode=} and {@code open=}. */
    final Set<String> options;
    /** The files (and lock directories) jipc created for this scheme. */
    final CreatedPaths created;

    FileLockScheme(String scheme, KernelLock lock, boolean link, String description, Capabilities.Builder caps) {
        this.scheme = scheme;
        this.lock = lock;
        this.link = link;
        this.description = description;
        this.capabilities = caps.build();
        this.options = lock == null ? Set.of("poll") : Set.of();
        this.created = CreatedPaths.named(scheme);
    }

    /** Is the lock the file's existence (polling, stale take-over) rather than a kernel lock on it? */
    boolean lockFileFamily() {
        return lock == null;
    }

    /** A kernel lock: waiters sleep, the kernel releases a dead holder's lock without telling. */
    private static Capabilities.Builder kernel(String scheme, Capabilities.LockOwner owner) {
        return common(scheme, owner, false)
                .crashLeaves("nothing: the kernel releases the lock (the unlocked file stays)");
    }

    /** A lock file: waiters poll, a dead holder's file is taken over and the taker told. */
    private static Capabilities.Builder lockFile(String scheme) {
        return common(scheme, Capabilities.LockOwner.FILE, true)
                .crashLeaves("the lock file (stale); the next locker on this host takes it over and sees ownerDied()");
    }

    private static Capabilities.Builder common(String scheme, Capabilities.LockOwner owner, boolean polls) {
        return Capabilities.builder(scheme, Primitive.MUTEX).lockOwner(owner).waitersSleep(!polls).crashReleases(true)
                .ownerDeathDetected(polls).timed(Capabilities.Timed.EMULATED).persistence(Capabilities.Persistence.FILE_SYSTEM);
    }
}
