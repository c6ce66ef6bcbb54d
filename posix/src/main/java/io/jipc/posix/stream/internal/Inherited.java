package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Fd;
import io.jipc.os.Native;
import io.jipc.os.Stat;

/** Descriptors a child inherited and names in its URI ({@code fd=}): parsed and checked before any use. */
public final class Inherited {
    /** {@code O_ACCMODE}. */
    private static final int O_ACCMODE = 3;

    private Inherited() {
    }

    /**
     * Checks that the inherited descriptor {@code fd} is open, of {@code expectedType}, and open
     * for reading and/or writing, before any use.
     *
     * @param what how the URI names it ({@code "fd=R"})
     * @return the descriptor's status flags
     */
    public static int check(String op, String uri, int fd, String what, int expectedType, boolean read, boolean write) {
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
        int type = Fd.fstat(fd, uri).type();
        if (type != expectedType) {
            throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "descriptor " + fd + " (" + what + ") is "
                    + Stat.typeName(type) + ", not " + Stat.typeName(expectedType));
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

    /** Parses a non-negative descriptor number from a URI option part. */
    public static int parseFd(IpcUri uri, String part, String text) {
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
