package io.jipc.mmap;

import io.jipc.api.IpcUri;
import io.jipc.api.RegionStats;
import io.jipc.os.NativeMemory;
import io.jipc.spi.AbstractSharedRegion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@link FileRegion} and {@link AnonRegion} share: a {@code MAP_SHARED} mapping, its buffer,
 * bounds-checked ranged sync, and the safe close ({@link NativeMemory#retire}): a stale buffer
 * reaches inert private memory after {@link #close()}, never an unmapped page.
 */
abstract class MappedRegion extends AbstractSharedRegion {
    private final long address;
    private final long size;
    private final ByteBuffer buffer;

    MappedRegion(IpcUri uri, long address, long size) {
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

    /** The address of the mapping (valid until {@link #close()}). */
    final long address() {
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
            throw new IndexOutOfBoundsException("sync on " + uri() + ": range [" + offset + ", " + offset + " + " + length
                    + ") is outside the region [0, " + size + ")");
        }
        if (length > 0) {
            syncRange(offset, length);
        }
    }

    /** Flushes a checked, non-empty range. */
    abstract void syncRange(long offset, long length);

    @Override
    public RegionStats stats() {
        ensureOpen("stats");
        return new RegionStats(size, -1, -1, -1);
    }

    @Override
    protected final void closeOnce() {
        try {
            NativeMemory.retire(address, size, buffer);
        } finally {
            afterUnmap();
        }
    }

    /** Releases what the mapping no longer needs (a descriptor). */
    void afterUnmap() {
    }
}
