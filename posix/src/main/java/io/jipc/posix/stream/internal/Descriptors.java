package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysPoll;
import io.jipc.os.SysStat;
import io.jipc.os.Unistd;
import io.jipc.os.layout.PollfdLayout;
import jnr.posix.FileStat;

import java.util.function.BooleanSupplier;

/** Descriptor helpers for the stream channels: validation of inherited descriptors, flags, waits. */
public final class Descriptors {
    /** {@code O_ACCMODE}. */
    public static final int O_ACCMODE = 3;

    private Descriptors() {
    }

    /** The file-type bits of {@code fd}'s {@code st_mode}, or -1 with errno set. */
    public static int fileType(int fd) {
        FileStat st = Native.posix().allocateStat();
        if (Native.posix().fstat(fd, st) != 0) {
            return -1;
        }
        return st.mode() & SysStat.S_IFMT;
    }

    /** A readable name of a file type from {@link #fileType(int)}. */
    public static String typeName(int type) {
        switch (type) {
            case SysStat.S_IFIFO: return "a pipe or FIFO";
            case SysStat.S_IFSOCK: return "a socket";
            case SysStat.S_IFREG: return "a regular file";
            case SysStat.S_IFDIR: return "a directory";
            case SysStat.S_IFCHR: return "a character device";
            case SysStat.S_IFBLK: return "a block device";
            case SysStat.S_IFLNK: return "a symbolic link";
            default: return "a file of type 0" + Integer.toOctalString(type);
        }
    }

    /**
     * Checks that the inherited descriptor {@code fd} is open, of {@code expectedType}, and open
     * for reading and/or writing, before any use.
     *
     * @param what how the URI names it ({@code "fd=R"})
     * @return the descriptor's status flags
     */
    public static int checkInherited(String op, String uri, int fd, String what, int expectedType,
                                     boolean read, boolean write) {
        int fl = Fcntl.LIB.fcntl(fd, Fcntl.F_GETFL, 0);
        if (fl < 0) {
            int e = Native.errno();
            if (e == Errno.EBADF) {
                throw new IpcException(op, uri, e, Errno.name(e), "descriptor " + fd + " (" + what
                        + ") is not open in this process; fd= URIs are for a child that inherited the descriptors"
                        + " from the parent that created the channel (Spawner.inherit)");
            }
            throw Errno.exception(op, uri, e, "descriptor " + fd + " (" + what + "): fcntl(F_GETFL) failed");
        }
        int type = fileType(fd);
        if (type < 0) {
            throw Errno.exception(op, uri, Native.errno(), "descriptor " + fd + " (" + what + "): fstat failed");
        }
        if (type != expectedType) {
            throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "descriptor " + fd + " (" + what + ") is "
                    + typeName(type) + ", not " + typeName(expectedType));
        }
        int acc = fl & O_ACCMODE;
        if (read && acc == Fcntl.O_WRONLY) {
            throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "descriptor " + fd + " (" + what
                    + ") is open for writing only; this end must read from it");
        }
        if (write && acc == Fcntl.O_RDONLY) {
            throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "descriptor " + fd + " (" + what
                    + ") is open for reading only; this end must write to it");
        }
        return fl;
    }

    /** Makes an adopted descriptor non-blocking and close-on-exec (before any other thread uses it). */
    public static void adopt(String op, String uri, int fd) {
        int fl = Fcntl.LIB.fcntl(fd, Fcntl.F_GETFL, 0);
        if (fl < 0 || Fcntl.LIB.fcntl(fd, Fcntl.F_SETFL, fl | Fcntl.O_NONBLOCK) != 0
                || Fcntl.LIB.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC) != 0) {
            throw Errno.exception(op, uri, Native.errno(), "descriptor " + fd + ": setting O_NONBLOCK/FD_CLOEXEC failed");
        }
    }

    /** Closes {@code fd} if it is not negative, ignoring errors. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            Unistd.LIB.close(fd);
        }
    }

    /**
     * Waits with {@code poll} until {@code fd} is ready for {@code events} (slices of
     * {@link FrameIo#SLICE_MILLIS} ms, checking {@code closed} and the thread's interrupt).
     *
     * @param pollfd 8 bytes of native memory for the {@code struct pollfd}
     * @param deadline a {@link System#nanoTime()} deadline, or -1 for none
     * @return {@code false} at the deadline
     */
    public static boolean await(long pollfd, int fd, short events, long deadline, BooleanSupplier closed,
                                String op, String uri) {
        for (;;) {
            if (closed.getAsBoolean()) {
                throw new io.jipc.api.IpcClosed(op, uri);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, uri, "interrupted while waiting; interrupt status kept");
            }
            int ms = FrameIo.SLICE_MILLIS;
            if (deadline != -1) {
                long rem = deadline - System.nanoTime();
                if (rem <= 0) {
                    return false;
                }
                ms = (int) Math.min(FrameIo.SLICE_MILLIS, (rem + 999_999) / 1_000_000);
            }
            NativeMemory.putInt(pollfd + PollfdLayout.FD, fd);
            NativeMemory.putShort(pollfd + PollfdLayout.EVENTS, events);
            NativeMemory.putShort(pollfd + PollfdLayout.REVENTS, (short) 0);
            int r = SysPoll.LIB.poll(pollfd, 1, ms);
            if (r > 0) {
                return true;
            }
            if (r < 0 && Native.errno() != Errno.EINTR) {
                throw Errno.last("poll", uri);
            }
        }
    }

    /** Parses a non-negative descriptor number from a URI option part. */
    public static int parseFd(io.jipc.api.IpcUri uri, String part, String text) {
        try {
            int fd = Integer.parseInt(text.trim());
            if (fd < 0) {
                throw uri.error(part, "descriptor " + fd + " is negative");
            }
            return fd;
        } catch (NumberFormatException e) {
            throw uri.error(part, "'" + text + "' is not a descriptor number");
        }
    }
}
