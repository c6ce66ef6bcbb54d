package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What is at a path a stream backend is about to use, checked before the system call that would
 * otherwise answer with a misleading errno (a regular file or a directory at a {@code unix:} path
 * makes {@code connect} say {@code ECONNREFUSED}, "nobody listens"). Looks with {@code lstat}: a
 * symbolic link is reported as one, never followed.
 */
public final class PathKind {
    /** {@code S_IFMT} and the file types of {@code <sys/stat.h>}. */
    private static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFIFO = 0010000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private PathKind() {
    }

    /**
     * Fails with an {@link IpcException} naming {@code path} and what it is when something other
     * than a {@code type} ({@link #S_IFSOCK}, {@link #S_IFIFO}) is there; returns quietly when the
     * path is free or cannot be examined (the system call then reports it).
     */
    public static void require(String op, IpcUri uri, Path path, int type) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return;
        }
        int actual = mode & S_IFMT;
        if (actual == type) {
            return;
        }
        String wanted = type == S_IFSOCK ? "a socket" : "a FIFO";
        throw new IpcException(op, uri.toString(), IpcException.NO_ERRNO, null, path + " is " + describe(path, actual)
                + ", not " + wanted + ": something else uses this path (pick another path, or remove what is there)");
    }

    private static String describe(Path path, int type) {
        switch (type) {
            case S_IFREG:
                long size;
                try {
                    size = Files.size(path);
                } catch (IOException e) {
                    size = -1;
                }
                return "a regular file" + (size >= 0 ? " (" + size + " bytes)" : "");
            case S_IFDIR: return "a directory";
            case S_IFLNK: return "a symbolic link";
            case S_IFIFO: return "a FIFO";
            case S_IFSOCK: return "a socket";
            case S_IFCHR: return "a character device";
            case S_IFBLK: return "a block device";
            default: return "a file of type 0" + Integer.toOctalString(type);
        }
    }
}
