package io.jipc.filelock;

import io.jipc.os.Fd;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.filelock.internal.FileKey;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.LockSlot;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.AbstractMutex;
import java.util.function.BooleanSupplier;

/**
 * Common body of the three kernel-lock mutexes: a {@link LockSlot} does the work; the lifecycle
 * under threads (close while held or waited for, a second handle in the holder thread) is
 * {@link AbstractMutex}'s. The identity that refuses a holder thread's second handle is the lock
 * family and the file's device and inode: {@code fcntl} and {@code ofd} locks share the kernel's
 * record-lock table (they conflict), {@code flock} locks are separate.
 */
abstract class KernelFileMutex extends AbstractMutex {
    private final LockSlot slot;
    private final String path;
    private final Capabilities capabilities;
    private final String u;
    private final CreatedPaths created;
    /** {@link #isClosed} as the slot asks it, made once: a method reference per lock would allocate. */
    private final BooleanSupplier closed = this::isClosed;

    KernelFileMutex(IpcUri uri, LockSlot slot, String family, Capabilities capabilities, CreatedPaths created) {
        super(uri, identity(uri, slot, family));
        this.slot = slot;
        this.path = uri.path();
        this.capabilities = capabilities;
        this.u = uri.toString();
        this.created = created;
    }

    private static String identity(IpcUri uri, LockSlot slot, String family) {
        FileKey k = FileKey.of(Fd.fstat(slot.fd(), uri.toString()));
        return family + ":" + k.dev() + ":" + k.ino();
    }

    @Override
    protected final int acquire(long timeoutNanos) {
        return slot.acquire(timeoutNanos, u, closed) ? ACQUIRED : FAILED;
    }

    @Override
    protected final void release() {
        slot.release(u);
    }

    @Override
    protected final void wakeWaiters() {
        slot.wakeWaiters();
    }

    /** Drops this handle's reference to the slot (the descriptor closes with the last one). */
    @Override
    protected final void freeResources() {
        slot.unref();
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    /** Unlinks the lock file; handles already open keep locking the (now nameless) file. */
    @Override
    public final void remove() {
        KernelFiles.remove(path, uri().toString(), created);
    }

    /** {@return the lock file's path} */
    public final String path() {
        return path;
    }
}
