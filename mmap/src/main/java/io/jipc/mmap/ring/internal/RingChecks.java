package io.jipc.mmap.ring.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.os.SysStat;
import io.jipc.mmap.ring.RingLayout;
import io.jipc.os.MappingFaults;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * What a {@code ring:} handle checks before it trusts bytes that another process may have written:
 * the file's size, the header (magic, version, header size, capacity, largest message), the
 * indexes it starts from, and the conversion of a memory fault (the file truncated under the
 * mapping) into an {@link IpcException} that names the file. Every failure names the URI and the
 * file and says what is wrong; none of these checks is on the per-message path.
 */
public final class RingChecks {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private RingChecks() {
    }

    private static IpcException bad(String op, IpcUri uri, Path file, String what) {
        return new IpcException(op, uri.toString(), IpcException.NO_ERRNO, null, file + " is not a usable jipc ring: "
                + what + " (written by something else, or damaged? remove it: jipc rm " + uri + ")");
    }

    /** The valid capacities, in words, for error messages. */
    public static String validCapacities() {
        return "a power of two from " + RingLayout.MIN_CAPACITY + " to " + RingLayout.MAX_CAPACITY
                + " bytes (64, 128, 256, ... 1g), e.g. 4k, 64k, 1m";
    }

    /** Fails unless {@code mode} (the opened ring file's {@code st_mode}, from {@code fstat}) is a regular file's. */
    public static void requireRegularFile(IpcUri uri, Path file, int mode) {
        int type = mode & SysStat.S_IFMT;
        if (type != SysStat.S_IFREG) {
            throw bad("open", uri, file, "it is " + (type == SysStat.S_IFIFO ? "a FIFO" : type == SysStat.S_IFSOCK ? "a socket"
                    : type == SysStat.S_IFDIR ? "a directory" : "a device") + ", not a regular file");
        }
    }

    /** The capacity a ring file of {@code size} bytes holds; fails unless it is 4096 + a valid capacity. */
    public static long capacityOfFile(IpcUri uri, Path file, long size) {
        long capacity = size - RingLayout.HEADER_SIZE;
        if (size == 0) {
            throw bad("open", uri, file, "the file is empty (its creator died before sizing it?)");
        }
        if (capacity < RingLayout.MIN_CAPACITY || capacity > RingLayout.MAX_CAPACITY || Long.bitCount(capacity) != 1) {
            throw bad("open", uri, file, "its size " + size + " bytes is not the " + RingLayout.HEADER_SIZE
                    + "-byte header + a capacity that is " + validCapacities());
        }
        return capacity;
    }

    /**
     * Waits until the creator has published the magic word (a fresh file is zero-filled), failing at
     * once when the word holds anything else, and at {@code deadline} when it stays 0.
     */
    public static void awaitMagic(IpcUri uri, Path file, ByteBuffer m, long deadline) {
        for (;;) {
            long magic = (long) LONGS.getAcquire(m, RingLayout.MAGIC);
            if (magic == RingLayout.MAGIC_VALUE) {
                return;
            }
            if (magic != 0) {
                throw bad("open", uri, file, "bad magic word 0x" + Long.toHexString(magic) + " (expected 0x"
                        + Long.toHexString(RingLayout.MAGIC_VALUE) + ", \"JIPCRING\")");
            }
            if (System.nanoTime() - deadline > 0) {
                throw bad("open", uri, file, "no magic word: its creator did not finish writing the header");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Checks the header fields against what this code writes and the file's size. */
    public static void checkHeader(IpcUri uri, Path file, ByteBuffer m, long capacity, long requested) {
        int version = (int) INTS.get(m, RingLayout.VERSION);
        if (version != RingLayout.VERSION_VALUE) {
            throw bad("open", uri, file, "layout version " + version + "; this jipc reads version " + RingLayout.VERSION_VALUE);
        }
        int header = (int) INTS.get(m, RingLayout.HEADER_SIZE_FIELD);
        if (header != RingLayout.HEADER_SIZE) {
            throw bad("open", uri, file, "header size " + header + ", expected " + RingLayout.HEADER_SIZE);
        }
        long cap = (long) LONGS.get(m, RingLayout.CAPACITY);
        if (cap != capacity) {
            throw bad("open", uri, file, "the header says capacity " + cap + " but the file holds " + capacity + " bytes of data");
        }
        long max = (long) LONGS.get(m, RingLayout.MAX_MESSAGE);
        if (max != RingLayout.maxMessage(capacity)) {
            throw bad("open", uri, file, "the header says max message " + max + ", expected "
                    + RingLayout.maxMessage(capacity) + " for capacity " + capacity);
        }
        if (requested >= 0 && requested != capacity) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    "the ring exists with capacity " + capacity + ", not the " + requested + " asked for");
        }
    }

    /**
     * Checks the shared indexes a side starts from: both non-negative and 8-aligned, and at most
     * {@code capacity} bytes apart. (The consumer may legitimately be ahead of {@code TAIL}: a
     * producer killed after committing records but before publishing {@code TAIL} leaves records
     * the consumer reads.) Called once, when a handle takes a role.
     */
    public static void checkIndexes(String op, IpcUri uri, Path file, ByteBuffer m, long capacity) {
        long head = (long) LONGS.getVolatile(m, RingLayout.HEAD);
        long tail = (long) LONGS.getVolatile(m, RingLayout.TAIL);
        if (head < 0 || tail < 0 || (head & (RingLayout.ALIGNMENT - 1)) != 0 || (tail & (RingLayout.ALIGNMENT - 1)) != 0
                || Math.abs(tail - head) > capacity) {
            throw bad(op, uri, file, "its indexes are inconsistent (head " + head + ", tail " + tail + ", capacity "
                    + capacity + ")");
        }
    }

    /** The exception for a record that cannot be right, at absolute position {@code index}. */
    public static IpcException corruptRecord(String op, IpcUri uri, Path file, long index, String what) {
        return new IpcException(op, uri.toString(), IpcException.NO_ERRNO, null, "the ring is corrupted at index "
                + index + " (" + what + "): was " + file + " written by something else? nothing was read past it");
    }

    /**
     * Can the role words of the header still be read? {@code false} when the file was truncated
     * under the mapping: then a compare-and-set on them would raise a {@code SIGBUS} that the JVM
     * does not survive (a plain read raises a catchable {@link InternalError} instead).
     */
    public static boolean headerReadable(ByteBuffer m) {
        try {
            long p = (long) LONGS.getVolatile(m, RingLayout.PRODUCER);
            long c = (long) LONGS.getVolatile(m, RingLayout.CONSUMER);
            return p != Long.MIN_VALUE || c != Long.MIN_VALUE; // (always true: keeps both loads)
        } catch (InternalError e) {
            if (MappingFaults.isFault(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Swallows {@code e} when it is a memory fault (close must succeed on a truncated ring); rethrows anything else. */
    public static void ignoreFault(InternalError e) {
        if (!MappingFaults.isFault(e)) {
            throw e;
        }
    }

    /** A memory fault in the ring's mapping (its file truncated by another process), as a clear error. */
    public static IpcException fault(String op, IpcUri uri, Path file, long mapped, InternalError e) {
        return MappingFaults.exception(op, uri, file, mapped, e);
    }
}
