package io.jipc.os;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.layout.PollfdLayout;

import java.util.function.BooleanSupplier;

/**
 * The one {@code poll} wait: until a descriptor is ready, in slices so that a closed handle and
 * the thread's interrupt are noticed within one slice. Allocates nothing (the caller owns the
 * {@code struct pollfd} and keeps its {@code closed} check in a field).
 */
public final class PollWait {
    /** A deadline that never comes. */
    public static final long FOREVER = -1;
    /** The longest single {@code poll}, in milliseconds: how soon a close or an interrupt is noticed. */
    public static final int SLICE_MILLIS = 100;

    private PollWait() {
    }

    /**
     * Waits with {@code poll} until {@code fd} is ready for {@code events} ({@code POLLERR} and
     * {@code POLLHUP} count as ready: the next call reports them).
     *
     * @param pollfd {@link PollfdLayout#SIZE} bytes of native memory for the {@code struct pollfd}
     * @param fd the descriptor
     * @param events {@link SysPoll#POLLIN} and/or {@link SysPoll#POLLOUT}
     * @param deadline a {@link System#nanoTime()} deadline, or {@link #FOREVER}
     * @param closed tells whether the handle was closed (checked before each slice)
     * @param interruptible whether the thread's interrupt ends the wait
     * @param op the operation, for the errors
     * @param uri the object, for the errors
     * @return {@code true} when ready, {@code false} at the deadline
     * @throws IpcClosed when {@code closed} says so
     * @throws IpcInterrupted when interruptible and the thread is interrupted (its status is kept)
     */
    public static boolean await(long pollfd, int fd, short events, long deadline, BooleanSupplier closed,
                                boolean interruptible, String op, Object uri) {
        for (;;) {
            if (closed.getAsBoolean()) {
                throw new IpcClosed(op, String.valueOf(uri));
            }
            if (interruptible && Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, String.valueOf(uri), "interrupted while waiting; interrupt status kept");
            }
            int ms = SLICE_MILLIS;
            if (deadline != FOREVER) {
                long rem = deadline - System.nanoTime();
                if (rem <= 0) {
                    return false;
                }
                ms = (int) Math.min(SLICE_MILLIS, (rem + 999_999) / 1_000_000);
            }
            NativeMemory.putInt(pollfd + PollfdLayout.FD, fd);
            NativeMemory.putShort(pollfd + PollfdLayout.EVENTS, events);
            NativeMemory.putShort(pollfd + PollfdLayout.REVENTS, (short) 0);
            int r = SysPoll.LIB.poll(pollfd, 1, ms);
            if (r > 0) {
                return true;
            }
            if (r < 0) {
                int e = Native.errno();
                if (e != Errno.EINTR) {
                    throw Errno.exception("poll", uri, e);
                }
            }
        }
    }

    /**
     * Is {@code fd} ready for {@code events} right now ({@code poll} with a zero timeout)?
     *
     * @param pollfd {@link PollfdLayout#SIZE} bytes of native memory for the {@code struct pollfd}
     * @param fd the descriptor
     * @param events {@link SysPoll#POLLIN} and/or {@link SysPoll#POLLOUT}
     * @return {@code true} when ready
     */
    public static boolean ready(long pollfd, int fd, short events) {
        NativeMemory.putInt(pollfd + PollfdLayout.FD, fd);
        NativeMemory.putShort(pollfd + PollfdLayout.EVENTS, events);
        NativeMemory.putShort(pollfd + PollfdLayout.REVENTS, (short) 0);
        return SysPoll.LIB.poll(pollfd, 1, 0) > 0;
    }
}
