package io.jipc.filelock.internal;

import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.Stat;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcException;
import io.jipc.api.Open;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;

import java.nio.file.Path;

/**
 * Opening the file of an {@code fcntl:}, {@code ofd:} or {@code flock:} lock:
 * {@code O_RDWR | O_NOFOLLOW | O_CLOEXEC} (a write lock needs a descriptor open for writing; a
 * symbolic link at the path is refused, not followed), created with {@code O_CREAT | O_EXCL} and
 * {@code fchmod(mode)} when {@code open=} allows, and checked to be a regular file.
 */
public final class KernelFiles {
    private KernelFiles() {
    }

    /**
     * @param created set to {@code true} when the file was created by this call (it is then
     *                recorded in {@code record})
     * @param record the scheme's set of the files jipc created
     * @return the descriptor
     */
    public static int openLockFile(String path, Open open, int mode, String uri, boolean[] created, CreatedPaths record) {
        final int base = Fcntl.O_RDWR | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC;
        for (int round = 0; ; round++) {
            if (open.mayCreate()) {
                int fd = FileOps.tryOpen(path, base | Fcntl.O_CREAT | Fcntl.O_EXCL, mode);
                if (fd >= 0) {
                    io.jipc.os.SysStat.LIB.fchmod(fd, mode);
                    created[0] = true;
                    record.add(Path.of(path));
                    return fd;
                }
                int e = -fd;
                if (e == Errno.ENOENT) {
                    throw KernelFiles.notFound("open", uri, "cannot create " + path + ": its parent directory "
                            + parentOf(path) + " does not exist");
                }
                if (e == Errno.EEXIST && open == Open.CREATE) {
                    throw Errno.exception("open", uri, e, path + " already exists (open=create)");
                }
                if (e != Errno.EEXIST) {
                    throw FileOps.failure("open", uri, path, e);
                }
            }
            int fd = FileOps.tryOpen(path, base, 0);
            if (fd >= 0) {
                Stat st;
                try {
                    st = Fd.fstat(fd, uri);
                } catch (RuntimeException ex) {
                    Fd.close(fd);
                    throw ex;
                }
                if (!st.isRegular()) {
                    Fd.close(fd);
                    throw new IpcException("open", uri, IpcException.NO_ERRNO, null,
                            path + " is not a regular file (a FIFO, device or socket cannot be a lock file)");
                }
                return fd;
            }
            int e = -fd;
            if (e == Errno.ENOENT && open.mayCreate() && round < 100) {
                continue; // removed between our two opens: create it
            }
            throw FileOps.failure("open", uri, path, e);
        }
    }

    /** {@link IpcNotFound} naming a path. */
    public static IpcNotFound notFound(String op, String uri, String detail) {
        return new IpcNotFound(op, uri, Errno.ENOENT, Errno.name(Errno.ENOENT), detail);
    }

    /** {@code lstat}, or {@code null} when it fails for any reason (a look that may come to nothing). */
    public static Stat lstatQuietly(String path) {
        try {
            return FileOps.lstat(path, path);
        } catch (IpcException e) {
            return null;
        }
    }

    /** The parent directory of {@code path}, as text. */
    public static String parentOf(String path) {
        Path p = Path.of(path).toAbsolutePath().getParent();
        return p == null ? "/" : p.toString();
    }

    /** {@code unlink} for {@code remove()}: a missing file is not an error; forgets it in {@code record}. */
    public static void remove(String path, String uri, CreatedPaths record) {
        FileOps.unlink(path, uri);
        record.remove(Path.of(path));
    }
}
