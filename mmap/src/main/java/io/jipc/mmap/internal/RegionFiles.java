package io.jipc.mmap.internal;

import io.jipc.api.IpcPermissionDenied;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
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
