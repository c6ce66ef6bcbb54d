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
    /** {@return the region as a direct buffer, position 0, limit and capacity {@link #size()}, native order} */
    ByteBuffer buffer();

    /** {@return the region's size in bytes} */
    long size();

    /** Flushes the whole region to its backing file ({@code msync}); no-op for memory-only regions. */
    void sync();

    /**
     * Flushes part of the region to the backing file ({@code msync}); no-op for memory-only regions.
     *
     * @param offset the first byte to flush
     * @param length how many bytes to flush from {@code offset}
     */
    void sync(long offset, long length);

    /** {@return the region's state now (size, attached processes where the mechanism tells)} */
    RegionStats stats();

    /**
     * Volatile read of an {@code int}.
     *
     * @param offset the byte offset in the region, a multiple of 4
     * @return the value, seeing every write released before by any process
     */
    int getIntVolatile(long offset);

    /**
     * Release store of an {@code int}: writes before it are visible to whoever reads it.
     *
     * @param offset the byte offset in the region, a multiple of 4
     * @param value the value to store
     */
    void putIntRelease(long offset, int value);

    /**
     * Atomic compare-and-set of an {@code int}.
     *
     * @param offset the byte offset in the region, a multiple of 4
     * @param expected the value the {@code int} must hold
     * @param value the value to store if it does
     * @return {@code true} if the value was stored, {@code false} if the {@code int} held something else
     */
    boolean compareAndSetInt(long offset, int expected, int value);

    /**
     * Atomic add to an {@code int}.
     *
     * @param offset the byte offset in the region, a multiple of 4
     * @param delta what to add (negative to subtract)
     * @return the value before the addition
     */
    int getAndAddInt(long offset, int delta);

    /**
     * Volatile read of a {@code long}.
     *
     * @param offset the byte offset in the region, a multiple of 8
     * @return the value, seeing every write released before by any process
     */
    long getLongVolatile(long offset);

    /**
     * Release store of a {@code long}: writes before it are visible to whoever reads it.
     *
     * @param offset the byte offset in the region, a multiple of 8
     * @param value the value to store
     */
    void putLongRelease(long offset, long value);

    /**
     * Atomic compare-and-set of a {@code long}.
     *
     * @param offset the byte offset in the region, a multiple of 8
     * @param expected the value the {@code long} must hold
     * @param value the value to store if it does
     * @return {@code true} if the value was stored, {@code false} if the {@code long} held something else
     */
    boolean compareAndSetLong(long offset, long expected, long value);

    /**
     * Atomic add to a {@code long}.
     *
     * @param offset the byte offset in the region, a multiple of 8
     * @param delta what to add (negative to subtract)
     * @return the value before the addition
     */
    long getAndAddLong(long offset, long delta);
}
