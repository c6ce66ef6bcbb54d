package io.jipc.os;

import io.jipc.api.IpcException;
import io.jipc.os.layout.StatLayout;

import java.nio.ByteBuffer;

/**
 * Calls on an open file descriptor, for every backend: {@code EINTR} retried inside, errno read
 * once right after the failing call, and failures turned into jipc exceptions (through
 * {@link Errno#exception}) whose message names the operation, the object and the errno name.
 *
 * <h2>Hot path</h2>
 * {@link #read(int, long, long, Object)} and {@link #write(int, long, long, Object)} (and their
 * {@link ByteBuffer} forms) allocate nothing and never throw for a descriptor that is not ready:
 * {@code EAGAIN}/{@code EWOULDBLOCK} return {@link #AGAIN}. Any other failure is an exception.
 *
 * <p>Every {@code uri} parameter is the object named in the error (an {@code IpcUri}, a path or a
 * {@code String}); it is turned into text only when an exception is built.
 */
public final class Fd {
    /** What {@code read}/{@code write} return when the descriptor is not ready ({@code EAGAIN}). */
    public static final int AGAIN = -1;

    private static final long RETRY = -2;

    private Fd() {
    }

    /**
     * {@code read(fd, address, count)}.
     *
     * @param fd the descriptor
     * @param address where the bytes go
     * @param count at most this many bytes
     * @param uri the object, for the error
     * @return the bytes read, 0 at end of file, or {@link #AGAIN} when nothing can be read without blocking
     * @throws IpcException for any other errno
     */
    public static long read(int fd, long address, long count, Object uri) {
        long n;
        do {
            n = Unistd.LIB.read(fd, address, count);
        } while (n < 0 && (n = afterFailure("read", uri)) == RETRY);
        return n;
    }

    /**
     * {@code write(fd, address, count)}.
     *
     * @param fd the descriptor
     * @param address the bytes
     * @param count how many bytes
     * @param uri the object, for the error
     * @return the bytes written, or {@link #AGAIN} when nothing can be written without blocking
     * @throws IpcException for any other errno ({@code EPIPE}: no reader is left)
     */
    public static long write(int fd, long address, long count, Object uri) {
        long n;
        do {
            n = Unistd.LIB.write(fd, address, count);
        } while (n < 0 && (n = afterFailure("write", uri)) == RETRY);
        return n;
    }

    /**
     * Reads into a direct buffer, from its position up to its limit, and advances the position.
     *
     * @param fd the descriptor
     * @param dst a direct buffer
     * @param uri the object, for the error
     * @return the bytes read, 0 at end of file, or {@link #AGAIN}
     * @throws IpcException for any other errno
     */
    public static int read(int fd, ByteBuffer dst, Object uri) {
        int pos = dst.position();
        long n = read(fd, NativeMemory.address(dst) + pos, dst.limit() - pos, uri);
        if (n > 0) {
            dst.position(pos + (int) n);
        }
        return (int) n;
    }

    /**
     * Writes a direct buffer's bytes from its position up to its limit, and advances the position.
     *
     * @param fd the descriptor
     * @param src a direct buffer
     * @param uri the object, for the error
     * @return the bytes written, or {@link #AGAIN}
     * @throws IpcException for any other errno
     */
    public static int write(int fd, ByteBuffer src, Object uri) {
        int pos = src.position();
        long n = write(fd, NativeMemory.address(src) + pos, src.limit() - pos, uri);
        if (n > 0) {
            src.position(pos + (int) n);
        }
        return (int) n;
    }

    /**
     * {@code pread}: reads at {@code offset} without moving the file position.
     *
     * @param fd the descriptor
     * @param address where the bytes go
     * @param count at most this many bytes
     * @param offset where to read in the file
     * @param uri the object, for the error
     * @return the bytes read, 0 at end of file, or {@link #AGAIN}
     * @throws IpcException for any other errno
     */
    public static long pread(int fd, long address, long count, long offset, Object uri) {
        long n;
        do {
            n = Unistd.LIB.pread(fd, address, count, offset);
        } while (n < 0 && (n = afterFailure("pread", uri)) == RETRY);
        return n;
    }

    /**
     * {@code pwrite}: writes at {@code offset} without moving the file position.
     *
     * @param fd the descriptor
     * @param address the bytes
     * @param count how many bytes
     * @param offset where to write in the file
     * @param uri the object, for the error
     * @return the bytes written, or {@link #AGAIN}
     * @throws IpcException for any other errno ({@code ENOSPC}: {@link io.jipc.api.IpcLimitExceeded})
     */
    public static long pwrite(int fd, long address, long count, long offset, Object uri) {
        long n;
        do {
            n = Unistd.LIB.pwrite(fd, address, count, offset);
        } while (n < 0 && (n = afterFailure("pwrite", uri)) == RETRY);
        return n;
    }

    /**
     * Closes {@code fd} if it is not negative, ignoring errors (Linux releases the descriptor
     * even when {@code close} fails; retrying could close another thread's new descriptor).
     *
     * @param fd the descriptor, or a negative value (nothing happens)
     */
    public static void close(int fd) {
        if (fd >= 0) {
            Unistd.LIB.close(fd);
        }
    }

    /**
     * {@code fstat}.
     *
     * @param fd the descriptor
     * @param uri the object, for the error
     * @return the snapshot
     * @throws IpcException when it fails ({@code EBADF}: "descriptor N is not open in this process")
     */
    public static Stat fstat(int fd, Object uri) {
        long buf = NativeMemory.allocate(StatLayout.SIZE);
        try {
            if (SysStat.LIB.fstat(fd, buf) != 0) {
                throw notOpenOr("fstat", uri, fd, Native.errno());
            }
            return Stat.of(buf);
        } finally {
            NativeMemory.free(buf);
        }
    }

    /**
     * {@code ftruncate(fd, size)}; {@code EFBIG}, {@code ENOSPC} and {@code EINVAL} (a size the
     * file system refuses) are {@link io.jipc.api.IpcLimitExceeded}.
     *
     * @param fd the descriptor
     * @param size the new size
     * @param what the file, as the message names it (a path)
     * @param uri the object, for the error
     */
    public static void truncate(int fd, long size, String what, Object uri) {
        while (true) {
            if (Unistd.LIB.ftruncate(fd, size) == 0) {
                return;
            }
            int e = Native.errno();
            if (e == Errno.EINTR) {
                continue;
            }
            String detail = "setting the size of " + what + " to " + size + " bytes failed: " + Errno.describe(e);
            if (e == Errno.EFBIG || e == Errno.ENOSPC || e == Errno.EINVAL) {
                throw new io.jipc.api.IpcLimitExceeded("ftruncate", String.valueOf(uri), e, Errno.name(e), detail
                        + (e == Errno.EINVAL ? " (larger than the file system allows?)" : ""));
            }
            throw Errno.exception("ftruncate", uri, e, detail);
        }
    }

    /**
     * {@code fchmod(fd, mode)}: sets exactly {@code mode} (a file created with
     * {@code open(O_CREAT, mode)} got it narrowed by the umask).
     *
     * @param fd the descriptor
     * @param mode the permission bits
     * @param what the file, as the message names it
     * @param uri the object, for the error
     */
    public static void chmod(int fd, int mode, String what, Object uri) {
        if (SysStat.LIB.fchmod(fd, mode) != 0) {
            int e = Native.errno();
            throw Errno.exception("fchmod", uri, e, "setting mode 0" + Integer.toOctalString(mode) + " on " + what
                    + " failed: " + Errno.describe(e));
        }
    }

    /**
     * {@code dup(fd)}.
     *
     * @param fd the descriptor
     * @param uri the object, for the error
     * @return the new descriptor (not close-on-exec)
     */
    public static int dup(int fd, Object uri) {
        int d = Unistd.LIB.dup(fd);
        if (d < 0) {
            throw notOpenOr("dup", uri, fd, Native.errno());
        }
        return d;
    }

    /**
     * {@code pipe2(flags)}.
     *
     * @param flags {@link Fcntl#O_CLOEXEC}, {@link Fcntl#O_NONBLOCK}
     * @param uri the object, for the error
     * @return the read end then the write end
     */
    public static int[] pipe(int flags, Object uri) {
        int[] fds = new int[2];
        if (Unistd.LIB.pipe2(fds, flags) != 0) {
            throw Errno.last("pipe2", uri);
        }
        return fds;
    }

    /**
     * The file status flags ({@code fcntl(F_GETFL)}: the access mode and {@code O_NONBLOCK}...).
     *
     * @param fd the descriptor
     * @param op the operation, for the error
     * @param uri the object, for the error
     * @return the flags
     * @throws IpcException when it fails ({@code EBADF}: "descriptor N is not open in this process")
     */
    public static int statusFlags(int fd, String op, Object uri) {
        int fl = Fcntl.LIB.fcntl(fd, Fcntl.F_GETFL, 0);
        if (fl < 0) {
            throw notOpenOr(op, uri, fd, Native.errno());
        }
        return fl;
    }

    /**
     * Makes an adopted descriptor non-blocking and close-on-exec.
     *
     * @param fd the descriptor
     * @param op the operation, for the error
     * @param uri the object, for the error
     */
    public static void adopt(int fd, String op, Object uri) {
        int fl = Fcntl.LIB.fcntl(fd, Fcntl.F_GETFL, 0);
        if (fl < 0 || Fcntl.LIB.fcntl(fd, Fcntl.F_SETFL, fl | Fcntl.O_NONBLOCK) != 0
                || Fcntl.LIB.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC) != 0) {
            int e = Native.errno();
            throw Errno.exception(op, uri, e, "descriptor " + fd + ": setting O_NONBLOCK/FD_CLOEXEC failed: "
                    + Errno.describe(e));
        }
    }

    /**
     * Sets {@code FD_CLOEXEC} (an inherited descriptor must not leak further); errors are ignored.
     *
     * @param fd the descriptor
     */
    public static void setCloexec(int fd) {
        Fcntl.LIB.fcntl(fd, Fcntl.F_SETFD, Fcntl.FD_CLOEXEC);
    }

    /** After a failed read/write: {@link #RETRY} for {@code EINTR}, {@link #AGAIN} for {@code EAGAIN}, else throws. */
    private static long afterFailure(String op, Object uri) {
        int e = Native.errno();
        if (e == Errno.EINTR) {
            return RETRY;
        }
        if (e == Errno.EAGAIN) {
            return AGAIN;
        }
        throw Errno.exception(op, uri, e);
    }

    /** The exception for a call on a descriptor that failed: {@code EBADF} says "not open in this process". */
    private static IpcException notOpenOr(String op, Object uri, int fd, int e) {
        if (e == Errno.EBADF) {
            return Errno.exception(op, uri, e, "descriptor " + fd + " is not open in this process");
        }
        return Errno.exception(op, uri, e, "descriptor " + fd + ": " + Errno.describe(e));
    }
}
