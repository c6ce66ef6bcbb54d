package io.jipc.posix.stream.internal;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysPoll;
import io.jipc.os.layout.PollfdLayout;

import java.util.function.BooleanSupplier;

/**
 * The one {@code poll} wait of the stream channels (framing, {@code accept}): waits until a
 * descriptor is ready, in slices of {@value #SLICE_MILLIS} ms so that {@link #close()}-style
 * closed states and Java interrupts are seen. Allocation-free: the caller owns the
 * {@code struct pollfd} (native memory of {@link PollfdLayout#SIZE} bytes).
 */
public final class DescriptorWait {
    /** Longest single {@code poll}, in milliseconds. */
    public static final int SLICE_MILLIS = 100;
    /** The deadline meaning "no deadline". */
    public static final long FOREVER = -1;

    private DescriptorWait() {
    }

    /**
     * Waits with {@code poll} until {@code fd} is ready for {@code events}.
     *
     * @param pollfd native memory for one {@code struct pollfd}
     * @param deadline a {@link System#nanoTime()} deadline, or {@link #FOREVER}
     * @param closed polled between slices: {@code true} ends the wait with {@link IpcClosed}
     * @param interruptible whether a Java interrupt ends the wait with {@link IpcInterrupted}
     * @return {@code false} at the deadline
     */
    public static boolean await(long pollfd, int fd, short events, long deadline, BooleanSupplier closed,
                                boolean interruptible, String op, String uri) {
        for (;;) {
            if (closed.getAsBoolean()) {
                throw new IpcClosed(op, uri);
            }
            if (interruptible && Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, uri, "interrupted while waiting; interrupt status kept");
            }
            int ms = SLICE_MILLIS;
            if (deadline != FOREVER) {
                long rem = deadline - System.nanoTime();
                if (rem <= 0) {
                    return false;
                }
                ms = (int) Math.min(SLICE_MILLIS, (rem + 999_999) / 1_000_000);
            }
            if (pollOnce(pollfd, fd, events, ms, uri)) {
                return true;
            }
        }
    }

    /** One {@code poll} of {@code fd} for at most {@code millis} ms ({@code EINTR}: not ready). */
    public static boolean pollOnce(long pollfd, int fd, short events, int millis, String uri) {
        NativeMemory.putInt(pollfd + PollfdLayout.FD, fd);
        NativeMemory.putShort(pollfd + PollfdLayout.EVENTS, events);
        NativeMemory.putShort(pollfd + PollfdLayout.REVENTS, (short) 0);
        int r = SysPoll.LIB.poll(pollfd, 1, millis);
        if (r < 0 && Native.errno() != Errno.EINTR) {
            throw Errno.last("poll", uri);
        }
        return r > 0;
    }
}
