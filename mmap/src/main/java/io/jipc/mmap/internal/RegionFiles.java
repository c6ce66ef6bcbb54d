package io.jipc.mmap.internal;

import io.jipc.api.IpcPermissionDenied;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.OpenOrCreate;

/**
 * What the mapped backends ({@code file:}, {@code anon:}, {@code ring:}) share on top of the os
 * layer's file calls: the largest mapping, the {@code size=} option, and opening a file to map it
 * through the one open-or-create routine, with the words a mapping needs when it is refused.
 */
public final class RegionFiles {
    /** The largest region: a {@link java.nio.ByteBuffer} is indexed by {@code int}. */
    public static final long MAX_REGION = Integer.MAX_VALUE;
    /** How a file to be mapped is opened: read-write (a shared mapping needs both), never through a link. */
    public static final int FLAGS = Fcntl.O_RDWR | Fcntl.O_CLOEXEC | Fcntl.O_NOFOLLOW;

    private RegionFiles() {
    }

    /**
     * Opens (or creates, exactly {@code mode}) a file to map, with {@link OpenOrCreate#file}.
     *
     * @param path the file
     * @param how what {@code open=} asked
     * @param mayCreate {@code false} when creating is impossible whatever {@code how} says
     * @param mode the permission bits of a created file
     * @param uri the object, for errors
     * @return the descriptor, which the caller closes, and whether it was created
     */
    public static OpenOrCreate.Opened open(String path, Open how, boolean mayCreate, int mode, Object uri) {
        try {
            return OpenOrCreate.file(path, FLAGS, mode, how, mayCreate, uri);
        } catch (IpcPermissionDenied e) {
            throw Errno.exception("open", uri, e.errno(), path + " cannot be opened for reading and writing"
                    + " (a shared mapping needs both): " + Errno.describe(e.errno()));
        }
    }

    /**
     * What a mapped backend does with a file {@link #open} gave it.
     *
     * @param <T> what it makes of the file
     */
    @FunctionalInterface
    public interface Use<T> {
        /**
         * Sizes, checks and maps the file.
         *
         * @param fd the descriptor, closed after this returns
         * @param created whether the file was created by this open
         * @return the handle made of the file
         */
        T use(int fd, boolean created);
    }

    /**
     * Runs {@code use} on an opened file, then closes the descriptor (a mapping outlives it); when
     * {@code use} fails, a file this open created is unlinked again.
     *
     * @param opened what {@link #open} returned
     * @param path the file
     * @param use what to make of it
     * @param <T> what {@code use} makes
     * @return what {@code use} returned
     */
    public static <T> T use(OpenOrCreate.Opened opened, String path, Use<T> use) {
        try {
            return use.use(opened.fd(), opened.created());
        } catch (RuntimeException e) {
            if (opened.created()) {
                FileOps.unlinkQuietly(path);
            }
            throw e;
        } finally {
            Fd.close(opened.fd());
        }
    }

    /**
     * The {@code size=} option of a region, checked: positive and at most {@link #MAX_REGION}.
     *
     * @param uri the region's URI
     * @return the size in bytes, or {@code -1} when the URI has none
     */
    public static long sizeOption(IpcUri uri) {
        if (!uri.has("size")) {
            return -1;
        }
        long size = uri.sizeOption("size", -1, Long.MIN_VALUE, Long.MAX_VALUE);
        if (size <= 0) {
            throw uri.error("option 'size'", size + " is not a positive number of bytes");
        }
        if (size > MAX_REGION) {
            throw uri.error("option 'size'", size + " bytes is more than a region can map ("
                    + MAX_REGION + ", the ByteBuffer limit)");
        }
        return size;
    }
}
