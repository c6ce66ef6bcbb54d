package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * POSIX shared memory ({@code shm_open} + {@code mmap(MAP_SHARED)}), scheme
 * {@code posix:/name?size=}. The object is a file in {@code /dev/shm} (tmpfs).
 *
 * <p>Creating needs {@code size=}: the new object's pages are reserved with
 * {@code posix_fallocate} (so a full {@code /dev/shm} is a clean {@link IpcLimitExceeded}, not a
 * {@code SIGBUS} on first touch), and the mode is applied with {@code fchmod}, so the umask does
 * not narrow it. Opening an existing object takes its size from {@code fstat}; a {@code size=}
 * that differs is an error. The descriptor is closed once mapped.
 *
 * <p>{@link #close()} is the safe release of {@link NativeMemory#retire}; {@link #remove()} is
 * {@code shm_unlink}: mappings keep working, a later open with create makes a new object.
 * {@link #sync()} does nothing (memory only).
 */
public final class PosixSharedRegion extends MappedSharedRegion {
    /** How long an opener waits for a creator that has not sized the object yet. */
    private static final long SIZE_WAIT_NANOS = 2_000_000_000L;

    private final String name;
    private final Capabilities caps;

    private PosixSharedRegion(IpcUri uri, String name, long address, long size) {
        super(uri, address, size);
        this.name = name;
        this.caps = PosixBackend.regionCapabilities();
    }

    /** Opens or creates the object {@code uri} names; validates everything before any system call. */
    static PosixSharedRegion open(IpcUri uri) {
        uri.checkOptions("posix region", Set.of("size"));
        String name = PosixNames.validate(uri, PosixNames.NAME_MAX);
        Open how = uri.open();
        int mode = uri.mode();
        long ask = uri.sizeOption("size", -1, 1, Integer.MAX_VALUE);
        if (how == Open.CREATE && ask < 0) {
            throw uri.error("option 'size'", "is needed to create a region (e.g. size=64k)");
        }
        while (true) {
            if (how.mayCreate() && ask > 0) {
                int fd = io.jipc.os.Mman.LIB.shm_open(name, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_CLOEXEC, mode);
                if (fd >= 0) {
                    return created(uri, name, fd, mode, ask);
                }
                int e = Native.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.EEXIST) {
                    throw Errno.exception("shm_open", uri, e);
                }
                if (how == Open.CREATE) {
                    throw new IpcAlreadyExists("shm_open", uri.toString(), e, Errno.name(e),
                            "the object " + name + " exists and open=create was asked");
                }
            }
            int fd = io.jipc.os.Mman.LIB.shm_open(name, Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
            if (fd >= 0) {
                return existing(uri, name, fd, ask);
            }
            int e = Native.errno();
            if (e == Errno.EINTR || (e == Errno.ENOENT && how.mayCreate() && ask > 0)) {
                continue;
            }
            if (e == Errno.ENOENT) {
                throw new IpcNotFound("shm_open", uri.toString(), e, Errno.name(e), "no object " + name
                        + (how == Open.OPEN ? " (open=open was asked)" : " and no size= to create it"));
            }
            throw Errno.exception("shm_open", uri, e, e == Errno.EACCES
                    ? "the object's mode does not let this user read and write it" : null);
        }
    }

    private static PosixSharedRegion created(IpcUri uri, String name, int fd, int mode, long size) {
        try {
            if (Native.posix().fchmod(fd, mode) != 0) {
                throw Errno.last("fchmod", uri);
            }
            int err = io.jipc.os.Fcntl.LIB.posix_fallocate(fd, 0, size);
            if (err == Errno.ENOSPC || err == Errno.ENOMEM || err == Errno.EFBIG) {
                throw new IpcLimitExceeded("posix_fallocate", uri.toString(), err, Errno.name(err),
                        "cannot reserve " + size + " bytes in /dev/shm (tmpfs full or too small: see 'df /dev/shm')");
            }
            if (err != 0 && Native.posix().ftruncate(fd, size) != 0) {
                throw Errno.last("ftruncate", uri);
            }
            long a = NativeMemory.mapShared(fd, size, 0, uri.toString());
            return new PosixSharedRegion(uri, name, a, size);
        } catch (RuntimeException e) {
            io.jipc.os.Mman.LIB.shm_unlink(name);
            throw e;
        } finally {
            Native.posix().close(fd);
        }
    }

    private static PosixSharedRegion existing(IpcUri uri, String name, int fd, long ask) {
        try {
            long deadline = System.nanoTime() + SIZE_WAIT_NANOS;
            long size;
            while (true) {
                size = Native.posix().fstat(fd).st_size();
                if (size > 0 || System.nanoTime() > deadline) {
                    break;
                }
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
            }
            if (size == 0) {
                throw new IpcException("shm_open", uri.toString(), IpcException.NO_ERRNO, null, "the object " + name
                        + " exists with size 0 (its creator may have died before sizing it); remove it and create it again");
            }
            if (size > Integer.MAX_VALUE) {
                throw new IpcLimitExceeded("mmap", uri.toString(), "the object is " + size
                        + " bytes, more than a ByteBuffer can address (" + Integer.MAX_VALUE + ")");
            }
            if (ask > 0 && ask != size) {
                throw new IpcException("shm_open", uri.toString(), IpcException.NO_ERRNO, null, "the object " + name
                        + " exists with size " + size + ", not the size=" + ask + " asked; drop size= to open it as it is");
            }
            long a = NativeMemory.mapShared(fd, size, 0, uri.toString());
            return new PosixSharedRegion(uri, name, a, size);
        } finally {
            Native.posix().close(fd);
        }
    }

    /** {@code /dev/shm/<name>}, where glibc's {@code shm_open} keeps the object. */
    @Override
    protected java.nio.file.Path backingFile() {
        return java.nio.file.Path.of("/dev/shm", name.startsWith("/") ? name.substring(1) : name);
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@code shm_unlink}: the name goes; mappings keep working; a later create makes a new object. */
    @Override
    public void remove() {
        if (io.jipc.os.Mman.LIB.shm_unlink(name) != 0) {
            int e = Native.errno();
            if (e != Errno.ENOENT) {
                throw Errno.exception("shm_unlink", uri(), e);
            }
        }
    }
}
