package io.jipc.spi;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.SharedRegion;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Base of region backends: the bounds-checked, alignment-checked atomic accessors of
 * {@link SharedRegion}, built on {@link VarHandle} views of the region's buffer. Subclasses give
 * the buffer (page-aligned memory, so offset alignment is address alignment) and the lifecycle.
 *
 * <p>A memory fault in an accessor (the object behind a shared mapping truncated by another
 * process) becomes an {@link IpcException} through {@link #accessFault}. The JDK turns a fault in
 * a plain or volatile access into a catchable {@link InternalError}, but a fault inside an
 * interpreted compare-and-set or get-and-add kills the JVM (JDK 17's {@code Unsafe_CompareAndSetLong}
 * is not guarded); so the read-modify-write accessors read the word first, which faults
 * catchably. A truncation between that read and the update remains a (very narrow) window.
 */
public abstract class AbstractSharedRegion extends AbstractHandle implements SharedRegion {
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /**
     * A region, open.
     *
     * @param uri the URI the region was opened with
     */
    protected AbstractSharedRegion(IpcUri uri) {
        super(uri);
    }

    /** {@return the buffer the accessors use (the region's whole buffer)} */
    protected abstract ByteBuffer accessBuffer();

    /**
     * The exception for a memory fault ({@code SIGBUS}, reported by the JDK as an
     * {@link InternalError}) during an atomic access: the object behind the mapping was truncated
     * or destroyed by another process. Rethrows {@code e} when it is not such a fault. Mapped
     * regions override it to name their file and its size now.
     *
     * @param op the accessor that faulted, named in the exception
     * @param offset the offset it accessed
     * @param e the error the JDK raised
     * @return the exception for the caller to throw
     */
    protected RuntimeException accessFault(String op, long offset, InternalError e) {
        String m = e.getMessage();
        if (m == null || !m.contains("fault occurred")) {
            throw e;
        }
        return new IpcException(op, uri().toString(), IpcException.NO_ERRNO, null, "offset " + offset
                + ": the shared memory faulted (SIGBUS): another process truncated or destroyed the object behind"
                + " the mapping; close this handle", e);
    }

    private int check(long offset, int width) {
        long limit = accessBuffer().capacity();
        if (offset < 0 || offset > limit - width) {
            throw new IndexOutOfBoundsException("region " + uri() + ": offset " + offset + " (+" + width
                    + " bytes) is outside [0, " + limit + ")");
        }
        if ((offset & (width - 1)) != 0) {
            throw new IllegalArgumentException("region " + uri() + ": offset " + offset + " is not aligned to "
                    + width + " bytes, as an atomic " + (width == 8 ? "long" : "int") + " access needs");
        }
        return (int) offset;
    }

    /**
     * The checked index of a read-modify-write at {@code offset}, after a plain read of the word:
     * a fault in that read is catchable, where inside the compare-and-set or get-and-add it would
     * kill the JVM (see the class comment).
     */
    private int touch(ByteBuffer b, long offset, int width) {
        int at = check(offset, width);
        if (width == 8) {
            LONGS.get(b, at);
        } else {
            INTS.get(b, at);
        }
        return at;
    }

    @Override
    public int getIntVolatile(long offset) {
        try {
            return (int) INTS.getVolatile(accessBuffer(), check(offset, 4));
        } catch (InternalError e) {
            throw accessFault("getIntVolatile", offset, e);
        }
    }

    @Override
    public void putIntRelease(long offset, int value) {
        try {
            INTS.setRelease(accessBuffer(), check(offset, 4), value);
        } catch (InternalError e) {
            throw accessFault("putIntRelease", offset, e);
        }
    }

    @Override
    public boolean compareAndSetInt(long offset, int expected, int value) {
        try {
            ByteBuffer b = accessBuffer();
            int at = touch(b, offset, 4);
            return INTS.compareAndSet(b, at, expected, value);
        } catch (InternalError e) {
            throw accessFault("compareAndSetInt", offset, e);
        }
    }

    @Override
    public int getAndAddInt(long offset, int delta) {
        try {
            ByteBuffer b = accessBuffer();
            int at = touch(b, offset, 4);
            return (int) INTS.getAndAdd(b, at, delta);
        } catch (InternalError e) {
            throw accessFault("getAndAddInt", offset, e);
        }
    }

    @Override
    public long getLongVolatile(long offset) {
        try {
            return (long) LONGS.getVolatile(accessBuffer(), check(offset, 8));
        } catch (InternalError e) {
            throw accessFault("getLongVolatile", offset, e);
        }
    }

    @Override
    public void putLongRelease(long offset, long value) {
        try {
            LONGS.setRelease(accessBuffer(), check(offset, 8), value);
        } catch (InternalError e) {
            throw accessFault("putLongRelease", offset, e);
        }
    }

    @Override
    public boolean compareAndSetLong(long offset, long expected, long value) {
        try {
            ByteBuffer b = accessBuffer();
            int at = touch(b, offset, 8);
            return LONGS.compareAndSet(b, at, expected, value);
        } catch (InternalError e) {
            throw accessFault("compareAndSetLong", offset, e);
        }
    }

    @Override
    public long getAndAddLong(long offset, long delta) {
        try {
            ByteBuffer b = accessBuffer();
            int at = touch(b, offset, 8);
            return (long) LONGS.getAndAdd(b, at, delta);
        } catch (InternalError e) {
            throw accessFault("getAndAddLong", offset, e);
        }
    }
}
