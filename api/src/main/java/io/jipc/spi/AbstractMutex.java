package io.jipc.spi;

import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;

import java.util.concurrent.TimeUnit;

/**
 * Base of mutex backends: enforces the contract common to all of them (not reentrant, unlock only
 * by the holder thread, owner-death flag) so that subclasses only talk to the kernel.
 *
 * <p>Subclasses implement {@link #acquire(long)} and {@link #release()}. {@code acquire} returns
 * {@link #FAILED} when it could not acquire within the time, {@link #ACQUIRED}, or
 * {@link #ACQUIRED_OWNER_DIED} when it inherited from a dead holder.
 */
public abstract class AbstractMutex extends AbstractHandle implements Mutex {
    /** {@link #acquire(long)} result: not acquired (timed out or busy). */
    protected static final int FAILED = 0;
    /** {@link #acquire(long)} result: acquired. */
    protected static final int ACQUIRED = 1;
    /** {@link #acquire(long)} result: acquired from a holder that died holding it. */
    protected static final int ACQUIRED_OWNER_DIED = 2;

    /** {@link #acquire(long)} timeout meaning "wait as long as it takes". */
    protected static final long FOREVER = -1;

    private volatile Thread holder;
    private boolean ownerDied;

    protected AbstractMutex(IpcUri uri) {
        super(uri);
    }

    /**
     * Acquires the lock for the current thread.
     *
     * @param timeoutNanos {@link #FOREVER}, 0 for a single attempt, or a positive wait in nanoseconds
     * @return {@link #FAILED}, {@link #ACQUIRED} or {@link #ACQUIRED_OWNER_DIED}
     */
    protected abstract int acquire(long timeoutNanos);

    /** Releases the lock held by the current thread. */
    protected abstract void release();

    /** Hook for {@link #markConsistent()}: robust mutexes tell the kernel. */
    protected void makeConsistent() {
    }

    @Override
    public final void lock() {
        enter("lock");
        took(acquire(FOREVER));
    }

    @Override
    public final boolean tryLock() {
        enter("tryLock");
        return took(acquire(0));
    }

    @Override
    public final boolean tryLock(long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("tryLock", timeout, unit);
        enter("tryLock");
        return took(acquire(nanos));
    }

    private void enter(String op) {
        ensureOpen(op);
        if (holder == Thread.currentThread()) {
            throw new IllegalStateException(op + " on " + uri() + ": the current thread already holds this mutex (not reentrant)");
        }
    }

    private boolean took(int result) {
        if (result == FAILED) {
            return false;
        }
        holder = Thread.currentThread();
        ownerDied = result == ACQUIRED_OWNER_DIED;
        return true;
    }

    @Override
    public final void unlock() {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException("unlock on " + uri() + ": the current thread does not hold this mutex");
        }
        holder = null;
        ownerDied = false;
        release();
    }

    @Override
    public final boolean isHeldByCurrentThread() {
        return holder == Thread.currentThread();
    }

    @Override
    public final boolean ownerDied() {
        return holder == Thread.currentThread() && ownerDied;
    }

    @Override
    public final void markConsistent() {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException("markConsistent on " + uri() + ": the current thread does not hold this mutex");
        }
        if (ownerDied) {
            makeConsistent();
            ownerDied = false;
        }
    }

    /** The thread holding the mutex through this handle, or {@code null}. */
    protected final Thread holder() {
        return holder;
    }
}
