package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.os.Stat;
import io.jipc.os.SysStat;

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
    /** A socket ({@link SysStat#S_IFSOCK}), for {@link #require}. */
    public static final int S_IFSOCK = SysStat.S_IFSOCK;
    /** A FIFO ({@link SysStat#S_IFIFO}), for {@link #require}. */
    public static final int S_IFIFO = SysStat.S_IFIFO;

    private PathKind() {
    }

    /**
     * Fails with an {@link IpcException} naming {@code path} and what it is when something other
     * than a {@code type} ({@link #S_IFSOCK}, {@link #S_IFIFO}) is there; returns quietly when the
     * path is free or cannot be examined (the system call then reports it).
     */
    public static void require(String op, IpcUri uri, Path path, int type) {
        String other = otherThan(path, type);
        if (other != null) {
            throw new IpcException(op, uri.toString(), IpcException.NO_ERRNO, null, path + " is " + other
                    + ", not " + (type == S_IFSOCK ? "a Unix socket" : "a FIFO")
                    + ": something else uses this path (pick another path, or remove what is there)");
        }
    }

    /**
     * What is at {@code path} when it is not of {@code type} ({@code "a directory"},
     * {@code "a regular file (12 bytes)"}); {@code null} when it is of that type, absent, or cannot
     * be examined. Symbolic links are not followed.
     */
    public static String otherThan(Path path, int type) {
        int actual;
        try {
            actual = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & SysStat.S_IFMT;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (actual == type) {
            return null;
        }
        if (actual == SysStat.S_IFREG) {
            try {
                return "a regular file (" + Files.size(path) + " bytes)";
            } catch (IOException e) {
                return "a regular file";
            }
        }
        return Stat.typeName(actual);
    }
}
