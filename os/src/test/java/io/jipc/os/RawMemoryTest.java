package io.jipc.os;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RawMemoryTest {
    private static final int SIZE = 256;

    @Test
    void loadsAndStoresLandWhereTheBufferViewSeesThem() {
        ByteBuffer b = NativeMemory.allocateBuffer(SIZE);
        RawMemory m = RawMemory.over(NativeMemory.address(b), SIZE);
        m.putLong(8, 0x1122334455667788L);
        m.putInt(16, 7);
        m.putLongRelease(24, 9);
        m.putLongVolatile(SIZE - 8, -1);
        assertEquals(0x1122334455667788L, b.getLong(8));
        assertEquals(7, b.getInt(16));
        assertEquals(9, m.getLongVolatile(24));
        assertEquals(-1, m.getLong(SIZE - 8));
        assertEquals(7, m.getIntVolatile(16));
        assertEquals(7, m.getInt(16));
    }

    @Test
    void everyOffsetOutsideTheRangeIsRefusedBeforeTheAccess() {
        ByteBuffer b = NativeMemory.allocateBuffer(SIZE);
        RawMemory m = RawMemory.over(NativeMemory.address(b), SIZE);
        assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(SIZE - 7));
        assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(-8));
        assertThrows(IndexOutOfBoundsException.class, () -> m.putLongVolatile(SIZE, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.getIntVolatile(SIZE - 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.putInt(Long.MAX_VALUE, 1));
        ByteBuffer src = ByteBuffer.allocate(64);
        assertThrows(IndexOutOfBoundsException.class, () -> m.copyIn(src, 0, SIZE - 63, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> m.copyOut(SIZE - 63, src, 0, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> m.copyIn(src, 1, 0, 64), "past the source's limit");
        assertThrows(IndexOutOfBoundsException.class, () -> m.copyOut(0, src.limit(10), 0, 11), "past the destination's limit");
        assertThrows(IllegalArgumentException.class, () -> RawMemory.over(0, 8));
    }

    @Test
    void copiesFromAndToHeapDirectSlicedAndReadOnlyBuffers() {
        ByteBuffer b = NativeMemory.allocateBuffer(SIZE);
        RawMemory m = RawMemory.over(NativeMemory.address(b), SIZE);
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i + 1);
        }
        ByteBuffer heapSlice = ByteBuffer.wrap(new byte[50]).position(5).slice().put(0, data); // arrayOffset 5
        ByteBuffer direct = ByteBuffer.allocateDirect(50).put(3, data);
        for (ByteBuffer src : new ByteBuffer[] {heapSlice, heapSlice.asReadOnlyBuffer(), direct.slice(3, 40)}) {
            b.put(0, new byte[SIZE]);
            m.copyIn(src, 0, 100, 40);
            byte[] got = new byte[40];
            b.get(100, got);
            assertArrayEquals(data, got, src.toString());
        }
        for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.wrap(new byte[60]).position(7).slice(), ByteBuffer.allocateDirect(60)}) {
            m.copyOut(100, dst, 2, 40);
            byte[] got = new byte[40];
            dst.get(2, got);
            assertArrayEquals(data, got, dst.toString());
        }
        assertThrows(ReadOnlyBufferException.class, () -> m.copyOut(0, ByteBuffer.allocate(8).asReadOnlyBuffer(), 0, 8));
    }
}
