package io.jipc.mmap.ring.internal;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.mmap.internal.RegionFiles;
import io.jipc.mmap.ring.RingLayout;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.NativeMemory;
import io.jipc.os.OpenOrCreate;
import io.jipc.os.RawMemory;
import io.jipc.os.Stat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The ring's file, {@code /dev/shm/jipc.ring.<name>}, opened with the mapped backends' one
 * open-or-create routine and mapped {@code MAP_SHARED} through the mapped-region base the
 * {@code file:}/{@code anon:} regions and the robust mutex share: its close leaves inert memory
 * behind, never an unmapped page. Creating writes the header ({@link RingLayout}) with the magic
 * word last; attaching waits for a creator still at work and checks everything before trusting it.
 */
public final class RingRegion extends MappedSharedRegion {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final long OPEN_WAIT_NANOS = 5_000_000_000L;
    private static final Capabilities CAPS = Capabilities.builder("ring", Primitive.REGION)
            .persistence(Capabilities.Persistence.FILE_SYSTEM).notes("the mapping behind a ring channel").build();

    private final Path file;
    private final long capacity;
    private final RawMemory raw;

    private RingRegion(IpcUri uri, Path file, long address, long size) {
        super(uri, address, size);
        this.file = file;
        this.capacity = size - RingLayout.HEADER_SIZE;
        this.raw = RawMemory.over(address, size);
    }

    /**
     * Opens or creates the ring file and maps it.
     *
     * @param uri the ring's URI (its {@code mode=} and {@code open=} apply)
     * @param file the ring file
     * @param requested the capacity asked for, or {@code -1}: the default when creating, anything when attaching
     * @return the mapped region; its header is complete and checked
     */
    public static RingRegion open(IpcUri uri, Path file, long requested) {
        String path = file.toString();
        OpenOrCreate.Opened opened = RegionFiles.open(path, uri.open(), true, uri.mode(), uri);
        return RegionFiles.use(opened, path, (fd, created) -> created
                ? create(uri, file, fd, requested < 0 ? RingLayout.DEFAULT_CAPACITY : requested)
                : attach(uri, file, fd, requested));
    }

    private static RingRegion create(IpcUri uri, Path file, int fd, long capacity) {
        long size = RingLayout.fileSize(capacity);
        // every page now: tmpfs allocates lazily, and a page it cannot allocate later would be a
        // SIGBUS on the hot path; the reservation reports ENOSPC instead
        FileOps.reserve(fd, 0, size, file.toString(), uri);
        RingRegion r = new RingRegion(uri, file, NativeMemory.mapShared(fd, size, 0, uri.toString()), size);
        ByteBuffer m = r.map();
        INTS.set(m, RingLayout.VERSION, RingLayout.VERSION_VALUE);
        INTS.set(m, RingLayout.HEADER_SIZE_FIELD, RingLayout.HEADER_SIZE);
        LONGS.set(m, RingLayout.CAPACITY, capacity);
        LONGS.set(m, RingLayout.MAX_MESSAGE, RingLayout.maxMessage(capacity));
        LONGS.setRelease(m, RingLayout.MAGIC, RingLayout.MAGIC_VALUE);
        CreatedPaths.named("ring").add(file); // the set RingBackend lists
        return r;
    }

    private static RingRegion attach(IpcUri uri, Path file, int fd, long requested) {
        long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
        Stat st = Fd.fstat(fd, uri);
        RingChecks.requireRegularFile(uri, file, st.type()); // a FIFO or device there: say so, do not wait on it
        long size = st.size();
        while (size == 0 && System.nanoTime() < deadline) { // the creator has not sized it yet
            LockSupport.parkNanos(1_000_000);
            size = Fd.fstat(fd, uri).size();
        }
        long capacity = RingChecks.capacityOfFile(uri, file, size);
        RingRegion r = new RingRegion(uri, file, NativeMemory.mapShared(fd, size, 0, uri.toString()), size);
        try {
            RingChecks.awaitMagic(uri, file, r.map(), deadline); // waits for a creator still writing the header
            RingChecks.checkHeader(uri, file, r.map(), capacity, requested);
            return r;
        } catch (InternalError e) {
            r.close();
            throw RingChecks.fault("open", uri, file, size, e);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** {@return the whole mapping, for the ring's {@code VarHandle} views (valid until {@link #close()})} */
    public ByteBuffer map() {
        return buffer();
    }

    /**
     * The mapping for the per-message path: offset-checked raw loads, stores and copies. Valid
     * while a buffer from {@link #map()} is reachable (the caller holds one across each use) and
     * until {@link #close()}.
     *
     * @return the raw accessor over the whole mapping
     */
    public RawMemory raw() {
        return raw;
    }

    /** {@return the mapping's first byte, for {@code futex} addresses (valid until {@link #close()})} */
    public long base() {
        return address();
    }

    /** {@return the data area's size in bytes} */
    public int capacity() {
        return (int) capacity;
    }

    /** {@return the ring file} */
    public Path file() {
        return file;
    }

    @Override
    protected Path backingFile() {
        return file;
    }

    /** Unlinks the ring file; mappings stay valid. Idempotent. */
    @Override
    public void remove() {
        FileOps.unlink(file.toString(), uri());
        CreatedPaths.named("ring").remove(file);
    }

    @Override
    public Capabilities capabilities() {
        return CAPS;
    }
}
