package io.jipc.mmap.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import jnr.posix.FileStat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File-descriptor helpers for the region backends: {@code open}, {@code fstat}, {@code ftruncate},
 * {@code close}, each retrying {@code EINTR} and turning a failure into a clear
 * {@link IpcException} that names the object.
 */
public final class RegionFiles {
    /** The largest region: a {@link java.nio.ByteBuffer} is indexed by {@code int}. */
    public static final long MAX_REGION = Integer.MAX_VALUE;
    /**
     * How often {@link #openOrCreate} retries when the file vanishes between its exclusive create
     * and its plain open (another process removed it): each retry means another process won a race,
     * so a handful is plenty; beyond it the name is being churned and the error says so.
     */
    static final int OPEN_RETRIES = 50;

    /**
     * A descriptor {@link #openOrCreate} opened, and whether that call created the file.
     *
     * @param fd the descriptor, which the caller closes
     * @param created whether the file was created by this call (the caller unlinks it when it fails later)
     */
    public record Opened(int fd, boolean created) {
    }

    private RegionFiles() {
    }

    /** {@code open(path, flags, mode)}; returns the descriptor or {@code -1} with {@link #lastErrno()} set. */
    public static int tryOpen(String path, int flags, int mode) {
        while (true) {
            int fd = Native.posix().open(path, flags, mode);
            if (fd >= 0 || Native.posix().errno() != Errno.EINTR) {
                return fd;
            }
        }
    }

    /**
     * The one open-or-create routine of the mapped backends: opens {@code path} read-write
     * ({@code O_CLOEXEC | O_NOFOLLOW}); when {@code mayCreate}, first tries an exclusive create with
     * exactly {@code mode} (no umask), and falls back to opening the existing file when
     * {@code mayOpenExisting}. A file removed between the two opens is created again, a bounded
     * number of times.
     *
     * @param op the operation named in errors
     * @param uri the object named in errors
     * @param path the file
     * @param mayCreate whether the file may be created
     * @param mayOpenExisting whether an existing file may be opened
     * @param mode the permission bits of a created file
     * @return the descriptor and whether it was created
     */
    public static Opened openOrCreate(String op, Object uri, String path, boolean mayCreate, boolean mayOpenExisting,
                                      int mode) {
        int base = Fcntl.O_RDWR | Fcntl.O_CLOEXEC | Fcntl.O_NOFOLLOW;
        for (int attempt = 0; ; attempt++) {
            if (mayCreate) {
                int fd = tryOpen(path, base | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
                if (fd >= 0) {
                    applyMode(fd, mode, path, uri); // exactly mode=, whatever the umask
                    return new Opened(fd, true);
                }
                int e = lastErrno();
                if (e != Errno.EEXIST || !mayOpenExisting) {
                    throw openFailure(op, uri, path, e);
                }
            }
            int fd = tryOpen(path, base, 0);
            if (fd >= 0) {
                return new Opened(fd, false);
            }
            int e = lastErrno();
            if (e == Errno.ENOENT && mayCreate && attempt < OPEN_RETRIES) {
                continue; // removed between our two opens: try to create it again
            }
            throw openFailure(op, uri, path, e);
        }
    }

    /** The errno of the last failed jnr-posix call on this thread. */
    public static int lastErrno() {
        return Native.posix().errno();
    }

    /** The exception for a failed {@code open} of {@code path}, with the words a user needs. */
    public static IpcException openFailure(String op, Object uri, String path, int errno) {
        String detail;
        switch (errno) {
            case Errno.EISDIR: detail = path + " is a directory, not a file that can be mapped"; break;
            case Errno.ELOOP: detail = path + " is a symbolic link (refused: O_NOFOLLOW); give the real path"; break;
            case Errno.EACCES: case Errno.EPERM: case Errno.EROFS:
                detail = path + " cannot be opened for reading and writing (a shared mapping needs both): "
                        + Errno.describe(errno); break;
            case Errno.ENOENT: detail = path + " does not exist"; break;
            case Errno.EEXIST: detail = path + " already exists (open=create)"; break;
            case Errno.ENOTDIR: detail = "a component of " + path + " is not a directory"; break;
            default: detail = path + ": " + Errno.describe(errno);
        }
        return Errno.exception(op, uri, errno, detail);
    }

    /** {@code fstat(fd)}; fails with a clear error when the descriptor is not open. */
    public static FileStat fstat(int fd, String op, Object uri) {
        FileStat st = Native.posix().allocateStat();
        int r;
        try {
            r = Native.posix().fstat(fd, st);
        } catch (IllegalStateException e) {
            r = -1;
        }
        if (r != 0) {
            int e = lastErrno();
            if (e == Errno.EBADF) {
                throw Errno.exception(op, uri, e, "descriptor " + fd + " is not open in this process");
            }
            throw Errno.exception(op, uri, e, "fstat of descriptor " + fd + " failed: " + Errno.describe(e));
        }
        return st;
    }

    /**
     * Checks that growing {@code path} by {@code growth} bytes fits the free space of its file
     * system. On tmpfs {@code ftruncate} succeeds beyond the free space and the first touch of a
     * missing page would be a {@code SIGBUS}: refusing here turns that into a clear error.
     */
    public static void checkSpace(String op, Object uri, Path path, long growth) {
        long usable;
        try {
            usable = Files.getFileStore(path).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return; // unknown: let ftruncate decide
        }
        if (growth > usable) {
            throw new IpcLimitExceeded(op, uri.toString(), Errno.ENOSPC, "ENOSPC", "growing " + path + " by " + growth
                    + " bytes does not fit its file system: only " + usable + " bytes are available");
        }
    }

    /** {@code ftruncate(fd, size)} with clear errors ({@code EFBIG}, {@code ENOSPC} are limits). */
    public static void truncate(int fd, long size, String what, Object uri) {
        while (true) {
            int r = Native.posix().ftruncate(fd, size);
            if (r == 0) {
                return;
            }
            int e = lastErrno();
            if (e == Errno.EINTR) {
                continue;
            }
            String detail = "setting the size of " + what + " to " + size + " bytes failed: " + Errno.describe(e);
            if (e == Errno.EFBIG || e == Errno.ENOSPC || e == Errno.EINVAL) {
                throw new IpcLimitExceeded("ftruncate", uri.toString(), e, Errno.name(e), detail
                        + (e == Errno.EINVAL ? " (larger than the file system allows?)" : ""));
            }
            throw Errno.exception("ftruncate", uri, e, detail);
        }
    }

    /**
     * {@code fchmod(fd, mode)}: a file created with {@code open(O_CREAT, mode)} gets {@code mode}
     * narrowed by the process's umask; this sets exactly the {@code mode=} the URI asked for. On
     * failure the descriptor is closed and the file unlinked by the caller's clean-up.
     */
    public static void applyMode(int fd, int mode, String path, Object uri) {
        if (Native.posix().fchmod(fd, mode) != 0) {
            int e = lastErrno();
            close(fd);
            Native.posix().unlink(path);
            throw Errno.exception("fchmod", uri, e, "setting mode 0" + Integer.toOctalString(mode) + " on " + path
                    + " failed: " + Errno.describe(e));
        }
    }

    /** Closes {@code fd}, ignoring errors (the descriptor is gone either way on Linux). */
    public static void close(int fd) {
        if (fd >= 0) {
            Native.posix().close(fd);
        }
    }

    /** Sets {@code FD_CLOEXEC} on {@code fd} (an inherited descriptor must not leak further). */
    public static void setCloexec(int fd) {
        Native.posix().fcntlInt(fd, jnr.constants.platform.Fcntl.F_SETFD, Fcntl.FD_CLOEXEC);
    }
}
