package io.jipc.os;

import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.PageManager;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory as Java sees it: direct {@link ByteBuffer}s over addresses, raw reads and writes
 * for struct layouts, and the safe release of shared mappings.
 *
 * <h2>Why release is special</h2>
 * The JDK cannot unmap memory that a {@code ByteBuffer} may still reach (JDK-4724038): touching
 * an unmapped page crashes the JVM. {@link #retire(long, long, ByteBuffer)} therefore replaces the
 * shared mapping in place with {@code mmap(MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS |
 * MAP_NORESERVE)}: the shared object (file, SysV segment, POSIX shm) is released at once, exactly
 * as {@code munmap}/{@code shmdt} would, and a stale buffer now reaches inert private zero pages.
 * A {@link Cleaner} unmaps that private range when the buffer becomes unreachable.
 */
public final class NativeMemory {
    private static final MemoryIO IO = MemoryIO.getInstance();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "jipc-native-memory-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final long PAGE_SIZE = PageManager.getInstance().pageSize();

    private NativeMemory() {
    }

    /** {@return the system page size} */
    public static long pageSize() {
        return PAGE_SIZE;
    }

    /**
     * Rounds a size up to whole pages.
     *
     * @param size a size in bytes
     * @return the least multiple of {@link #pageSize()} not below {@code size}
     */
    public static long roundToPages(long size) {
        return (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    }

    /**
     * A direct buffer over {@code [address, address + size)}, native byte order.
     *
     * @param address the first byte
     * @param size the length in bytes
     * @return a buffer that does not own the memory (freeing it is the caller's business)
     * @throws IllegalArgumentException if {@code size} exceeds {@link Integer#MAX_VALUE}
     */
    public static ByteBuffer buffer(long address, long size) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a buffer of " + size + " bytes is outside 0.." + Integer.MAX_VALUE);
        }
        return IO.newDirectByteBuffer(address, (int) size).order(ByteOrder.nativeOrder());
    }

    /**
     * The address of a direct buffer's first byte (not its position).
     *
     * @param direct a direct buffer
     * @return its native address
     */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return IO.getDirectBufferAddress(direct);
    }

    /**
     * Allocates zeroed native memory (free with {@link #free(long)}).
     *
     * @param size how many bytes
     * @return the address of the first byte
     */
    public static long allocate(long size) {
        long a = IO.allocateMemory(size, true);
        if (a == 0) {
            throw new OutOfMemoryError("native allocation of " + size + " bytes failed");
        }
        return a;
    }

    /**
     * Frees memory from {@link #allocate(long)}.
     *
     * @param address what {@code allocate} returned
     */
    public static void free(long address) {
        if (address != 0) {
            IO.freeMemory(address);
        }
    }

    /**
     * Allocates zeroed native memory owned by the returned buffer: freed by a {@link Cleaner} when
     * the buffer becomes unreachable. For per-handle scratch space (message staging, structs).
     *
     * @param size how many bytes
     * @return a direct buffer of {@code size} bytes, native byte order
     */
    public static ByteBuffer allocateBuffer(int size) {
        long a = allocate(Math.max(size, 1));
        ByteBuffer b = buffer(a, size);
        CLEANER.register(b, () -> IO.freeMemory(a));
        return b;
    }

    /**
     * Reads a {@code long} from native memory (a plain read).
     *
     * @param address the native address (aligned to 8)
     * @return the value there
     */
    public static long getLong(long address) { return IO.getLong(address); }
    /**
     * Writes a {@code long} to native memory (a plain write).
     *
     * @param address the native address (aligned to 8)
     * @param v the value to write
     */
    public static void putLong(long address, long v) { IO.putLong(address, v); }
    /**
     * Reads a {@code int} from native memory (a plain read).
     *
     * @param address the native address (aligned to 4)
     * @return the value there
     */
    public static int getInt(long address) { return IO.getInt(address); }
    /**
     * Writes a {@code int} to native memory (a plain write).
     *
     * @param address the native address (aligned to 4)
     * @param v the value to write
     */
    public static void putInt(long address, int v) { IO.putInt(address, v); }
    /**
     * Reads a {@code short} from native memory (a plain read).
     *
     * @param address the native address (aligned to 2)
     * @return the value there
     */
    public static short getShort(long address) { return IO.getShort(address); }
    /**
     * Writes a {@code short} to native memory (a plain write).
     *
     * @param address the native address (aligned to 2)
     * @param v the value to write
     */
    public static void putShort(long address, short v) { IO.putShort(address, v); }
    /**
     * Reads a {@code byte} from native memory (a plain read).
     *
     * @param address the native address
     * @return the value there
     */
    public static byte getByte(long address) { return IO.getByte(address); }
    /**
     * Writes a {@code byte} to native memory (a plain write).
     *
     * @param address the native address
     * @param v the value to write
     */
    public static void putByte(long address, byte v) { IO.putByte(address, v); }

    /**
     * Copies native memory into a Java array.
     *
     * @param address the first native byte
     * @param dst the array
     * @param offset where in {@code dst} the bytes go
     * @param length how many bytes
     */
    public static void copyToArray(long address, byte[] dst, int offset, int length) {
        IO.getByteArray(address, dst, offset, length);
    }

    /**
     * Copies a Java array into native memory.
     *
     * @param src the array
     * @param offset the first byte of {@code src} to copy
     * @param address the first native byte
     * @param length how many bytes
     */
    public static void copyFromArray(byte[] src, int offset, long address, int length) {
        IO.putByteArray(address, src, offset, length);
    }

    /**
     * Zeroes native memory.
     *
     * @param address the first byte
     * @param size how many bytes
     */
    public static void clear(long address, long size) {
        IO.setMemory(address, size, (byte) 0);
    }

    /**
     * Maps {@code size} bytes of {@code fd} at {@code offset} shared, read-write.
     *
     * @param fd an open descriptor of the object to map
     * @param size how many bytes to map
     * @param offset where the mapping starts in the object, a multiple of the page size
     * @param what the object, named in the error
     * @return the address
     * @throws io.jipc.api.IpcException naming {@code what} and the errno when {@code mmap} fails
     */
    public static long mapShared(int fd, long size, long offset, String what) {
        long a = mmap(0, size, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, offset);
        if (a == Mman.MAP_FAILED) {
            throw Errno.exception("mmap", what, Native.errno(), "mapping " + size + " bytes shared failed: "
                    + Errno.describe(Native.errno()));
        }
        return a;
    }

    /**
     * Releases the shared mapping {@code [address, address + size)} safely (see the class
     * comment): replaces it with inert private memory now, and unmaps that when {@code buffer}
     * (the buffer handed out over the range, or {@code null} if none was) is unreachable.
     * {@code size} is rounded up to pages.
     *
     * @param address the mapping's first byte
     * @param size the mapping's length in bytes
     * @param buffer the buffer over it, or {@code null}
     * @throws io.jipc.api.IpcException if the kernel refuses the replacement (the old mapping then stays)
     */
    public static void retire(long address, long size, ByteBuffer buffer) {
        long len = roundToPages(size);
        long a = mmap(address, len, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_FIXED | Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_NORESERVE, -1, 0);
        if (a == Mman.MAP_FAILED) {
            int e = Native.errno();
            throw Errno.exception("mmap(MAP_FIXED)", null, e, "replacing a shared mapping of " + len
                    + " bytes at 0x" + Long.toHexString(address) + " failed: " + Errno.describe(e));
        }
        if (buffer == null) {
            Mman.LIB.munmap(address, len);
        } else {
            CLEANER.register(buffer, () -> Mman.LIB.munmap(address, len));
        }
    }

    /**
     * {@code msync} over the pages covering {@code [address + offset, address + offset + length)}.
     *
     * @param address the mapping's first byte
     * @param offset the first byte to flush, from {@code address}
     * @param length how many bytes to flush
     * @param what the object, named in the error
     * @throws io.jipc.api.IpcException when {@code msync} fails
     */
    public static void sync(long address, long offset, long length, String what) {
        long start = (address + offset) & ~(PAGE_SIZE - 1);
        long end = address + offset + length;
        if (Mman.LIB.msync(start, end - start, Mman.MS_SYNC) != 0) {
            throw Errno.last("msync", what);
        }
    }

    /**
     * {@code mmap} with addresses as {@code long}: {@link Mman#mmap} takes a {@code Pointer} (see
     * {@link Mman} for why).
     *
     * @param addr the wanted address, or 0
     * @param length the mapping's length
     * @param prot {@code PROT_*}
     * @param flags {@code MAP_*}
     * @param fd the object's descriptor, or -1
     * @param offset where the mapping starts in the object
     * @return the mapping's address, or {@link Mman#MAP_FAILED} with errno saved
     */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        jnr.ffi.Pointer p = Mman.LIB.mmap(addr == 0 ? null : jnr.ffi.Pointer.wrap(Native.runtime(), addr),
                length, prot, flags, fd, offset);
        return p == null ? 0 : p.address();
    }
}
