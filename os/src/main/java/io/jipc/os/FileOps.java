package io.jipc.os;

import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.os.layout.StatLayout;

/**
 * Calls on paths, for every backend: open, remove, FIFOs, directories, {@code lstat}, and the
 * reservation of a file's pages ({@link #reserve}). {@code EINTR} is retried inside; failures are
 * jipc exceptions (through {@link Errno#exception}) whose message names the operation, the object
 * (the {@code uri} parameter: an {@code IpcUri} or text) and the errno name, with the path and
 * plain words for the errno values a path typically meets ({@link #failure}).
 */
public final class FileOps {
    private FileOps() {
    }

    /**
     * {@code open(path, flags, mode)} that does not throw.
     *
     * @param path the file
     * @param flags {@code O_*} flags (add {@link Fcntl#O_CLOEXEC})
     * @param mode the permission bits of a created file (before the umask)
     * @return the descriptor, or {@code -errno}
     */
    public static int tryOpen(String path, int flags, int mode) {
        while (true) {
            int fd = Fcntl.LIB.open(path, flags, mode);
            if (fd >= 0) {
                return fd;
            }
            int e = Native.errno();
            if (e != Errno.EINTR) {
                return -e;
            }
        }
    }

    /**
     * {@code open(path, flags, mode)}.
     *
     * @param path the file
     * @param flags {@code O_*} flags (add {@link Fcntl#O_CLOEXEC})
     * @param mode the permission bits of a created file (before the umask)
     * @param uri the object, for the error
     * @return the descriptor
     * @throws IpcException from {@link #failure} when it fails
     */
    public static int open(String path, int flags, int mode, Object uri) {
        int fd = tryOpen(path, flags, mode);
        if (fd < 0) {
            throw failure("open", uri, path, -fd);
        }
        return fd;
    }

    /**
     * {@code unlink(path)} for {@code remove()}: a missing file is not an error.
     *
     * @param path the file
     * @param uri the object, for the error
     * @return {@code true} if it was removed, {@code false} if it did not exist
     * @throws IpcException for any other errno
     */
    public static boolean unlink(String path, Object uri) {
        if (Unistd.LIB.unlink(path) == 0) {
            return true;
        }
        int e = Native.errno();
        if (e == Errno.ENOENT) {
            return false;
        }
        throw failure("unlink", uri, path, e);
    }

    /**
     * {@code unlink(path)}, ignoring every error (clean-up after a failure).
     *
     * @param path the file
     */
    public static void unlinkQuietly(String path) {
        Unistd.LIB.unlink(path);
    }

    /**
     * {@code mkfifo(path, mode)}.
     *
     * @param path the FIFO to create
     * @param mode its permission bits (before the umask)
     * @return 0, or the errno ({@code EEXIST} when something is there already)
     */
    public static int mkfifo(String path, int mode) {
        return SysStat.LIB.mkfifo(path, mode) == 0 ? 0 : Native.errno();
    }

    /**
     * {@code chmod(path, mode)}: sets exactly {@code mode}, whatever the umask.
     *
     * @param path the file
     * @param mode the permission bits
     * @param uri the object, for the error
     */
    public static void chmod(String path, int mode, Object uri) {
        if (SysStat.LIB.chmod(path, mode) != 0) {
            throw failure("chmod", uri, path, Native.errno());
        }
    }

    /**
     * {@code mkdir(path, mode)}.
     *
     * @param path the directory to create
     * @param mode its permission bits (before the umask)
     * @return 0, or the errno ({@code EEXIST}, {@code ENOENT} when the parent is missing...)
     */
    public static int mkdir(String path, int mode) {
        return SysStat.LIB.mkdir(path, mode) == 0 ? 0 : Native.errno();
    }

    /**
     * {@code lstat(path)}: a symbolic link is described itself, not followed.
     *
     * @param path the file
     * @param uri the object, for the error
     * @return the snapshot, or {@code null} when nothing is at {@code path} ({@code ENOENT})
     * @throws IpcException for any other errno
     */
    public static Stat lstat(String path, Object uri) {
        long buf = NativeMemory.allocate(StatLayout.SIZE);
        try {
            if (SysStat.LIB.lstat(path, buf) == 0) {
                return Stat.of(buf);
            }
            int e = Native.errno();
            if (e == Errno.ENOENT) {
                return null;
            }
            throw failure("lstat", uri, path, e);
        } finally {
            NativeMemory.free(buf);
        }
    }

    /**
     * Reserves the pages (blocks) of {@code [offset, offset + length)} of an open file now, so
     * that a later store through a shared mapping never raises {@code SIGBUS} when the file
     * system (tmpfs: {@code /dev/shm}) is full. Extends the file to {@code offset + length} if it
     * is shorter.
     *
     * <p>{@code posix_fallocate} first; when the file system refuses it ({@code EOPNOTSUPP},
     * {@code ENOSYS}, {@code EINVAL}), the file is extended with {@code ftruncate} and one zero
     * byte is written into each page of the range past the old end, which makes the file system
     * allocate it (the bytes there are zeros already). Only the part past the file's current end
     * is written, so existing data is never touched.
     *
     * @param fd a descriptor of the regular file, open for writing
     * @param offset the range's start
     * @param length the range's length
     * @param path the file, as the message names it
     * @param uri the object, for the error
     * @throws IpcLimitExceeded naming {@code path} and the size when the file system is full
     *         ({@code ENOSPC}), the file too large ({@code EFBIG}) or memory short ({@code ENOMEM})
     * @throws IpcException for any other failure
     */
    public static void reserve(int fd, long offset, long length, String path, Object uri) {
        int err;
        do {
            err = Fcntl.LIB.posix_fallocate(fd, offset, length);
        } while (err == Errno.EINTR);
        if (err == 0) {
            return;
        }
        if (err == Errno.EOPNOTSUPP || err == Errno.ENOSYS || err == Errno.EINVAL) {
            reserveByWriting(fd, offset, length, path, uri);
            return;
        }
        throw reserveFailure("posix_fallocate", uri, path, offset + length, err);
    }

    /** The fallback of {@link #reserve}: extend, then touch each page past the old end with a zero byte. */
    static void reserveByWriting(int fd, long offset, long length, String path, Object uri) {
        long end = offset + length;
        long old = Fd.fstat(fd, uri).size();
        if (old < end) {
            Fd.truncate(fd, end, path, uri);
        }
        long page = NativeMemory.pageSize();
        long zero = NativeMemory.allocate(1);
        try {
            long from = Math.max(offset, old);
            for (long off = from; off < end; off = (off / page + 1) * page) {
                while (Unistd.LIB.pwrite(fd, zero, 1, off) != 1) {
                    int e = Native.errno();
                    if (e != Errno.EINTR) {
                        throw reserveFailure("pwrite", uri, path, end, e);
                    }
                }
            }
        } finally {
            NativeMemory.free(zero);
        }
    }

    private static IpcException reserveFailure(String op, Object uri, String path, long size, int err) {
        if (err == Errno.ENOSPC || err == Errno.EFBIG || err == Errno.ENOMEM || err == Errno.EDQUOT) {
            return new IpcLimitExceeded(op, String.valueOf(uri), err, Errno.name(err), "cannot reserve " + size
                    + " bytes for " + path + ": its file system is full or too small (see 'df " + parentOf(path)
                    + "'); nothing was mapped");
        }
        return Errno.exception(op, uri, err, "reserving " + size + " bytes for " + path + " failed: "
                + Errno.describe(err));
    }

    /**
     * The exception for a call on {@code path} that failed with {@code errno}: the
     * {@link Errno#exception} class ({@code ENOENT}: {@link io.jipc.api.IpcNotFound}, {@code EEXIST}:
     * {@link io.jipc.api.IpcAlreadyExists}, {@code EACCES}/{@code EPERM}/{@code EROFS}:
     * {@link io.jipc.api.IpcPermissionDenied}, {@code ENOSPC}/{@code EMFILE}...:
     * {@link IpcLimitExceeded}) with the path and plain words for the errno values a path meets.
     *
     * @param op the operation ({@code "open"}, {@code "unlink"}...)
     * @param uri the object
     * @param path the path
     * @param errno the errno
     * @return the exception, for the caller to throw
     */
    public static IpcException failure(String op, Object uri, String path, int errno) {
        String what;
        switch (errno) {
            case Errno.ELOOP:
                what = path + " is a symbolic link: jipc refuses to follow it (O_NOFOLLOW); give the real path";
                break;
            case Errno.EISDIR:
                what = path + " is a directory";
                break;
            case Errno.ENOENT:
                what = path + " does not exist, or its parent directory does not exist";
                break;
            case Errno.EEXIST:
                what = path + " already exists";
                break;
            case Errno.ENOTDIR:
                what = "a component of " + path + " is not a directory";
                break;
            case Errno.EACCES:
            case Errno.EPERM:
                what = path + ": permission denied (check the owner and mode of the file and its directory)";
                break;
            case Errno.EROFS:
                what = path + " is on a read-only file system";
                break;
            default:
                what = path + ": " + Errno.describe(errno);
        }
        return Errno.exception(op, uri, errno, what);
    }

    /**
     * The parent directory of {@code path}, as text.
     *
     * @param path a path
     * @return its parent, or {@code "/"}
     */
    public static String parentOf(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath().getParent();
        return p == null ? "/" : p.toString();
    }
}
