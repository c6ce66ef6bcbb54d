package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.mmap.internal.RegionFiles;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import jnr.posix.FileStat;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code file:/path?size=N}: a file mapped {@code MAP_SHARED}, on any file system
 * ({@code /dev/shm} is tmpfs: memory only; a disk file goes through the page cache and
 * {@link #sync()} writes it back with {@code msync(MS_SYNC)}).
 *
 * <ul>
 * <li>{@code size=} (bytes, {@code k}/{@code m}/{@code g} suffixes, 1 .. {@value RegionFiles#MAX_REGION}):
 * a created file is grown to it with {@code ftruncate}; an existing smaller file is grown; an
 * existing <em>larger</em> file is refused (jipc never shrinks a file). Without {@code size=} an
 * existing file is mapped whole, and a missing file is an error.</li>
 * <li>{@code open=create|open|open-or-create}, {@code mode=0600}: as everywhere; a created file
 * gets exactly {@code mode=} ({@code fchmod} after {@code open}: the umask does not narrow it). The file is
 * opened {@code O_RDWR | O_CLOEXEC | O_NOFOLLOW}: a symbolic link, a directory or a file this
 * process cannot write are clear errors.</li>
 * </ul>
 * {@link #close()} unmaps safely; {@link #remove()} unlinks the file (mappings stay valid).
 * Files this process creates are recorded in its backend's {@link CreatedPaths} for {@code jipc ls}.
 */
public final class FileRegion extends MappedSharedRegion {
    static final Set<String> OPTIONS = Set.of("size");
    static final Capabilities CAPS = Capabilities.builder("file", Primitive.REGION)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .crashLeaves("the file (remove it with remove() or jipc rm)")
            .notes("mmap(MAP_SHARED) of a file; sync() = msync(MS_SYNC); /dev/shm is tmpfs (memory), other "
                    + "file systems write back to disk; at most " + RegionFiles.MAX_REGION + " bytes (ByteBuffer limit)")
            .build();

    private final String path;
    private final boolean created;

    private FileRegion(IpcUri uri, String path, long address, long size, boolean created) {
        super(uri, address, size);
        this.path = path;
        this.created = created;
    }

    /**
     * Opens (or creates) the region {@code uri} names; see the class comment for the options.
     *
     * @param uri the parsed {@code file:} URI
     * @return the open region, mapped, which the caller closes
     */
    public static FileRegion open(IpcUri uri) {
        return open(uri, "file");
    }

    /** As {@link #open(IpcUri)}, recording a created file under {@code scheme} ({@code robust} for its files). */
    static FileRegion open(IpcUri uri, String scheme) {
        uri.checkOptions("file region", OPTIONS);
        String path = uri.path();
        if (!path.startsWith("/")) {
            throw uri.error("path", "a file: region needs an absolute path, e.g. file:/dev/shm/app?size=1m");
        }
        if (path.endsWith("/")) {
            throw uri.error("path", path + " names a directory, not a file");
        }
        long size = sizeOption(uri);
        Open how = uri.open();
        if (how == Open.CREATE && size < 0) {
            throw uri.error("option 'size'", "open=create needs size= (the new file's size)");
        }
        int base = Fcntl.O_RDWR | Fcntl.O_CLOEXEC | Fcntl.O_NOFOLLOW;
        boolean mayCreate = how.mayCreate() && size > 0;
        int fd = -1;
        boolean created = false;
        for (int attempt = 0; fd < 0; attempt++) {
            if (mayCreate) {
                fd = RegionFiles.tryOpen(path, base | Fcntl.O_CREAT | Fcntl.O_EXCL, uri.mode());
                if (fd >= 0) {
                    created = true;
                    RegionFiles.applyMode(fd, uri.mode(), path, uri); // exactly mode=, whatever the umask
                    break;
                }
                int e = RegionFiles.lastErrno();
                if (e != Errno.EEXIST || !how.mayOpenExisting()) {
                    throw RegionFiles.openFailure("open", uri, path, e);
                }
            }
            fd = RegionFiles.tryOpen(path, base, 0);
            if (fd < 0) {
                int e = RegionFiles.lastErrno();
                if (e == Errno.ENOENT && mayCreate && attempt < 100) {
                    continue; // removed between our two opens: try to create it again
                }
                IpcException x = RegionFiles.openFailure("open", uri, path, e);
                if (e == Errno.ENOENT && size < 0) {
                    x = Errno.exception("open", uri, e, path + " does not exist (give size= to create it)");
                }
                throw x;
            }
        }
        try {
            FileStat st = RegionFiles.fstat(fd, "fstat", uri);
            if (!st.isFile()) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                        path + " is not a regular file (" + (st.isDirectory() ? "a directory" : "a device, FIFO or socket")
                                + "): only regular files can be mapped as regions");
            }
            long current = st.st_size();
            if (size < 0) {
                if (current == 0) {
                    throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                            path + " is empty: give size= to grow it (a region of 0 bytes cannot be mapped)");
                }
                if (current > RegionFiles.MAX_REGION) {
                    throw new IpcLimitExceeded("open", uri.toString(), path + " is " + current
                            + " bytes, more than a region can map (" + RegionFiles.MAX_REGION + ", the ByteBuffer limit)");
                }
                size = current;
            } else if (current > size) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                        path + " is " + current + " bytes, larger than size=" + size
                                + ": jipc never shrinks a file (omit size= to map it whole, or remove it first)");
            } else if (current < size) {
                RegionFiles.checkSpace("ftruncate", uri, Path.of(path), size - current);
                RegionFiles.truncate(fd, size, path, uri);
            }
            long address = NativeMemory.mapShared(fd, size, 0, uri.toString());
            if (created) {
                CreatedPaths.named(scheme).add(Path.of(path)); // the set of FileBackend or RobustBackend
            }
            return new FileRegion(uri, path, address, size, created);
        } catch (RuntimeException e) {
            if (created) {
                Native.posix().unlink(path);
            }
            throw e;
        } finally {
            RegionFiles.close(fd);
        }
    }

    private static long sizeOption(IpcUri uri) {
        if (!uri.has("size")) {
            return -1;
        }
        long size = uri.sizeOption("size", -1, Long.MIN_VALUE, Long.MAX_VALUE);
        if (size <= 0) {
            throw uri.error("option 'size'", size + " is not a positive number of bytes");
        }
        if (size > RegionFiles.MAX_REGION) {
            throw uri.error("option 'size'", size + " bytes is more than a region can map ("
                    + RegionFiles.MAX_REGION + ", the ByteBuffer limit)");
        }
        return size;
    }

    /** {@return the mapped file's path} */
    public String path() {
        return path;
    }

    @Override
    protected Path backingFile() {
        return Path.of(path);
    }

    /** {@return whether this handle created the file (rather than opening an existing one)} */
    public boolean created() {
        return created;
    }

    @Override
    protected void flush(long offset, long length) {
        NativeMemory.sync(address(), offset, length, uri().toString());
    }

    /** Unlinks the file; open mappings (here and elsewhere) keep working. Idempotent. */
    @Override
    public void remove() {
        if (Native.posix().unlink(path) != 0) {
            int e = RegionFiles.lastErrno();
            if (e != Errno.ENOENT) {
                throw Errno.exception("unlink", uri(), e, "removing " + path + " failed: " + Errno.describe(e));
            }
        }
        CreatedPaths.named(uri().scheme()).remove(Path.of(path));
    }

    @Override
    public Capabilities capabilities() {
        return CAPS;
    }
}
