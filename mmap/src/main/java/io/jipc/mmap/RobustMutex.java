package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcTimeout;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.mmap.internal.RobustChecks;
import io.jipc.mmap.internal.RobustInit;
import io.jipc.mmap.internal.RobustLayout;
import io.jipc.os.Errno;
import io.jipc.os.NativeMemory;
import io.jipc.os.Pthread;
import io.jipc.os.layout.PthreadLayout;
import io.jipc.os.layout.TimespecLayout;
import io.jipc.spi.AbstractMutex;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code robust:/name}: a process-shared, robust, error-checking {@code pthread_mutex_t} in shared
 * memory. Waiters sleep on a futex; a holder that dies (its process killed, or only its thread
 * ended) leaves nothing stuck: the next locker gets the lock with {@link #ownerDied()} true
 * ({@code EOWNERDEAD}), repairs the state the lock protects, calls {@link #markConsistent()}
 * ({@code pthread_mutex_consistent}) and unlocks. Unlocking <em>without</em>
 * {@code markConsistent()} makes the mutex unusable for good: every later lock fails with an
 * {@link IpcException} naming {@code ENOTRECOVERABLE} (remove and recreate it).
 *
 * <h2>Where the mutex lives</h2>
 * By default in its own small file {@code /dev/shm/jipc.robust.<name>} ({@code name}: letters,
 * digits, {@code . _ -}), created on first open ({@code open=} and {@code mode=} apply to it) and
 * unlinked by {@link #remove()}. With {@code robust:?region=<region URI>&offset=N} it lives at
 * the 8-aligned {@code offset} (default 0) of any region (a {@code file:}, {@code anon:},
 * {@code posix:} or {@code sysv:} region), next to the data it protects; it takes
 * 56 bytes there (64 on aarch64). The region URI is the option's value; its own options
 * follow its {@code ?} and an {@code &} inside it must be written {@code %26}:
 * {@code robust:?region=file:/dev/shm/app?size=4096&offset=0}. With {@code region=},
 * {@link #remove()} does nothing (the region is yours).
 *
 * <h2>Initialisation exactly once</h2>
 * An init word before the mutex goes 0 (fresh) → {@code (pid << 32) | 1} (process pid is
 * initialising) → 2 (ready) by compare-and-set; other openers wait for "ready". If the
 * initialiser's pid is dead, the next opener takes over and initialises again (nobody can be
 * using a mutex that never became ready); if it is alive and still not done after
 * {@code init-timeout} ms (default 10000), opening fails with {@link IpcTimeout}.
 *
 * <h2>Threads</h2>
 * A pthread mutex is owned by a <em>thread</em>: lock and unlock on the same platform thread
 * (enforced: another thread's unlock is an {@link IllegalMonitorStateException}). Virtual
 * threads (JDK 21+) are refused, since they may move between carrier threads. {@link #lock()}
 * waits with {@code pthread_mutex_timedlock} in slices of 100 ms, so that
 * {@link Thread#interrupt()} ends it with {@link IpcInterrupted} (interrupt status kept) within a
 * slice. Closing the handle while holding the mutex unlocks it; a handle closed while another
 * thread holds it keeps the memory mapped (and the mutex locked) until that thread unlocks; a
 * thread waiting through a closed handle wakes with {@link io.jipc.api.IpcClosed}. The holder
 * thread locking it again through any handle gets an {@link IllegalStateException}: the mutex is
 * error-checking, so the C library itself answers {@code EDEADLK}.
 */
public final class RobustMutex extends AbstractMutex {
    static final Set<String> OPTIONS = Set.of("region", "offset", "init-timeout");
    static final String FILE_PREFIX = "/dev/shm/jipc.robust.";
    static final long SLICE_MILLIS = 100;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    static final Capabilities CAPS = Capabilities.builder("robust", Primitive.MUTEX)
            .lockOwner(Capabilities.LockOwner.THREAD)
            .waitersSleep(true)
            .ownerDeathDetected(true)
            .crashReleases(true)
            .timed(Capabilities.Timed.NATIVE)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("nothing stuck: the next locker gets EOWNERDEAD (ownerDied() = true)")
            .notes("process-shared robust error-checking pthread_mutex_t in /dev/shm/jipc.robust.<name> (until remove()) "
                    + "or in any region (region=, offset=); lock and unlock on the same platform thread; after owner death "
                    + "call markConsistent() before unlock, or the mutex becomes ENOTRECOVERABLE")
            .build();
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    /**
     * {@code struct timespec {-1, 0}}: an expired deadline. A "try" is
     * {@code pthread_mutex_timedlock(m, &{-1, 0})}, not {@code pthread_mutex_trylock}: glibc 2.36's
     * trylock on a not-recoverable robust mutex returns {@code ENOTRECOVERABLE} but leaves the lock
     * word set to the caller's tid (measured: the next trylock says {@code EDEADLK}), whereas the
     * timed path releases it; with a negative {@code tv_sec} glibc returns {@code ETIMEDOUT}
     * without a system call.
     */
    private static final long TRY_NOW = expiredTimespec();
    private static final ThreadLocal<ByteBuffer> TIMESPEC =
            ThreadLocal.withInitial(() -> NativeMemory.allocateBuffer(TimespecLayout.SIZE));

    private final SharedRegion region;
    private final boolean ownFile;
    private final long mutex;
    private final Capabilities caps;

    private RobustMutex(IpcUri uri, SharedRegion region, boolean ownFile, long mutex) {
        super(uri);
        this.region = region;
        this.ownFile = ownFile;
        this.mutex = mutex;
        Capabilities rc = region.capabilities();
        this.caps = ownFile ? CAPS : CAPS.toBuilder().persistence(rc.persistence())
                .needsRelatedProcesses(rc.needsRelatedProcesses()).build();
    }

    /** Where a mutex lives: a region, the offset of its block there, and whether the region is its own file. */
    private record Placement(SharedRegion region, long offset, boolean ownFile) {
    }

    /**
     * Opens (creating and initialising if needed) the mutex {@code uri} names.
     *
     * @param uri the parsed {@code robust:} URI
     * @return the open mutex, unlocked, which the caller closes
     */
    public static RobustMutex open(IpcUri uri) {
        uri.checkOptions("robust mutex", OPTIONS);
        long initTimeoutMillis = uri.longOption("init-timeout", 10_000, 0, 3_600_000);
        Placement p = uri.has("region") ? inRegion(uri) : inOwnFile(uri);
        try {
            RobustInit.initialise(uri, p.region(), p.offset(), initTimeoutMillis);
            RobustChecks.checkMutex(uri, p.region(), p.offset()); // before glibc sees bytes another process wrote
            long base = NativeMemory.address(p.region().buffer());
            return new RobustMutex(uri, p.region(), p.ownFile(), base + p.offset() + RobustLayout.MUTEX);
        } catch (RuntimeException e) {
            p.region().close();
            throw e;
        }
    }

    /** {@code robust:?region=<region URI>&offset=N}: the block inside a region the caller names. */
    private static Placement inRegion(IpcUri uri) {
        if (uri.hasPath()) {
            throw uri.error("path", "give either a name (robust:/name) or region= (robust:?region=...), not both");
        }
        if (uri.has("open") || uri.has("mode")) {
            throw uri.error("options", "open= and mode= belong in the region URI when region= is given");
        }
        IpcUri r;
        try {
            r = IpcUri.parse(uri.option("region"));
        } catch (IpcUriException e) {
            throw uri.error("option 'region'", "is not a valid region URI: " + e.getMessage());
        }
        long offset = uri.longOption("offset", 0, 0, Long.MAX_VALUE);
        if ((offset & (PthreadLayout.MUTEX_ALIGN - 1)) != 0) {
            throw uri.error("option 'offset'", offset + " is not a multiple of " + PthreadLayout.MUTEX_ALIGN
                    + " (a pthread_mutex_t needs that alignment)");
        }
        SharedRegion region = Ipc.region(r.toString());
        if (offset > region.size() - RobustLayout.SIZE) {
            region.close();
            throw uri.error("option 'offset'", "the mutex needs " + RobustLayout.SIZE + " bytes at offset " + offset
                    + ", beyond the end of the " + region.size() + "-byte region " + r);
        }
        return new Placement(region, offset, false);
    }

    /** {@code robust:/name}: the block alone in {@code /dev/shm/jipc.robust.<name>}. */
    private static Placement inOwnFile(IpcUri uri) {
        if (uri.has("offset")) {
            throw uri.error("option 'offset'", "offset= goes with region=");
        }
        String path = uri.path();
        String name = path.startsWith("/") ? path.substring(1) : "";
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw uri.error("path", "a robust mutex is named robust:/name, the name being 1-200 letters, digits, '.', '_' or '-'");
        }
        String fileUri = "file:" + FILE_PREFIX + name + "?size=" + RobustLayout.SIZE
                + "&mode=" + Integer.toOctalString(uri.mode()) + "&open=" + uri.open().spelling();
        return new Placement(FileRegion.open(IpcUri.parse(fileUri), "robust"), 0, true);
    }

    @Override
    protected int acquire(long timeoutNanos) {
        refuseVirtual();
        return lockNative(timeoutNanos);
    }

    private int lockNative(long timeoutNanos) {
        int r = Pthread.LIB.pthread_mutex_timedlock(mutex, TRY_NOW);
        if (r == Errno.ETIMEDOUT) {
            r = Errno.EBUSY;
        }
        if (r == Errno.EBUSY && timeoutNanos != 0) {
            long deadline = System.nanoTime() + timeoutNanos;
            long ts = 0;
            while (r == Errno.EBUSY) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IpcInterrupted("lock", uri().toString(), "interrupted while waiting for the mutex");
                }
                long slice = SLICE_NANOS;
                if (timeoutNanos > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return FAILED;
                    }
                    slice = Math.min(slice, left);
                }
                ensureOpen("lock"); // closed while this thread waited: IpcClosed
                if (ts == 0) {
                    ts = NativeMemory.address(TIMESPEC.get());
                }
                TimespecLayout.putAbsoluteRealtime(ts, slice);
                r = Pthread.LIB.pthread_mutex_timedlock(mutex, ts);
                if (r == Errno.ETIMEDOUT) {
                    r = Errno.EBUSY;
                }
            }
        }
        switch (r) {
            case 0:
                return ACQUIRED;
            case Errno.EOWNERDEAD:
                return ACQUIRED_OWNER_DIED;
            case Errno.EBUSY:
                return FAILED;
            case Errno.ENOTRECOVERABLE:
                throw new IpcException("lock", uri().toString(), r, "ENOTRECOVERABLE", "the mutex is unusable: a holder "
                        + "inherited it from a dead owner and unlocked it without markConsistent(); remove() it and create it again");
            case Errno.EDEADLK:
                throw new IllegalStateException("lock on " + uri() + ": the current thread already holds this mutex "
                        + "through another handle (not reentrant)");
            default:
                throw Errno.exception("pthread_mutex_lock", uri(), r, "locking failed: " + Errno.describe(r));
        }
    }

    @Override
    protected void release() {
        int r = Pthread.LIB.pthread_mutex_unlock(mutex);
        if (r == Errno.EPERM) {
            throw new IllegalMonitorStateException("unlock on " + uri() + ": the C library says this thread does not own the mutex");
        }
        if (r != 0) {
            throw Errno.exception("pthread_mutex_unlock", uri(), r, "unlocking failed: " + Errno.describe(r));
        }
    }

    /**
     * A lock obtained after the handle was closed is given back; one inherited from a dead owner is
     * marked consistent first (unlocking it otherwise would make it unusable for good), so that
     * race loses the owner-death news rather than the mutex.
     */
    @Override
    protected void abandon(int result) {
        if (result == ACQUIRED_OWNER_DIED) {
            makeConsistent();
        }
        release();
    }

    /** A robust mutex whose holder thread ended is owner-dead in the kernel: nothing of it is held any more. */
    @Override
    protected boolean lockEndsWithThread() {
        return true;
    }

    @Override
    protected void makeConsistent() {
        int r = Pthread.LIB.pthread_mutex_consistent(mutex);
        if (r != 0) {
            throw Errno.exception("pthread_mutex_consistent", uri(), r, "marking the mutex consistent failed: " + Errno.describe(r));
        }
    }

    private static void refuseVirtual() {
        if (IS_VIRTUAL != null) {
            boolean virtual;
            try {
                virtual = (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
            } catch (Throwable t) {
                virtual = false;
            }
            if (virtual) {
                throw new IpcUnsupported("lock", null, "a robust pthread mutex is owned by a native thread; a virtual "
                        + "thread may move between carrier threads: lock it from a platform thread");
            }
        }
    }

    private static long expiredTimespec() {
        long a = NativeMemory.allocate(TimespecLayout.SIZE); // lives as long as the class
        NativeMemory.putLong(a + TimespecLayout.TV_SEC, -1);
        NativeMemory.putLong(a + TimespecLayout.TV_NSEC, 0);
        return a;
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // JDK 17-20: no virtual threads
        }
    }

    /** Unmaps the region once no thread of this handle waits in or holds the mutex. */
    @Override
    protected void freeResources() {
        region.close();
    }

    /**
     * Unlinks the default {@code /dev/shm/jipc.robust.<name>} file (handles keep working); does
     * nothing for a mutex placed in a region with {@code region=}. Idempotent.
     */
    @Override
    public void remove() {
        if (ownFile) {
            region.remove();
        }
    }

    /** {@return the region holding the mutex} */
    public SharedRegion region() {
        return region;
    }

    /** As {@link RobustBackend#capabilities}, with the persistence of the region that holds the mutex. */
    @Override
    public Capabilities capabilities() {
        return caps;
    }
}
