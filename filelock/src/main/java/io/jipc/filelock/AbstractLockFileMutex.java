package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.LockFileProtocol;
import io.jipc.filelock.internal.Sys;
import io.jipc.os.CreatedObjects;

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

    AbstractLockFileMutex(IpcUri uri, boolean link, long pollCapNanos, Capabilities capabilities) {
        super(uri);
        this.path = uri.path();
        this.protocol = new LockFileProtocol(path, uri.toString(), link, uri.mode());
        this.pollCapNanos = pollCapNanos;
        this.capabilities = capabilities;
    }

    @Override
    protected final int acquire(long timeoutNanos) {
        final long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        long pause = Math.min(FIRST_PAUSE_NANOS, pollCapNanos);
        int retries = 0;
        while (true) {
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
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IpcInterrupted("lock", uri().toString(), "interrupted while polling for " + path);
            }
            pause = Math.min(pause * 2, pollCapNanos);
        }
    }

    @Override
    protected final void release() {
        protocol.release();
    }

    @Override
    protected final void closeOnce() {
        if (protocol.holds()) {
            protocol.release();
        }
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    /**
     * Unlinks the lock file if present — whoever holds it: this is the operator's way to break a
     * lock (a live holder's next {@code unlock} then finds nothing to release) — and removes the
     * lock's directory when jipc made it (recorded in {@link CreatedObjects}) and it is empty.
     */
    @Override
    public final void remove() {
        if (isHeldByCurrentThread()) {
            protocol.forget();
        }
        KernelFiles.remove(path, uri().toString());
        String dir = KernelFiles.parentOf(path);
        for (CreatedObjects.Entry e : CreatedObjects.list()) {
            if (e.path().equals(dir)) {
                if (Sys.rmdir(dir) == 0) {
                    CreatedObjects.forget(Path.of(dir));
                }
                break;
            }
        }
    }

    /** The lock file's path. */
    public final String path() {
        return path;
    }

    /** The cap of the polling backoff, in nanoseconds ({@code poll=}). */
    public final long pollCapNanos() {
        return pollCapNanos;
    }
}
