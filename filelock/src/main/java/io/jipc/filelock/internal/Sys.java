package io.jipc.filelock.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcPermissionDenied;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysStat;
import io.jipc.os.Unistd;
import io.jipc.os.layout.StatLayout;

import java.nio.charset.StandardCharsets;

/**
 * System-call helpers for the file-lock backends: {@code EINTR} retried, errno read once right
 * after the failing call, errors that name the operation, the URI, the path and the errno.
 */
public final class Sys {
    private Sys() {
    }

    /** A {@code struct stat} snapshot: the fields jipc uses. */
    public record Stat(long dev, long ino, long nlink, int type, int mode, int uid, long size, long mtimeSeconds) {
        public FileKey key() {
            return new FileKey(dev, ino);
        }

        public boolean isRegular() {
            return type == io.jipc.os.SysStat.S_IFREG;
        }

        public boolean isDirectory() {
            return type == io.jipc.os.SysStat.S_IFDIR;
        }

        public boolean isSymlink() {
            return type == io.jipc.os.SysStat.S_IFLNK;
        }
    }

    /** {@code access(path, mode)}: 0 or -1 with errno saved. */
    public static int access(String path, int mode) {
        return Unistd.LIB.access(path, mode);
    }

    /** {@code mkdir(path, mode)}: 0 or -1 with errno saved. */
    public static int mkdir(String path, int mode) {
        return SysStat.LIB.mkdir(path, mode);
    }

    /** {@code chmod(path, mode)}: 0 or -1 with errno saved. */
    public static int chmod(String path, int mode) {
        return SysStat.LIB.chmod(path, mode);
    }

    /** {@code rmdir(path)}: 0 or -1 with errno saved. */
    public static int rmdir(String path) {
        return Unistd.LIB.rmdir(path);
    }

    /** {@code open} with {@code EINTR} retried; returns the descriptor or {@code -errno}. */
    public static int open(String path, int flags, int mode) {
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

    /** Closes, ignoring errors (Linux releases the descriptor even when {@code close} fails). */
    public static void close(int fd) {
        if (fd >= 0) {
            Unistd.LIB.close(fd);
        }
    }

    /** {@code lstat}: the snapshot, or {@code null} with {@code errno[0]} set. */
    public static Stat lstat(String path, int[] errno) {
        long buf = NativeMemory.allocate(StatLayout.SIZE);
        try {
            if (SysStat.LIB.lstat(path, buf) != 0) {
                errno[0] = Native.errno();
                return null;
            }
            return snapshot(buf);
        } finally {
            NativeMemory.free(buf);
        }
    }

    /** {@code fstat}; failure is an {@link IpcException} (it only fails on a bad descriptor). */
    public static Stat fstat(int fd, String uri) {
        long buf = NativeMemory.allocate(StatLayout.SIZE);
        try {
            if (SysStat.LIB.fstat(fd, buf) != 0) {
                throw Errno.exception("fstat", uri, Native.errno());
            }
            return snapshot(buf);
        } finally {
            NativeMemory.free(buf);
        }
    }

    private static Stat snapshot(long buf) {
        return new Stat(StatLayout.dev(buf), StatLayout.ino(buf), StatLayout.nlink(buf), StatLayout.type(buf),
                StatLayout.mode(buf) & 07777, StatLayout.uid(buf), StatLayout.size(buf), StatLayout.mtimeSeconds(buf));
    }

    /** Reads up to {@code max} bytes from offset 0 (small files: lock identities); {@code null} on a read error. */
    public static byte[] readAll(int fd, int max) {
        long scratch = NativeMemory.allocate(Math.max(1, max));
        try {
            int n = 0;
            while (n < max) {
                long r = Unistd.LIB.pread(fd, scratch + n, max - n, n);
                if (r < 0) {
                    if (Native.errno() == Errno.EINTR) {
                        continue;
                    }
                    return null;
                }
                if (r == 0) {
                    break;
                }
                n += (int) r;
            }
            byte[] out = new byte[n];
            NativeMemory.copyToArray(scratch, out, 0, n);
            return out;
        } finally {
            NativeMemory.free(scratch);
        }
    }

    /** Writes all of {@code text}; throws on failure. */
    public static void writeAll(int fd, String text, String op, String uri, String path) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long scratch = NativeMemory.allocate(Math.max(1, b.length));
        try {
            NativeMemory.copyFromArray(b, 0, scratch, b.length);
            int off = 0;
            while (off < b.length) {
                long r = Unistd.LIB.write(fd, scratch + off, b.length - off);
                if (r < 0) {
                    int e = Native.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    throw error(op, uri, path, e);
                }
                off += (int) r;
            }
        } finally {
            NativeMemory.free(scratch);
        }
    }

    /**
     * The exception for a failed call on {@code path}: the {@link Errno} mapping, with the path
     * and a plain explanation of the errno values a lock path typically meets.
     */
    public static IpcException error(String op, String uri, String path, int errno) {
        String what;
        switch (errno) {
            case Errno.ELOOP:
                what = path + " is a symbolic link: jipc refuses to follow symbolic links at a lock path (O_NOFOLLOW)";
                break;
            case Errno.EISDIR:
                what = path + " is a directory, not a lock file";
                break;
            case Errno.ENOENT:
                what = path + ": no such file, or its parent directory does not exist";
                break;
            case Errno.ENOTDIR:
                what = path + ": a component of the path is not a directory";
                break;
            case Errno.EACCES:
            case Errno.EPERM:
                what = path + ": permission denied (check the file's and its directory's owner and mode)";
                break;
            case Errno.EROFS:
                what = path + " is on a read-only file system";
                break;
            default:
                what = path + ": " + Errno.describe(errno);
        }
        return Errno.exception(op, uri, errno, what);
    }

    /** {@link IpcNotFound} naming a path. */
    public static IpcNotFound notFound(String op, String uri, String detail) {
        return new IpcNotFound(op, uri, Errno.ENOENT, Errno.name(Errno.ENOENT), detail);
    }

    /** {@link IpcPermissionDenied} naming a path. */
    public static IpcPermissionDenied denied(String op, String uri, int errno, String detail) {
        return new IpcPermissionDenied(op, uri, errno, Errno.name(errno), detail);
    }
}
