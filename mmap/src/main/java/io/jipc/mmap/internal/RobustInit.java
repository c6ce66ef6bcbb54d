package io.jipc.mmap.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcTimeout;
import io.jipc.api.IpcUri;
import io.jipc.api.SharedRegion;
import io.jipc.os.Errno;
import io.jipc.os.NativeMemory;
import io.jipc.os.Proc;
import io.jipc.os.Pthread;
import io.jipc.os.layout.PthreadLayout;

/**
 * Initialisation, exactly once, of the {@code robust:} block ({@link RobustLayout}) that another
 * process may be initialising at the same time: an init word goes 0 (fresh) →
 * {@code (pid << 32) | 1} (process pid is initialising) → 2 (ready) by compare-and-set; other
 * openers wait for "ready"; if the initialiser's pid is dead, the next opener takes over (nobody
 * can be using a mutex that never became ready); a live initialiser that takes longer than the
 * {@code init-timeout} makes the open fail with {@link IpcTimeout}.
 */
public final class RobustInit {
    private RobustInit() {
    }

    /**
     * Makes the block at {@code offset} of {@code region} hold a ready mutex: initialises it when
     * fresh (or when its initialiser died), waits for a live initialiser, checks the header of a
     * ready one.
     *
     * @param uri the mutex's URI, named in errors
     * @param region the region holding the block
     * @param offset the block's offset
     * @param timeoutMillis how long a live initialiser may take ({@code init-timeout})
     * @throws IpcException when the block holds something else; {@link IpcTimeout} after the timeout
     */
    public static void initialise(IpcUri uri, SharedRegion region, long offset, long timeoutMillis) {
        long me = ProcessHandle.current().pid();
        long mine = RobustLayout.initialising(me);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long word = offset + RobustLayout.INIT_WORD;
        while (true) {
            long v = region.getLongVolatile(word);
            if (v == RobustLayout.READY) {
                int magic = region.getIntVolatile(offset + RobustLayout.MAGIC);
                int bytes = region.getIntVolatile(offset + RobustLayout.MUTEX_BYTES);
                if (magic != RobustLayout.MAGIC_VALUE || bytes != PthreadLayout.MUTEX_SIZE) {
                    throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, "offset " + offset
                            + " of " + region.uri() + " does not hold a jipc robust mutex (magic 0x" + Integer.toHexString(magic)
                            + ", mutex size " + bytes + ")");
                }
                return;
            }
            if (v == RobustLayout.FRESH) {
                if (region.compareAndSetLong(word, v, mine)) {
                    initialiseNow(uri, region, offset);
                    return;
                }
                continue;
            }
            if (!RobustLayout.isInitialising(v)) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, "offset " + offset + " of "
                        + region.uri() + " does not hold a jipc robust mutex (init word 0x" + Long.toHexString(v) + ")");
            }
            long pid = RobustLayout.initialiser(v);
            if (!alive(pid)) {
                // The initialiser died mid-way: nobody can use a mutex that never became ready.
                if (region.compareAndSetLong(word, v, mine)) {
                    initialiseNow(uri, region, offset);
                    return;
                }
                continue;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IpcTimeout("open", uri.toString(), "process " + pid + " has been initialising the mutex for more than "
                        + timeoutMillis + " ms (init-timeout); if it is stuck, kill it and open again");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IpcInterrupted("open", uri.toString(), "interrupted while waiting for process " + pid
                        + " to initialise the mutex");
            }
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || Proc.exists(pid);
    }

    private static void initialiseNow(IpcUri uri, SharedRegion region, long offset) {
        long base = NativeMemory.address(region.buffer()) + offset;
        long attr = NativeMemory.allocate(PthreadLayout.MUTEXATTR_SIZE);
        boolean done = false;
        try {
            check(uri, "pthread_mutexattr_init", Pthread.LIB.pthread_mutexattr_init(attr));
            try {
                check(uri, "pthread_mutexattr_settype", Pthread.LIB.pthread_mutexattr_settype(attr, Pthread.PTHREAD_MUTEX_ERRORCHECK));
                check(uri, "pthread_mutexattr_setpshared", Pthread.LIB.pthread_mutexattr_setpshared(attr, Pthread.PTHREAD_PROCESS_SHARED));
                check(uri, "pthread_mutexattr_setrobust", Pthread.LIB.pthread_mutexattr_setrobust(attr, Pthread.PTHREAD_MUTEX_ROBUST));
                NativeMemory.clear(base + RobustLayout.MUTEX, PthreadLayout.MUTEX_SIZE);
                check(uri, "pthread_mutex_init", Pthread.LIB.pthread_mutex_init(base + RobustLayout.MUTEX, attr));
            } finally {
                Pthread.LIB.pthread_mutexattr_destroy(attr);
            }
            region.putIntRelease(offset + RobustLayout.MAGIC, RobustLayout.MAGIC_VALUE);
            region.putIntRelease(offset + RobustLayout.MUTEX_BYTES, PthreadLayout.MUTEX_SIZE);
            region.putLongRelease(offset + RobustLayout.INIT_WORD, RobustLayout.READY);
            done = true;
        } finally {
            NativeMemory.free(attr);
            if (!done) {
                region.putLongRelease(offset + RobustLayout.INIT_WORD, RobustLayout.FRESH);
            }
        }
    }

    private static void check(IpcUri uri, String call, int r) {
        if (r != 0) {
            throw Errno.exception(call, uri, r, call + " failed: " + Errno.describe(r));
        }
    }
}
