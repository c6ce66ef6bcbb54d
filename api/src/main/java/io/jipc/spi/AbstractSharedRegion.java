package io.jipc.spi;

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
 */
public abstract class AbstractSharedRegion extends AbstractHandle implements SharedRegion {
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    protected AbstractSharedRegion(IpcUri uri) {
        super(uri);
    }

    /** The buffer the accessors use (the region's whole buffer). */
    protected abstract ByteBuffer accessBuffer();

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

    @Override
    public int getIntVolatile(long offset) {
        return (int) INTS.getVolatile(accessBuffer(), check(offset, 4));
    }

    @Override
    public void putIntRelease(long offset, int value) {
        INTS.setRelease(accessBuffer(), check(offset, 4), value);
    }

    @Override
    public boolean compareAndSetInt(long offset, int expected, int value) {
        return INTS.compareAndSet(accessBuffer(), check(offset, 4), expected, value);
    }

    @Override
    public int getAndAddInt(long offset, int delta) {
        return (int) INTS.getAndAdd(accessBuffer(), check(offset, 4), delta);
    }

    @Override
    public long getLongVolatile(long offset) {
        return (long) LONGS.getVolatile(accessBuffer(), check(offset, 8));
    }

    @Override
    public void putLongRelease(long offset, long value) {
        LONGS.setRelease(accessBuffer(), check(offset, 8), value);
    }

    @Override
    public boolean compareAndSetLong(long offset, long expected, long value) {
        return LONGS.compareAndSet(accessBuffer(), check(offset, 8), expected, value);
    }

    @Override
    public long getAndAddLong(long offset, long delta) {
        return (long) LONGS.getAndAdd(accessBuffer(), check(offset, 8), delta);
    }
}
