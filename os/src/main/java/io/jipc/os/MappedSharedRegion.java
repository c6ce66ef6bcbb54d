package io.jipc.os;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.RegionStats;
import io.jipc.spi.AbstractSharedRegion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Base of every region backend whose memory is a shared mapping ({@code mmap} of a file, a memfd,
 * a POSIX shm object, or a SysV segment attached with {@code shmat}): the mapping's buffer, the
 * bounds-checked {@code sync}, and the safe close ({@link NativeMemory#retire}) that leaves a stale
 * buffer pointing at inert private memory, never at an unmapped page.
 *
 * <p>Subclasses pass the mapping's address and size, and override {@link #flush(long, long)} when
 * the memory has a backing file ({@code msync}), {@link #afterUnmap()} to release a descriptor, and
 * {@link #stats()} when the mechanism knows more than the size.
 */
public abstract class MappedSharedRegion extends AbstractSharedRegion {
    private final long address;
    private final long size;
    private final ByteBuffer buffer;

    /**
     * A region over a mapping the subclass made.
     *
     * @param uri the URI the region was opened with
     * @param address the mapping's first byte
     * @param size the mapping's length in bytes
     */
    protected MappedSharedRegion(IpcUri uri, long address, long size) {
        super(uri);
        this.address = address;
        this.size = size;
        this.buffer = NativeMemory.buffer(address, size);
    }

    @Override
    protected final ByteBuffer accessBuffer() {
        ensureOpen("atomic access");
        return buffer;
    }

    /**
     * A new view of the whole region (position 0, limit {@link #size()}, native order); every call
     * returns an independent position and limit over the same memory.
     */
    @Override
    public final ByteBuffer buffer() {
        ensureOpen("buffer");
        return buffer.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public final long size() {
        return size;
    }

    /** {@return the address of the mapping (valid until {@link #close()})} */
    protected final long address() {
        return address;
    }

    @Override
    public final void sync() {
        sync(0, size);
    }

    @Override
    public final void sync(long offset, long length) {
        ensureOpen("sync");
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("sync on " + uri() + ": range [" + offset + ", " + offset + " + "
                    + length + ") is outside the region [0, " + size + ")");
        }
        if (length > 0) {
            flush(offset, length);
        }
    }

    /**
     * Flushes a checked, non-empty range to the backing file; memory-only regions keep this no-op.
     *
     * @param offset the first byte of the range, within the region
     * @param length the range's length in bytes, {@code > 0}, within the region
     */
    protected void flush(long offset, long length) {
    }

    /** The size; the other figures unknown. Mechanisms that know more override it. */
    @Override
    public RegionStats stats() {
        ensureOpen("stats");
        return new RegionStats(size, Capabilities.UNKNOWN, Capabilities.UNKNOWN, Capabilities.UNKNOWN);
    }

    @Override
    protected final void closeOnce() {
        try {
            NativeMemory.retire(address, size, buffer);
        } finally {
            afterUnmap();
        }
    }

    /**
     * The file behind the mapping, named in the error a memory fault raises (see
     * {@link MappingFaults}); {@code null} (the default) when there is none or it has no path.
     *
     * @return the file's path, or {@code null}
     */
    protected java.nio.file.Path backingFile() {
        return null;
    }

    @Override
    protected RuntimeException accessFault(String op, long offset, InternalError e) {
        return MappingFaults.exception(op + " at offset " + offset, uri(), backingFile(), size, e);
    }

    /** Releases what the mapping no longer needs (a descriptor); called once, after the unmap. */
    protected void afterUnmap() {
    }
}
