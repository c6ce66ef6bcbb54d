package io.jipc.api;

import java.nio.ByteBuffer;

/**
 * Memory shared between processes.
 *
 * <p>{@link #buffer()} is a direct buffer in native byte order over the whole region; the atomic
 * accessors are bounds-checked and built on {@link java.lang.invoke.VarHandle} views, with the
 * offset aligned to the access size (4 or 8). The data path is plain Java memory access.
 *
 * <p>{@link #close()} is deterministic and never leaves a mapping that can crash the JVM: the
 * shared mapping is replaced at once by inert private memory, which a stale {@code buffer()}
 * still reaches harmlessly, and which is freed when that buffer becomes unreachable.
 */
public interface SharedRegion extends IpcHandle {
    /** The region as a direct buffer, position 0, limit and capacity {@link #size()}, native order. */
    ByteBuffer buffer();

    /** The region's size in bytes. */
    long size();

    /** Flushes the whole region to its backing file ({@code msync}); no-op for memory-only regions. */
    void sync();

    /** Flushes {@code [offset, offset + length)} to the backing file; no-op for memory-only regions. */
    void sync(long offset, long length);

    /** The region's state now. */
    RegionStats stats();

    /** Volatile read of the {@code int} at {@code offset} (4-aligned). */
    int getIntVolatile(long offset);

    /** Release store of an {@code int} at {@code offset} (4-aligned). */
    void putIntRelease(long offset, int value);

    /** Atomic compare-and-set of the {@code int} at {@code offset} (4-aligned). */
    boolean compareAndSetInt(long offset, int expected, int value);

    /** Atomic add to the {@code int} at {@code offset} (4-aligned); returns the previous value. */
    int getAndAddInt(long offset, int delta);

    /** Volatile read of the {@code long} at {@code offset} (8-aligned). */
    long getLongVolatile(long offset);

    /** Release store of a {@code long} at {@code offset} (8-aligned). */
    void putLongRelease(long offset, long value);

    /** Atomic compare-and-set of the {@code long} at {@code offset} (8-aligned). */
    boolean compareAndSetLong(long offset, long expected, long value);

    /** Atomic add to the {@code long} at {@code offset} (8-aligned); returns the previous value. */
    long getAndAddLong(long offset, long delta);
}
