package io.jipc.posix;

import io.jipc.api.IpcException;
import io.jipc.os.Errno;
import io.jipc.os.MappingFaults;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Semaphore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A mapped glibc semaphore's {@code data} word, taken and given in Java the way glibc's own fast
 * paths do, so that an uncontended lock+unlock makes no native call at all.
 *
 * <h2>The protocol (glibc 2.34+ {@code struct new_sem} with 64-bit atomics: x86-64, aarch64)</h2>
 * The 64-bit word at offset 0 holds the value in its low 32 bits and the number of threads that
 * may be blocked in {@code sem_wait} in its high 32 bits ({@link SemaphoreFile}).
 * <ul>
 *   <li>{@code sem_wait}'s fast path: while the value is above 0, compare-and-set
 *       {@code d -> d - 1} (acquire). jipc does the same in {@link #tryTake}; at value 0 the
 *       caller falls back to the native {@code sem_timedwait}, which registers as a waiter and
 *       sleeps on the futex.</li>
 *   <li>{@code sem_post}: compare-and-set {@code d -> d + 1} (release), then, if the word it
 *       replaced counted waiters, {@code FUTEX_WAKE} one. {@link #give} does the compare-and-set
 *       in Java only while no waiter is counted — the replaced word then proves nobody needs a
 *       wake-up — and otherwise calls the native {@code sem_post}, which adds the token and wakes.</li>
 * </ul>
 * A Java {@code VarHandle} compare-and-set has volatile semantics, at least as strong as
 * glibc's acquire/release ones, on the same word: Java and C processes, and native waiters of
 * this JVM, share one semaphore and exclude each other.
 *
 * <h2>Trust</h2>
 * Every take and give checks the {@code private} field and the word and refuses a corrupt
 * semaphore with {@link SemaphoreFile}'s checks ("changed while open"), as the native path did
 * before every wait and post. The word is read by the first compare-and-set itself: it expects
 * the uncontended word (1 to take, 0 to give), and when that fails the value it saw is checked
 * before anything else happens; so is the value seen by each further attempt. A
 * memory fault (the file truncated by another process) becomes an {@link IpcException} naming
 * the file: the fault happens in the first read, which the JVM reports catchably.
 *
 * <h2>Lifetime</h2>
 * The mapping belongs to the word: {@code sem_close} runs from a {@link Cleaner} once the word is
 * unreachable ({@link #closeWhenUnreachable()}), never while a thread can still touch it — every
 * method here keeps the word reachable to its end, native calls included. So its users need no
 * use count around a take or a give.
 */
final class SemaphoreWord {
    private static final Cleaner CLOSER = Cleaner.create();
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final long VALUE_MASK = 0xffff_ffffL;
    private static final int WAITERS_SHIFT = 32;
    /** The word of a free semaphore nobody waits for: value 1, no waiter counted. */
    private static final long FREE = 1L;

    private final long sem;
    private final ByteBuffer view;
    private final String uri;
    private final String name;

    /**
     * @param sem the {@code sem_t *} that {@code sem_open} returned (page-aligned)
     * @param uri the mutex's URI, named in errors
     * @param name the semaphore's name ({@code /x}), whose file errors name
     */
    SemaphoreWord(long sem, String uri, String name) {
        this.sem = sem;
        this.view = NativeMemory.buffer(sem, SemaphoreFile.SIZE);
        this.uri = uri;
        this.name = name;
    }

    /** Hands the mapping to a {@link Cleaner}: {@code sem_close} once this word is unreachable. */
    void closeWhenUnreachable() {
        long s = sem;
        CLOSER.register(this, () -> Semaphore.LIB.sem_close(s));
    }

    /**
     * The native {@code sem_timedwait} (the word checked first).
     *
     * @param op the public operation, named in errors
     * @param absTimeout the address of an absolute {@code CLOCK_REALTIME} {@code struct timespec}
     * @return 0 when a token was taken, else the errno ({@code ETIMEDOUT}, {@code EINTR}...)
     */
    int timedWait(String op, long absTimeout) {
        try {
            check(op);
            return Semaphore.LIB.sem_timedwait(sem, absTimeout) == 0 ? 0 : Native.errno();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The native {@code sem_getvalue}.
     *
     * @param out the address of an {@code int} to write the value to
     * @return 0, or the errno
     */
    int getValue(long out) {
        try {
            return Semaphore.LIB.sem_getvalue(sem, out) == 0 ? 0 : Native.errno();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Takes one token without blocking, as {@code sem_trywait} does.
     *
     * @param op the public operation, named in errors
     * @return {@code true} when a token was taken, {@code false} when the value is 0
     */
    boolean tryTake(String op) {
        try {
            checkPrivate(op);
            // the free, uncontended word is exactly 1: the witness of this one attempt is the word's read
            long d = (long) LONGS.compareAndExchange(view, SemaphoreFile.DATA, FREE, 0L);
            if (d == FREE) {
                return true;
            }
            d = checkData(op, d);
            while ((d & VALUE_MASK) != 0) {
                long seen = (long) LONGS.compareAndExchange(view, SemaphoreFile.DATA, d, d - 1);
                if (seen == d) {
                    return true;
                }
                d = checkData(op, seen);
            }
            return false;
        } catch (InternalError e) {
            throw fault(op, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Gives one token back, as {@code sem_post} does: in Java while no waiter is counted, else
     * through the native {@code sem_post}, which also wakes a waiter.
     *
     * @param op the public operation, named in errors
     */
    void give(String op) {
        try {
            checkPrivate(op);
            // the held, uncontended word is exactly 0 (no waiter counted): the witness is the word's read
            long d = (long) LONGS.compareAndExchange(view, SemaphoreFile.DATA, 0L, FREE);
            if (d == 0L) {
                return;
            }
            d = checkData(op, d);
            while ((d >>> WAITERS_SHIFT) == 0) {
                long seen = (long) LONGS.compareAndExchange(view, SemaphoreFile.DATA, d, d + 1);
                if (seen == d) {
                    return;
                }
                d = checkData(op, seen);
            }
            // waiters are counted: glibc's sem_post adds the token and wakes one
            if (Semaphore.LIB.sem_post(sem) != 0) {
                throw Errno.last("sem_post", uri);
            }
        } catch (InternalError e) {
            throw fault(op, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Reads and checks the mapped semaphore, before a native wait or post too: someone may have
     * written into the file since it was opened.
     *
     * @param op the public operation, named in errors
     * @return the {@code data} word read
     * @throws IpcException when the semaphore is corrupt, or its file was truncated
     */
    long check(String op) {
        try {
            int priv = (int) INTS.getVolatile(view, SemaphoreFile.PRIVATE);
            long d = (long) LONGS.getVolatile(view, SemaphoreFile.DATA);
            if (SemaphoreFile.problem(d, priv) != null) {
                throw SemaphoreFile.changed(op, uri, name, d, priv);
            }
            return d;
        } catch (InternalError e) {
            throw fault(op, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Checks the {@code private} field before a compare-and-set, whose witness then checks the
     * {@code data} word ({@link #checkData}): the same two checks as {@link #check}, with one read
     * of the word fewer. This read must stay the first access of every take and give: on a file
     * truncated while open, a read's fault is reported by the JVM as a catchable error, while a
     * compare-and-set's fault can kill the JVM with {@code SIGBUS} (seen in
     * {@code Unsafe_CompareAndExchangeLong} when the read was left out).
     */
    private void checkPrivate(String op) {
        if ((int) INTS.getVolatile(view, SemaphoreFile.PRIVATE) != SemaphoreFile.PRIVATE_SHARED) {
            check(op); // throws the full report (unless it was repaired meanwhile)
        }
    }

    private long checkData(String op, long d) {
        if ((d & VALUE_MASK) > 1) {
            throw SemaphoreFile.changed(op, uri, name, d, SemaphoreFile.PRIVATE_SHARED);
        }
        return d;
    }

    private IpcException fault(String op, InternalError e) {
        return MappingFaults.exception(op, uri, SemaphoreFile.path(name), SemaphoreFile.SIZE, e);
    }
}
