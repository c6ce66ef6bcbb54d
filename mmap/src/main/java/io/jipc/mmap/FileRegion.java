package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.mmap.internal.RegionFiles;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.NativeMemory;
import io.jipc.os.OpenOrCreate;
import io.jipc.os.Stat;

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
        long size = RegionFiles.sizeOption(uri);
        Open how = uri.open();
        if (how == Open.CREATE && size < 0) {
            throw uri.error("option 'size'", "open=create needs size= (the new file's size)");
        }
        OpenOrCreate.Opened opened;
        try {
            opened = RegionFiles.open(path, how, size > 0, uri.mode(), uri);
        } catch (IpcNotFound x) {
            if (size < 0) {
                throw Errno.exception("open", uri, x.errno(), path + " does not exist (give size= to create it)");
            }
            throw x;
        }
        return RegionFiles.use(opened, path, (fd, created) -> {
            long mapped = sized(uri, path, fd, size);
            long address = NativeMemory.mapShared(fd, mapped, 0, uri.toString());
            if (created) {
                CreatedPaths.named(scheme).add(Path.of(path)); // the set of FileBackend or RobustBackend
            }
            return new FileRegion(uri, path, address, mapped, created);
        });
    }

    /**
     * The size to map: the file's own size without {@code size=}, else {@code size=} after growing
     * the file to it (its new pages reserved); a regular file is required, and a larger one refused.
     */
    private static long sized(IpcUri uri, String path, int fd, long size) {
        Stat st = Fd.fstat(fd, uri);
        if (!st.isRegular()) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    path + " is not a regular file (" + (st.isDirectory() ? "a directory" : "a device, FIFO or socket")
                            + "): only regular files can be mapped as regions");
        }
        long current = st.size();
        if (size < 0) {
            if (current == 0) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                        path + " is empty: give size= to grow it (a region of 0 bytes cannot be mapped)");
            }
            if (current > RegionFiles.MAX_REGION) {
                throw new IpcLimitExceeded("open", uri.toString(), path + " is " + current
                        + " bytes, more than a region can map (" + RegionFiles.MAX_REGION + ", the ByteBuffer limit)");
            }
            return current;
        }
        if (current > size) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    path + " is " + current + " bytes, larger than size=" + size
                            + ": jipc never shrinks a file (omit size= to map it whole, or remove it first)");
        }
        if (current < size) {
            FileOps.reserve(fd, current, size - current, path, uri);
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
        FileOps.unlink(path, uri());
        CreatedPaths.named(uri().scheme()).remove(Path.of(path));
    }

    @Override
    public Capabilities capabilities() {
        return CAPS;
    }
}
