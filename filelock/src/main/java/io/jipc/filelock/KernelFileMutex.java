package io.jipc.filelock;

import io.jipc.api.Capabilities;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.LockSlot;
import io.jipc.spi.AbstractMutex;
import io.jipc.api.IpcUri;

import java.util.concurrent.atomic.AtomicBoolean;

/** Common body of the three kernel-lock mutexes: a {@link LockSlot} does the work. */
abstract class KernelFileMutex extends AbstractMutex {
    private final LockSlot slot;
    private final String path;
    private final Capabilities capabilities;
    private final AtomicBoolean held = new AtomicBoolean();

    KernelFileMutex(IpcUri uri, LockSlot slot, Capabilities capabilities) {
        super(uri);
        this.slot = slot;
        this.path = uri.path();
        this.capabilities = capabilities;
    }

    @Override
    protected final int acquire(long timeoutNanos) {
        String u = uri().toString();
        slot.retain(u);
        try {
            if (!slot.acquire(timeoutNanos, u)) {
                return FAILED;
            }
            held.set(true);
            if (isClosed() && held.compareAndSet(true, false)) {
                slot.release(u);
                ensureOpen("lock");
            }
            return ACQUIRED;
        } finally {
            slot.unref();
        }
    }

    @Override
    protected final void release() {
        if (held.compareAndSet(true, false)) {
            slot.release(uri().toString());
        }
    }

    @Override
    protected final void closeOnce() {
        try {
            if (held.compareAndSet(true, false)) {
                slot.release(uri().toString());
            }
        } finally {
            slot.unref();
        }
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    /** Unlinks the lock file; handles already open keep locking the (now nameless) file. */
    @Override
    public final void remove() {
        KernelFiles.remove(path, uri().toString());
    }

    /** The lock file's path. */
    public final String path() {
        return path;
    }
}
