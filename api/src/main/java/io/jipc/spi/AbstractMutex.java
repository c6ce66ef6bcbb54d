package io.jipc.spi;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of mutex backends: enforces the contract common to all of them so that subclasses only
 * talk to the kernel — not reentrant (through this handle or, with an identity, any handle of the
 * same object in this JVM), unlock only by the holder thread, the owner-death flag, and the
 * lifecycle rules of {@link Mutex} under threads.
 *
 * <h2>What a subclass implements</h2>
 * <ul>
 *   <li>{@link #acquire(long)}: returns {@link #FAILED}, {@link #ACQUIRED}, or
 *       {@link #ACQUIRED_OWNER_DIED}. A waiting {@code acquire} must check {@link #isClosed()} at
 *       least once per wait slice ({@link #WAIT_SLICE_NANOS}) and leave with
 *       {@link #ensureOpen(String)}'s {@link IpcClosed} when the handle was closed;</li>
 *   <li>{@link #release()}: releases the lock held by the calling thread;</li>
 *   <li>{@link #freeResources()}: frees the handle's native resources; called exactly once, when
 *       the handle is closed <em>and</em> no thread is inside {@code acquire} or holds the lock
 *       through it — so {@code acquire} and {@code release} never run on freed resources;</li>
 *   <li>optionally {@link #wakeWaiters()}, to wake threads blocked in {@code acquire} at once
 *       when the handle is closed.</li>
 * </ul>
 *
 * <h2>How close works</h2>
 * A use count starts at 1 (the handle itself); each call inside {@code acquire} and the current
 * holder add one. {@code close()} drops the handle's share: if the calling thread holds the lock
 * it releases it first; if another thread holds it, that thread's share keeps the resources (and
 * the lock) until its {@link #unlock()}. An acquisition that succeeds natively after the handle
 * was closed is released at once ({@link #abandon(int)}) and fails with {@link IpcClosed}.
 * Resources are freed when the count reaches 0.
 *
 * <p>A backend whose resources stay valid for as long as the handle is reachable (freed by a
 * {@code Cleaner} once it is not, never by {@code close}) passes {@code resourcesOutliveClose}
 * to the constructor: nothing can then be freed under a running call, so the lock path keeps no
 * use count at all, and {@link #freeResources()} is never called. The lock rules above are the
 * same: a close by another thread leaves the lock held until its holder's {@code unlock}.
 *
 * <h2>What a lock+unlock costs here</h2>
 * The use count's increment in {@code lock} and decrement in {@code unlock} are the only atomic
 * read-modify-writes this class adds (none with {@code resourcesOutliveClose}); the holder is
 * recorded as a thread id with release writes (read back only by its own thread, or after the
 * thread ended), no {@code Thread} reference is stored per lock (no garbage-collector barrier),
 * and the same-object check of a second handle reads one field of the object's shared
 * {@code HeldLocks.Slot}. Nothing is allocated.
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

    /** Longest a waiting {@link #acquire(long)} may go without checking {@link #isClosed()}: 100 ms. */
    protected static final long WAIT_SLICE_NANOS = 100_000_000L;

    private static final VarHandle HOLDER;

    static {
        try {
            HOLDER = MethodHandles.lookup().findVarHandle(AbstractMutex.class, "holderId", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HeldLocks.Slot identity;
    private final boolean counted;
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean freed = new AtomicBoolean();
    /**
     * The id ({@link Thread#getId()}) of the thread holding the mutex through this handle, 0 when
     * none. A {@code long}, written with release writes: storing a {@code Thread} reference on
     * every lock would cost a garbage-collector write barrier (with G1, a StoreLoad fence per
     * store into an old object). Only the holder thread compares it with its own id (it always
     * sees its own last write); other threads read it only in {@link #closeOnce()}, where a stale
     * value is harmless (the use count, not this field, keeps the resources alive).
     */
    private volatile long holderId;
    /** The {@code Thread} of the latest holder, stored only when it changes: for {@link Thread#isAlive()}. */
    private volatile Thread lastHolder;
    private boolean ownerDied;

    /**
     * A mutex without an identity: only this handle's own holder is refused a second lock.
     *
     * @param uri the URI the mutex was opened with
     */
    protected AbstractMutex(IpcUri uri) {
        this(uri, null);
    }

    /**
     * A mutex with an identity, so that a second handle on the same object is recognised.
     *
     * @param uri the URI the mutex was opened with
     * @param identity the locked object's identity in this JVM (equal for every handle on the same
     *                 object, e.g. {@code "record-lock:" + dev + ":" + ino}), or {@code null}. With
     *                 an identity, the thread holding the object through any handle gets an
     *                 {@link IllegalStateException} when it locks it again through this one.
     */
    protected AbstractMutex(IpcUri uri, Object identity) {
        this(uri, identity, false);
    }

    /**
     * A mutex with an identity, whose resources may outlive {@code close}.
     *
     * @param uri the URI the mutex was opened with
     * @param identity as {@link #AbstractMutex(IpcUri, Object)}
     * @param resourcesOutliveClose {@code true} when the subclass frees its resources itself once
     *                              the handle is unreachable (a {@code Cleaner}), never on
     *                              {@code close}: then no use count is kept and
     *                              {@link #freeResources()} is not called
     */
    protected AbstractMutex(IpcUri uri, Object identity, boolean resourcesOutliveClose) {
        super(uri);
        this.identity = identity == null ? null : HeldLocks.slot(identity);
        this.counted = !resourcesOutliveClose;
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

    /** Frees the handle's resources; called once, after close, when nobody uses them any more. */
    protected abstract void freeResources();

    /** Called by {@link #close()} to wake threads blocked in {@link #acquire(long)} (default: nothing; they see the close within a slice). */
    protected void wakeWaiters() {
    }

    /**
     * Gives back a lock that {@link #acquire(long)} obtained after the handle was closed (the
     * caller then fails with {@link IpcClosed}). Default {@link #release()}.
     *
     * @param result what {@code acquire} returned
     */
    protected void abandon(int result) {
        release();
    }

    /**
     * Does the lock go with its holder thread when that thread ends (a robust pthread mutex: the
     * kernel marks it owner-dead)? Then closing a handle whose holder thread ended frees it at once.
     * Default {@code false}: the lock of a thread that ended holding it stays held.
     *
     * @return whether the mechanism frees the lock of a holder thread that ended
     */
    protected boolean lockEndsWithThread() {
        return false;
    }

    /** Hook for {@link #markConsistent()}: robust mutexes tell the kernel. */
    protected void makeConsistent() {
    }

    @Override
    public final void lock() {
        lockFor("lock", FOREVER);
    }

    @Override
    public final boolean tryLock() {
        return lockFor("tryLock", 0);
    }

    @Override
    public final boolean tryLock(long timeout, TimeUnit unit) {
        return lockFor("tryLock", timeoutNanos("tryLock", timeout, unit));
    }

    private boolean lockFor(String op, long nanos) {
        ensureOpen(op);
        Thread me = Thread.currentThread();
        long myId = me.getId();
        if (holderId == myId) {
            throw new IllegalStateException(op + " on " + uri() + ": the current thread already holds this mutex (not reentrant)");
        }
        if (identity != null && identity.heldByCurrentThread()) {
            throw new IllegalStateException(op + " on " + uri() + ": the current thread already holds this mutex through "
                    + "another handle (not reentrant; waiting would deadlock)");
        }
        if (counted) {
            beginUse(op);
        }
        boolean kept = !counted;
        try {
            int r = acquire(nanos);
            if (r == FAILED) {
                return false;
            }
            if (isClosed()) {
                abandon(r); // never hold through a closed handle
                throw new IpcClosed(op, uri().toString());
            }
            Thread previous = holderId != 0 ? lastHolder : null;
            HOLDER.setRelease(this, myId);
            if (lastHolder != me) {
                lastHolder = me;
            }
            ownerDied = r == ACQUIRED_OWNER_DIED;
            if (identity != null) {
                identity.take();
            }
            kept = true;
            if (counted && previous != null && !previous.isAlive()) {
                endUse(); // a holder thread that ended holding a lock that ends with its thread: its share goes
            }
            return true;
        } finally {
            if (!kept) {
                endUse();
            }
        }
    }

    @Override
    public final void unlock() {
        if (holderId != Thread.currentThread().getId()) {
            throw new IllegalMonitorStateException("unlock on " + uri() + ": the current thread does not hold this mutex");
        }
        dropHold();
    }

    private void dropHold() {
        HOLDER.setRelease(this, 0L);
        ownerDied = false;
        if (identity != null) {
            identity.drop();
        }
        try {
            release();
        } finally {
            if (counted) {
                endUse();
            }
        }
    }

    @Override
    protected final void closeOnce() {
        try {
            long h = holderId;
            Thread last = lastHolder;
            if (h == Thread.currentThread().getId()) {
                try {
                    dropHold(); // the holder closing its own handle: release, then close
                } catch (IpcRemoved gone) {
                    // the object was removed while held (SysV IPC_RMID): nothing is left to release
                }
            } else if (h != 0 && last != null && last.getId() == h && !last.isAlive() && lockEndsWithThread()) {
                HOLDER.setRelease(this, 0L);
                if (counted) {
                    endUse();
                }
            }
        } finally {
            try {
                wakeWaiters();
            } finally {
                if (counted) {
                    endUse(); // the handle's own share; a holder in another thread keeps its own until unlock
                }
            }
        }
    }

    /**
     * Marks the start of an operation that uses the handle's resources (other than the lock
     * operations, which do it themselves): fails with {@link IpcClosed} when the handle is closed;
     * otherwise the resources stay until the matching {@link #endUse()}.
     *
     * @param op the public operation about to run, named in the exception
     */
    protected final void beginUse(String op) {
        users.incrementAndGet();
        if (isClosed()) {
            endUse();
            throw new IpcClosed(op, uri().toString());
        }
    }

    /** Ends what {@link #beginUse(String)} began; the last user after close frees the resources. */
    protected final void endUse() {
        if (users.decrementAndGet() == 0 && freed.compareAndSet(false, true)) {
            freeResources();
        }
    }

    @Override
    public final boolean isHeldByCurrentThread() {
        return holderId == Thread.currentThread().getId();
    }

    @Override
    public final boolean ownerDied() {
        return holderId == Thread.currentThread().getId() && ownerDied;
    }

    @Override
    public final void markConsistent() {
        if (holderId != Thread.currentThread().getId()) {
            throw new IllegalMonitorStateException("markConsistent on " + uri() + ": the current thread does not hold this mutex");
        }
        if (ownerDied) {
            makeConsistent();
            ownerDied = false;
        }
    }

    /** {@return the thread holding the mutex through this handle, or {@code null}} */
    protected final Thread holder() {
        long h = holderId;
        Thread t = lastHolder;
        return h != 0 && t != null && t.getId() == h ? t : null;
    }

    /** {@return whether this handle's resources have been freed (closed, and nobody uses them any more); for tests and diagnostics} */
    protected final boolean resourcesFreed() {
        return freed.get();
    }
}
