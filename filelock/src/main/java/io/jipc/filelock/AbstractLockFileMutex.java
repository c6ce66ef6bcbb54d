package io.jipc.filelock;

import io.jipc.os.Unistd;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.LockFileProtocol;
import io.jipc.os.CreatedPaths;

import java.nio.file.Path;
import io.jipc.spi.AbstractMutex;

import java.util.concurrent.locks.LockSupport;

/** Common body of {@code lockfile:} and {@code linklock:}: polling with capped exponential backoff. */
abstract class AbstractLockFileMutex extends AbstractMutex {
    /** First pause between attempts. */
    static final long FIRST_PAUSE_NANOS = 100_000;

    private final LockFileProtocol protocol;
    private final String path;
    private final long pollCapNanos;
    private final Capabilities capabilities;
    private final CreatedPaths created;
    /** Whether this handle added its lock file to {@link #created} (once, at its first acquisition). */
    private volatile boolean recorded;

    AbstractLockFileMutex(IpcUri uri, FileLockScheme def, long pollCapNanos) {
        super(uri, identity(uri.path()));
        this.path = uri.path();
        this.protocol = new LockFileProtocol(path, uri.toString(), def.link, uri.mode());
        this.pollCapNanos = pollCapNanos;
        this.capabilities = def.capabilities;
        this.created = def.created;
    }

    /**
     * {@code lockfile:} and {@code linklock:} on one path are one lock (both create the same name):
     * the identity is the directory's device and inode plus the file name.
     */
    private static String identity(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath();
        java.nio.file.Path dir = p.getParent() == null ? p.getRoot() : p.getParent();
        try {
            return "lock-file:" + java.nio.file.Files.getAttribute(dir, "unix:dev") + ":"
                    + java.nio.file.Files.getAttribute(dir, "unix:ino") + "/" + p.getFileName();
        } catch (java.io.IOException | RuntimeException e) {
            return "lock-file:" + p.normalize();
        }
    }

    /**
     * Takes the lock, and at the first acquisition through this handle records the lock file as
     * created by jipc (so that a holder killed with it leaves a file {@code jipc ls} finds).
     */
    @Override
    protected final int acquire(long timeoutNanos) {
        int r = poll(timeoutNanos);
        if (r != FAILED && !recorded) {
            recorded = true;
            created.add(Path.of(path));
        }
        return r;
    }

    private int poll(long timeoutNanos) {
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        long pause = Math.min(FIRST_PAUSE_NANOS, pollCapNanos);
        int retries = 0;
        while (true) {
            ensureOpen("lock"); // closed while this thread polled: IpcClosed, and no further attempt
            int r = protocol.attempt();
            if (r == LockFileProtocol.TAKEN) {
                return ACQUIRED;
            }
            if (r == LockFileProtocol.TAKEN_OVER) {
                return ACQUIRED_OWNER_DIED;
            }
            if (r == LockFileProtocol.RETRY && ++retries < 16) {
                continue; // the file changed between two calls: look again now
            }
            retries = 0;
            if (timeoutNanos == 0) {
                return FAILED;
            }
            long wait = pause;
            if (timeoutNanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return FAILED;
                }
                wait = Math.min(wait, left);
            }
            pause(wait);
            pause = Math.min(pause * 2, pollCapNanos);
        }
    }

    /** Sleeps {@code nanos} in slices of at most {@link #WAIT_SLICE_NANOS}, leaving early when interrupted or closed. */
    private void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        while (true) {
            LockSupport.parkNanos(this, Math.min(WAIT_SLICE_NANOS, nanos));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IpcInterrupted("lock", uri().toString(), "interrupted while polling for " + path);
            }
            ensureOpen("lock");
            nanos = end - System.nanoTime();
            if (nanos <= 0) {
                return;
            }
        }
    }

    @Override
    protected final void release() {
        protocol.release();
    }

    /** A lock file has no per-handle resource. */
    @Override
    protected final void freeResources() {
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    /**
     * Unlinks the lock file if present — whoever holds it: this is the operator's way to break a
     * lock (a live holder's next {@code unlock} then finds nothing to release) — and removes the
     * lock's directory when jipc made it (recorded in the scheme's {@link CreatedPaths}) and it is empty.
     */
    @Override
    public final void remove() {
        if (isHeldByCurrentThread()) {
            protocol.forget();
        }
        KernelFiles.remove(path, uri().toString(), created);
        Path dir = Path.of(KernelFiles.parentOf(path));
        if (created.find(dir) != null && Unistd.LIB.rmdir(dir.toString()) == 0) {
            created.remove(dir);
        }
    }

    /** {@return the lock file's path} */
    public final String path() {
        return path;
    }

    /** {@return the cap of the polling backoff, in nanoseconds ({@code poll=})} */
    public final long pollCapNanos() {
        return pollCapNanos;
    }
}
