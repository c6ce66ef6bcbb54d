package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcTimeout;
import io.jipc.api.IpcUri;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysvIpc;
import io.jipc.os.layout.SembufLayout;
import io.jipc.os.layout.SemidDsLayout;
import io.jipc.os.layout.TimespecLayout;
import io.jipc.spi.AbstractMutex;
import io.jipc.sysv.internal.SysvTarget;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A mutex on a System V semaphore set ({@code semget}, {@code semop}, {@code semtimedop},
 * {@code semctl}).
 *
 * <h2>The set</h2>
 * Two semaphores: {@code sem0} is the lock (1 = free), changed with {@code SEM_UNDO} (unless
 * {@code undo=false}); {@code sem1} is a "held" marker (1 = someone holds the lock), changed
 * without undo. Each transition is one atomic {@code semop}:
 * <ul>
 *   <li>lock: {@code {sem0,-1,UNDO} {sem1,0,IPC_NOWAIT} {sem1,+1,0}};</li>
 *   <li>unlock: {@code {sem1,-1,IPC_NOWAIT} {sem0,+1,UNDO}}.</li>
 * </ul>
 * When a holder dies, the kernel's undo gives {@code sem0} back but {@code sem1} stays 1: the next
 * lock operation fails with {@code EAGAIN} at its second step, so the locker takes {@code sem0}
 * alone and reads {@code sem1} ({@code GETVAL}) while holding it: 1 means it inherited from a dead
 * holder ({@link #ownerDied()} is {@code true}; the marker already says "held"), 0 means a normal
 * hand-over happened meanwhile (it sets the marker). Without undo a dead holder's {@code sem0}
 * stays 0: the mutex stays locked until the set is removed and recreated.
 *
 * <h2>Initialisation</h2>
 * {@code semget} creates a set of zeros, and initialising it is a second call: the race that
 * GaPiL describes. The creator uses {@code IPC_CREAT | IPC_EXCL}, then initialises with a
 * {@code semop} ({@code sem0 += 1}), which sets {@code sem_otime}; every other opener (the
 * {@code EEXIST} path, {@code open=open}, {@code id=}) waits until {@code sem_otime != 0}, and
 * fails with {@link IpcTimeout} after 10 s (a creator that died before initialising).
 *
 * <h2>Waiting</h2>
 * {@code lock()} waits in {@code semtimedop} slices of 100 ms and checks the thread's interrupt
 * status between slices: an interrupted waiter leaves with {@link IpcInterrupted}, status kept.
 * {@code tryLock(timeout)} is native ({@code semtimedop}); {@code tryLock()} uses
 * {@code IPC_NOWAIT}. Threads of one JVM exclude each other through the kernel counter.
 *
 * <h2>Close and remove</h2>
 * As every jipc mutex: the holder thread closing its handle releases the lock first (so a SysV
 * mutex closed while held no longer stays locked until the process exits); another thread
 * closing it while held leaves it locked until the holder's {@link #unlock()}; a thread waiting in
 * {@code lock} through the handle wakes with {@link io.jipc.api.IpcClosed} within a slice and
 * never acquires through the closed handle. The holder thread locking the same set through a
 * second handle gets an {@link IllegalStateException}. {@link #remove()} ({@code IPC_RMID}) makes
 * waiters of every process fail at once with {@link io.jipc.api.IpcRemoved}.
 */
public final class SysvMutex extends AbstractMutex {
    /** Options of {@code sysv} mutexes besides the common and addressing ones. */
    public static final Set<String> OPTIONS = Set.of("undo");

    private static final SysvIpc LIB = SysvIpc.LIB;
    private static final int NSEMS = 2;
    private static final int LOCK = 0;
    private static final int HELD = 1;
    private static final long SLICE_NANOS = 100_000_000L;
    private static final long READY_WAIT_NANOS = 10_000_000_000L;

    // Offsets of the precomputed sembuf arrays and timespec in the per-handle native block.
    private static final int OP_LOCK = 0;                              // 3 ops
    private static final int OP_LOCK_TRY = OP_LOCK + 3 * SembufLayout.SIZE;     // 3 ops
    private static final int OP_SLOW_TRY = OP_LOCK_TRY + 3 * SembufLayout.SIZE; // 1 op
    private static final int OP_MARK = OP_SLOW_TRY + SembufLayout.SIZE;         // 1 op
    private static final int OP_UNLOCK = OP_MARK + SembufLayout.SIZE;           // 2 ops
    private static final int OP_RELEASE_LOCK = OP_UNLOCK + 2 * SembufLayout.SIZE; // 1 op
    private static final int OP_INIT = OP_RELEASE_LOCK + SembufLayout.SIZE;     // 1 op
    private static final int TS_SLICE = 72;                             // 8-aligned, after the ops (66 + 6)
    private static final int BLOCK_SIZE = TS_SLICE + TimespecLayout.SIZE;

    private final int id;
    private final boolean undo;
    private final Capabilities caps;
    private final ByteBuffer block;
    private final long ops;
    private final ThreadLocal<ByteBuffer> timespec = ThreadLocal.withInitial(() -> NativeMemory.allocateBuffer(TimespecLayout.SIZE));

    private SysvMutex(IpcUri uri, int id, boolean undo, ByteBuffer block) {
        super(uri, "sysv-sem:" + id);
        this.id = id;
        this.undo = undo;
        this.block = block;
        this.ops = NativeMemory.address(block);
        this.caps = SysvBackend.mutexCapabilities(undo);
    }

    private static ByteBuffer operations(boolean undo) {
        ByteBuffer b = NativeMemory.allocateBuffer(BLOCK_SIZE);
        long a = NativeMemory.address(b);
        int u = undo ? SysvIpc.SEM_UNDO : 0;
        SembufLayout.put(a + OP_LOCK, 0, LOCK, -1, u);
        SembufLayout.put(a + OP_LOCK, 1, HELD, 0, SysvIpc.IPC_NOWAIT);
        SembufLayout.put(a + OP_LOCK, 2, HELD, 1, 0);
        SembufLayout.put(a + OP_LOCK_TRY, 0, LOCK, -1, u | SysvIpc.IPC_NOWAIT);
        SembufLayout.put(a + OP_LOCK_TRY, 1, HELD, 0, SysvIpc.IPC_NOWAIT);
        SembufLayout.put(a + OP_LOCK_TRY, 2, HELD, 1, 0);
        SembufLayout.put(a + OP_SLOW_TRY, 0, LOCK, -1, u | SysvIpc.IPC_NOWAIT);
        SembufLayout.put(a + OP_MARK, 0, HELD, 1, 0);
        SembufLayout.put(a + OP_UNLOCK, 0, HELD, -1, SysvIpc.IPC_NOWAIT);
        SembufLayout.put(a + OP_UNLOCK, 1, LOCK, 1, u);
        SembufLayout.put(a + OP_RELEASE_LOCK, 0, LOCK, 1, u);
        SembufLayout.put(a + OP_INIT, 0, LOCK, 1, 0);
        TimespecLayout.putRelative(a + TS_SLICE, SLICE_NANOS);
        return b;
    }

    /** Opens the mutex {@code uri} names (see the package comment for the grammar). */
    static SysvMutex open(IpcUri uri) {
        SysvTarget t = SysvTarget.parse(uri, "sysv mutex", OPTIONS);
        boolean undo = uri.booleanOption("undo", true);
        ByteBuffer block = operations(undo);
        long a = NativeMemory.address(block);
        int id;
        if (t.kind() == SysvTarget.Kind.ID) {
            id = t.id();
            awaitReady(uri, id, true);
        } else {
            SysvTarget.Got got = t.get("semget", "semaphore set", (k, f) -> LIB.semget(k, (f & SysvIpc.IPC_CREAT) != 0 ? NSEMS : 0, f));
            id = got.id();
            if (got.created()) {
                // Initialise: sem0 = 1 (free). Without SEM_UNDO: the creator's exit must not undo it.
                // This semop also sets sem_otime, the mark openers wait for.
                while (LIB.semop(id, a + OP_INIT, 1) != 0) {
                    int e = Native.errno();
                    if (e != Errno.EINTR) {
                        LIB.semctl(id, 0, SysvIpc.IPC_RMID, 0);
                        throw Errno.exception("semop", uri, e, "initialising the new semaphore set id " + id
                                + " failed (it was removed): " + Errno.describe(e));
                    }
                }
            } else {
                awaitReady(uri, id, false);
            }
        }
        return new SysvMutex(uri, id, undo, block);
    }

    /** Checks the set (2 semaphores) and waits until its creator initialised it (sem_otime != 0). */
    private static void awaitReady(IpcUri uri, int id, boolean byId) {
        long buf = NativeMemory.allocate(SemidDsLayout.SIZE);
        try {
            long deadline = System.nanoTime() + READY_WAIT_NANOS;
            long sleep = 100_000;
            while (true) {
                if (LIB.semctl(id, 0, SysvIpc.IPC_STAT, buf) != 0) {
                    int e = Native.errno();
                    throw SysvTarget.statFailed("semctl(IPC_STAT)", uri, id, "semaphore set", e, byId);
                }
                long nsems = NativeMemory.getLong(buf + SemidDsLayout.SEM_NSEMS);
                if (nsems != NSEMS) {
                    throw new IpcException("open mutex", uri.toString(), IpcException.NO_ERRNO, null,
                            "semaphore set id " + id + " has " + nsems + " semaphores; a jipc mutex has " + NSEMS
                                    + " (lock, held marker): it was not created by jipc");
                }
                if (NativeMemory.getLong(buf + SemidDsLayout.SEM_OTIME) != 0) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IpcTimeout("open mutex", uri.toString(), IpcException.NO_ERRNO, null,
                            "semaphore set id " + id + " was never initialised (sem_otime still 0 after 10 s): "
                                    + "its creator probably died between semget and the first semop; remove it "
                                    + "(ipcrm -s " + id + ") and open again");
                }
                LockSupport.parkNanos(sleep);
                sleep = Math.min(sleep * 2, 50_000_000L);
            }
        } finally {
            NativeMemory.free(buf);
        }
    }

    /** {@return the semaphore set's identifier ({@code semid}, as {@code ipcs -s} shows it)} */
    public int id() {
        return id;
    }

    /** {@return a URI another process can open this mutex with: {@code sysv:?id=N} (plus {@code undo=false} if set)} */
    public String idUri() {
        return "sysv:?id=" + id + (undo ? "" : "&undo=false");
    }

    /** {@return whether this handle locks with {@code SEM_UNDO} (so the kernel releases a dead holder's lock)} */
    public boolean undo() {
        return undo;
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    @Override
    protected int acquire(long timeoutNanos) {
        if (timeoutNanos == 0) {
            return tryOnce();
        }
        long deadline = timeoutNanos == FOREVER ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted("lock", uri().toString(), "interrupted while waiting for semaphore set id "
                        + id + " (the interrupt status is kept)");
            }
            ensureOpen("lock"); // the handle was closed while this thread waited: IpcClosed
            long ts = ops + TS_SLICE;
            if (timeoutNanos != FOREVER) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return tryOnce();
                }
                if (left < SLICE_NANOS) {
                    ByteBuffer b = timespec.get();
                    ts = NativeMemory.address(b);
                    TimespecLayout.putRelative(ts, left);
                }
            }
            if (LIB.semtimedop(id, ops + OP_LOCK, 3, ts) == 0) {
                return ACQUIRED;
            }
            int e = Native.errno();
            if (e == Errno.EAGAIN) {
                // The slice timed out, or a dead holder's undo left the marker set: one try of sem0 alone tells.
                int r = slowTry();
                if (r != FAILED) {
                    return r;
                }
            } else if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("semtimedop", uri(), id, "semaphore set", e);
            }
        }
    }

    private int tryOnce() {
        while (true) {
            if (LIB.semop(id, ops + OP_LOCK_TRY, 3) == 0) {
                return ACQUIRED;
            }
            int e = Native.errno();
            if (e == Errno.EAGAIN) {
                return slowTry();
            }
            if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("semop", uri(), id, "semaphore set", e);
            }
        }
    }

    /** Takes sem0 alone without waiting; if taken, reads the marker to learn how. */
    private int slowTry() {
        while (LIB.semop(id, ops + OP_SLOW_TRY, 1) != 0) {
            int e = Native.errno();
            if (e == Errno.EAGAIN) {
                return FAILED;
            }
            if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("semop", uri(), id, "semaphore set", e);
            }
        }
        int held = LIB.semctl(id, HELD, SysvIpc.GETVAL, 0);
        if (held < 0) {
            int e = Native.errno();
            LIB.semop(id, ops + OP_RELEASE_LOCK, 1);
            throw SysvTarget.callFailed("semctl(GETVAL)", uri(), id, "semaphore set", e);
        }
        if (held >= 1) {
            return ACQUIRED_OWNER_DIED; // the dead holder's marker now marks us
        }
        while (LIB.semop(id, ops + OP_MARK, 1) != 0) {
            int e = Native.errno();
            if (e != Errno.EINTR) {
                LIB.semop(id, ops + OP_RELEASE_LOCK, 1);
                throw SysvTarget.callFailed("semop", uri(), id, "semaphore set", e);
            }
        }
        return ACQUIRED;
    }

    @Override
    protected void release() {
        while (LIB.semop(id, ops + OP_UNLOCK, 2) != 0) {
            int e = Native.errno();
            if (e == Errno.EAGAIN) {
                throw new IpcException("unlock", uri().toString(), e, Errno.name(e), "semaphore set id " + id
                        + " is inconsistent: the held marker (semaphore 1) is 0 while this thread holds the lock "
                        + "(changed behind jipc's back?)");
            }
            if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("semop", uri(), id, "semaphore set", e);
            }
        }
    }

    /** {@code IPC_RMID}: the set goes now; waiters in every process fail with {@link io.jipc.api.IpcRemoved}. */
    @Override
    public void remove() {
        if (LIB.semctl(id, 0, SysvIpc.IPC_RMID, 0) != 0) {
            int e = Native.errno();
            if (e != Errno.EINVAL && e != Errno.EIDRM) {
                throw Errno.exception("semctl(IPC_RMID)", uri(), e, "removing semaphore set id " + id + ": "
                        + Errno.describe(e));
            }
        }
    }

    /** A semaphore set has no per-process handle; the op block is freed by its Cleaner once unreachable. */
    @Override
    protected void freeResources() {
        java.lang.ref.Reference.reachabilityFence(block);
    }

    @Override
    public String toString() {
        return "SysvMutex[" + uri() + ", id " + id + (undo ? "" : ", no undo") + (isClosed() ? ", closed" : "") + "]";
    }
}
