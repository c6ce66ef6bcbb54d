package io.jipc.os;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Ordered access to one native range (a shared mapping) by offset, without the per-access
 * checks of {@code ByteBuffer}-view {@code VarHandle}s: for per-message paths. The only place
 * outside the JDK where jipc touches {@code sun.misc.Unsafe}; no other module does.
 *
 * <h2>What stays safe</h2>
 * <ul>
 * <li>Every offset is checked against the range ({@link IndexOutOfBoundsException}): a value
 *     another process wrote can never make an access leave the mapping.</li>
 * <li>Only loads, stores and copies, never a compare-and-set: on JDK 17 a {@code SIGBUS} (the
 *     object truncated under the mapping) during these is reported as the {@link InternalError}
 *     {@link MappingFaults} recognises, compiled or interpreted; during an interpreted
 *     compare-and-set it kills the JVM. Callers keep their compare-and-sets on {@code VarHandle}s
 *     behind a readability check.</li>
 * <li>A {@code ByteBuffer} the caller passes is copied raw only when it is a plain heap or
 *     direct buffer; one backed by a {@code MemorySegment} (which its owner may close) goes
 *     through the buffer's own bulk copy, which checks.</li>
 * <li>The range must outlive every access: the owner keeps the mapping's buffer reachable
 *     (jipc's mappings are retired to inert memory, unmapped only when that buffer is
 *     unreachable: {@link NativeMemory#retire}) and holds it across each call.</li>
 * </ul>
 */
public final class RawMemory {
    private static final sun.misc.Unsafe U;
    private static final long ADDRESS;
    private static final long SEGMENT;
    private static final long HB;
    private static final long HB_OFFSET;
    private static final long BYTES = sun.misc.Unsafe.ARRAY_BYTE_BASE_OFFSET;

    static {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            U = (sun.misc.Unsafe) f.get(null);
            ADDRESS = U.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            SEGMENT = segmentField();
            HB = U.objectFieldOffset(ByteBuffer.class.getDeclaredField("hb"));
            HB_OFFSET = U.objectFieldOffset(ByteBuffer.class.getDeclaredField("offset"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long address;
    private final long size;

    private RawMemory(long address, long size) {
        this.address = address;
        this.size = size;
    }

    /**
     * Access to {@code [address, address + size)}.
     *
     * @param address the range's first byte
     * @param size its length in bytes
     * @return the accessor
     */
    public static RawMemory over(long address, long size) {
        if (address == 0 || size < 0) {
            throw new IllegalArgumentException("no native range at 0x" + Long.toHexString(address) + ", " + size + " bytes");
        }
        return new RawMemory(address, size);
    }

    private static long segmentField() {
        try {
            return U.objectFieldOffset(Buffer.class.getDeclaredField("segment"));
        } catch (NoSuchFieldException e) {
            return -1; // a JDK without segment-backed buffers
        }
    }

    /** {@return the range's length in bytes} */
    public long size() {
        return size;
    }

    private long at(long offset, long length) {
        if (offset < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("[" + offset + ", " + offset + " + " + length
                    + ") is outside the native range of " + size + " bytes");
        }
        return address + offset;
    }

    /**
     * A plain load.
     *
     * @param offset the {@code int}'s offset in the range
     * @return its value
     */
    public int getInt(long offset) {
        return U.getInt(at(offset, 4));
    }

    /**
     * A volatile (at least acquire) load.
     *
     * @param offset the {@code int}'s offset in the range
     * @return its value
     */
    public int getIntVolatile(long offset) {
        return U.getIntVolatile(null, at(offset, 4));
    }

    /**
     * A plain store.
     *
     * @param offset the {@code int}'s offset in the range
     * @param v the value
     */
    public void putInt(long offset, int v) {
        U.putInt(at(offset, 4), v);
    }

    /**
     * A plain load.
     *
     * @param offset the {@code long}'s offset in the range (8-aligned for atomicity)
     * @return its value
     */
    public long getLong(long offset) {
        return U.getLong(at(offset, 8));
    }

    /**
     * A volatile (at least acquire) load.
     *
     * @param offset the {@code long}'s offset in the range (8-aligned for atomicity)
     * @return its value
     */
    public long getLongVolatile(long offset) {
        return U.getLongVolatile(null, at(offset, 8));
    }

    /**
     * A plain store.
     *
     * @param offset the {@code long}'s offset in the range
     * @param v the value
     */
    public void putLong(long offset, long v) {
        U.putLong(at(offset, 8), v);
    }

    /**
     * A release store: earlier loads and stores are not reordered after it.
     *
     * @param offset the {@code long}'s offset in the range (8-aligned for atomicity)
     * @param v the value
     */
    public void putLongRelease(long offset, long v) {
        U.putOrderedLong(null, at(offset, 8), v);
    }

    /**
     * A volatile store (sequentially consistent: also ordered before later volatile loads).
     *
     * @param offset the {@code long}'s offset in the range (8-aligned for atomicity)
     * @param v the value
     */
    public void putLongVolatile(long offset, long v) {
        U.putLongVolatile(null, at(offset, 8), v);
    }

    /**
     * Copies {@code length} bytes of {@code src} from its index {@code from} into the range.
     *
     * @param src the source buffer
     * @param from the index of its first byte to copy
     * @param offset where in the range the bytes go
     * @param length how many bytes
     */
    public void copyIn(ByteBuffer src, int from, long offset, int length) {
        long to = at(offset, length);
        java.util.Objects.checkFromIndexSize(from, length, src.limit());
        if (src.isDirect() && !segmentBacked(src)) {
            U.copyMemory(null, U.getLong(src, ADDRESS) + from, null, to, length);
        } else if (!src.isDirect()) {
            Object array = U.getObject(src, HB);
            U.copyMemory(array, BYTES + U.getInt(src, HB_OFFSET) + from, null, to, length);
        } else {
            NativeMemory.buffer(to, length).put(0, src, from, length);
        }
    }

    /**
     * Copies {@code length} bytes of the range from {@code offset} into {@code dst} at its index {@code to}.
     *
     * @param offset the range's first byte to copy
     * @param dst the destination buffer, writable
     * @param to the index in {@code dst} of the first byte written
     * @param length how many bytes
     */
    public void copyOut(long offset, ByteBuffer dst, int to, int length) {
        long from = at(offset, length);
        java.util.Objects.checkFromIndexSize(to, length, dst.limit());
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (dst.isDirect() && !segmentBacked(dst)) {
            U.copyMemory(null, from, null, U.getLong(dst, ADDRESS) + to, length);
        } else if (!dst.isDirect()) {
            Object array = U.getObject(dst, HB);
            U.copyMemory(null, from, array, BYTES + U.getInt(dst, HB_OFFSET) + to, length);
        } else {
            dst.put(to, NativeMemory.buffer(from, length), 0, length);
        }
    }

    private static boolean segmentBacked(ByteBuffer b) {
        return SEGMENT >= 0 && U.getObject(b, SEGMENT) != null;
    }
}
