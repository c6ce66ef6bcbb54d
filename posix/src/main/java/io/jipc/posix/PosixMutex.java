package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.OpenOrCreate;
import io.jipc.os.Semaphore;
import io.jipc.os.SysStat;
import io.jipc.os.layout.TimespecLayout;
import io.jipc.spi.AbstractMutex;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A mutex on a POSIX named semaphore ({@code sem_open}) used as a binary semaphore: created with
 * value 1, {@code sem_wait} locks, {@code sem_post} unlocks. Scheme {@code posix:/name}
 * (options {@code mode=}, {@code open=}; glibc keeps it as {@code /dev/shm/sem.NAME}, so names are
 * at most 251 bytes). The mode is applied with {@code chmod} after creation, so the umask does not
 * narrow it.
 *
 * <p>A semaphore has no owner: it excludes other threads of this JVM as well as other processes,
 * and waiters sleep in the kernel (futex). An uncontended lock and unlock make no native call:
 * they update the mapped {@code sem_t} in Java exactly as glibc's {@code sem_wait} and
 * {@code sem_post} fast paths do ({@code SemaphoreWord}), so they interoperate with C programs
 * and native waiters on the same semaphore; a lock that finds it taken waits in the native
 * {@code sem_timedwait}, and an unlock that finds waiters counted calls the native
 * {@code sem_post}, which wakes one. Waits run in slices of at most
 * {@value #SLICE_MILLIS} ms ({@code sem_timedwait}) so that a Java interrupt ends {@link #lock()}
 * with {@link IpcInterrupted}; {@code EINTR} is retried.
 *
 * <p><b>Owner death is not visible.</b> A holder killed with {@code SIGKILL} leaves the semaphore
 * at 0, locked, for ever: nobody is told, {@link #ownerDied()} is never true. Recovery is an
 * administrative decision: when you know the holder is dead, {@link #remove()} the semaphore
 * ({@code sem_unlink}) and open it again, which creates a fresh one at 1 (processes still holding
 * the old one keep using it until they close it).
 *
 * <p><b>Close.</b> As for every jipc mutex: the holder thread closing its handle releases the
 * semaphore first; another thread closing it while held leaves the semaphore at 0 until the
 * holder's {@link #unlock()}, which posts it; waiters wake with
 * {@link io.jipc.api.IpcClosed} within a slice. A second handle on the same semaphore locked by
 * the holder thread fails with {@link IllegalStateException}. The 32-byte mapping itself is
 * released ({@code sem_close}) once the closed handle is garbage-collected, so that no thread
 * still inside a lock or unlock can touch unmapped memory; the lock path needs no use count.
 *
 * <p><b>Corrupt semaphores.</b> The file {@code /dev/shm/sem.NAME} of an existing semaphore is
 * checked before {@code sem_open} maps it, and the mapped fields before every lock and unlock,
 * in Java or native ({@code SemaphoreFile}): garbage, a wrong size, a directory or a
 * counting semaphore give a clear {@link IpcException}, never a glibc abort; so does a file
 * truncated while open (a memory fault in the Java access, reported by the JVM).
 */
public final class PosixMutex extends AbstractMutex {
    /** Longest single native wait. */
    static final long SLICE_MILLIS = 100;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;

    private final String name;
    private final SemaphoreWord word;
    private final Capabilities caps;
    private final ThreadLocal<ByteBuffer> timespec = ThreadLocal.withInitial(
            () -> NativeMemory.allocateBuffer(TimespecLayout.SIZE));

    private PosixMutex(IpcUri uri, String name, SemaphoreWord word, String fileId) {
        super(uri, "posix-sem:" + (fileId != null ? fileId : name), true); // the word's Cleaner closes the mapping
        this.name = name;
        this.word = word;
        this.caps = PosixBackend.mutexCapabilities();
    }

    /** Opens or creates the semaphore {@code uri} names; validates everything before any system call. */
    static PosixMutex open(IpcUri uri) {
        uri.checkOptions("posix mutex", Set.of());
        String name = PosixNames.validate(uri, PosixNames.SEM_NAME_MAX);
        Open how = uri.open();
        int mode = uri.mode();
        OpenOrCreate.Opened got = OpenOrCreate.run(how, true, () -> {
            long s = Semaphore.LIB.sem_open(name, Fcntl.O_CREAT | Fcntl.O_EXCL, mode, 1);
            if (s == Semaphore.SEM_FAILED) {
                return -Native.errno();
            }
            // widen what the umask removed (only ever widens up to the asked mode: no window of excess rights)
            SysStat.LIB.chmod(SemaphoreFile.path(name).toString(), mode);
            return s;
        }, () -> {
            // An existing file may be anything: check it before glibc maps and trusts it.
            SemaphoreFile.check("sem_open", uri.toString(), name);
            long s = Semaphore.LIB.sem_open(name, 0, 0, 0);
            return s != Semaphore.SEM_FAILED ? s : -Native.errno();
        }, (creating, e) -> openFailure(uri, name, creating, e), "the semaphore " + name, "sem_open", uri);
        return opened(uri, name, got.handle(), "sem_open");
    }

    private static IpcException openFailure(IpcUri uri, String name, boolean creating, int e) {
        if (creating && e == Errno.EEXIST) {
            return new IpcAlreadyExists("sem_open", uri.toString(), e, Errno.name(e),
                    "the semaphore " + name + " exists and open=create was asked");
        }
        if (!creating && e == Errno.ENOENT) {
            return new IpcNotFound("sem_open", uri.toString(), e, Errno.name(e),
                    "no semaphore " + name + " (open=open was asked)");
        }
        return Errno.exception("sem_open", uri, e, !creating && e == Errno.EACCES
                ? "the semaphore's mode does not let this user use it" : null);
    }

    /** Checks what was mapped (the file may have been replaced between the check and sem_open). */
    private static PosixMutex opened(IpcUri uri, String name, long s, String op) {
        SemaphoreWord word = new SemaphoreWord(s, uri.toString(), name);
        try {
            word.check(op);
        } catch (RuntimeException e) {
            Semaphore.LIB.sem_close(s);
            throw e;
        }
        word.closeWhenUnreachable();
        return new PosixMutex(uri, name, word, fileId(name));
    }

    private static String fileId(String name) {
        try {
            java.nio.file.Path p = SemaphoreFile.path(name);
            return java.nio.file.Files.getAttribute(p, "unix:dev") + ":" + java.nio.file.Files.getAttribute(p, "unix:ino");
        } catch (java.io.IOException | RuntimeException e) {
            return null; // removed meanwhile: the name identifies it
        }
    }

    @Override
    protected int acquire(long timeoutNanos) {
        if (word.tryTake("lock")) {
            return ACQUIRED;
        }
        if (timeoutNanos == 0) {
            return FAILED;
        }
        long deadline = timeoutNanos == FOREVER ? 0 : System.nanoTime() + timeoutNanos;
        long ts = NativeMemory.address(timespec.get());
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted("lock", uri().toString(), "the waiting thread was interrupted");
            }
            ensureOpen("lock"); // woken by close: IpcClosed
            long wait = SLICE_NANOS;
            if (timeoutNanos != FOREVER) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return FAILED;
                }
                wait = Math.min(wait, left);
            }
            TimespecLayout.putAbsoluteRealtime(ts, wait);
            int e = word.timedWait("lock", ts);
            if (e == 0) {
                return ACQUIRED;
            }
            if (e != Errno.ETIMEDOUT && e != Errno.EINTR) {
                throw Errno.exception("sem_timedwait", uri(), e);
            }
        }
    }

    @Override
    protected void release() {
        word.give("unlock");
    }

    /** {@return the semaphore's value now ({@code sem_getvalue}), for diagnostics: 1 free, 0 locked} */
    public int value() {
        beginUse("value");
        try {
            ByteBuffer b = timespec.get();
            long a = NativeMemory.address(b);
            int e = word.getValue(a);
            if (e != 0) {
                throw Errno.exception("sem_getvalue", uri(), e);
            }
            return NativeMemory.getInt(a);
        } finally {
            endUse();
        }
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@code sem_unlink}: the name goes; handles still open keep the old semaphore; a later open creates a new one at 1. */
    @Override
    public void remove() {
        if (Semaphore.LIB.sem_unlink(name) != 0) {
            int e = Native.errno();
            if (e != Errno.ENOENT) {
                throw Errno.exception("sem_unlink", uri(), e);
            }
        }
    }

    /**
     * Nothing: the mapping is the {@code SemaphoreWord}'s, which {@code sem_close}s it once the
     * handle is unreachable, so no lock, unlock or wait can ever touch it after; this is what lets
     * the lock path keep no use count. (Not called: the handle is built with
     * {@code resourcesOutliveClose}.)
     */
    @Override
    protected void freeResources() {
    }
}
