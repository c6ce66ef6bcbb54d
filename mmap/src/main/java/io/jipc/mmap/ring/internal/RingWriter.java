package io.jipc.mmap.ring.internal;

import io.jipc.mmap.ring.RingLayout;

import io.jipc.os.RawMemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.jipc.mmap.ring.RingLayout.HEAD;
import static io.jipc.mmap.ring.RingLayout.HEADER_SIZE;
import static io.jipc.mmap.ring.RingLayout.KIND_MESSAGE;
import static io.jipc.mmap.ring.RingLayout.KIND_PADDING;
import static io.jipc.mmap.ring.RingLayout.RECORD_HEADER;
import static io.jipc.mmap.ring.RingLayout.REC_COMMIT;
import static io.jipc.mmap.ring.RingLayout.REC_KIND;
import static io.jipc.mmap.ring.RingLayout.REC_LENGTH;
import static io.jipc.mmap.ring.RingLayout.REC_TAG;
import static io.jipc.mmap.ring.RingLayout.SENT_BYTES;
import static io.jipc.mmap.ring.RingLayout.SENT_MESSAGES;
import static io.jipc.mmap.ring.RingLayout.TAIL;

/**
 * The producer's side of the records ({@link RingLayout}): where the next record goes, whether it
 * fits, and writing it. Used under the handle's send lock; {@link #start()} once, when the handle
 * takes the producer role.
 *
 * <p>Per message: the record's fields and payload with plain stores, its commit word with a release
 * store, the sent counters with plain (opaque) stores from this side's own copies (the words sit
 * on the producer's cache line: no read of shared memory, no read-modify-write), {@code TAIL}
 * with a volatile store, and a read of the consumer's sleeping flag. These go through the region's
 * {@link RawMemory} (offset-checked, no {@code ByteBuffer} checks); every offset is
 * {@code HEADER_SIZE + (index & mask)} plus a record that fits before the data area's end
 * ({@code toEnd}), so it stays inside the mapping whatever the shared words hold. The mapping's
 * buffer is held across each write: the mapping cannot be unmapped under it.
 */
public final class RingWriter {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer map;
    private final RawMemory raw;
    private final RingWaiter waiter;
    private final int capacity;
    private final int mask;
    private long tail;
    private long headCache;
    private long sent;
    private long sentBytes;

    /**
     * The producer side of a handle.
     *
     * @param region the ring's mapping
     * @param waiter the producer's waiter
     */
    public RingWriter(RingRegion region, RingWaiter waiter) {
        this.map = region.map();
        this.raw = region.raw();
        this.waiter = waiter;
        this.capacity = region.capacity();
        this.mask = capacity - 1;
    }

    /** Takes the ring over where the last producer left it (after its last committed record). */
    public void start() {
        tail = RingReader.committedEnd(map, capacity, (long) LONGS.getVolatile(map, TAIL));
        headCache = (long) LONGS.getVolatile(map, HEAD);
        sent = (long) LONGS.getVolatile(map, SENT_MESSAGES);
        sentBytes = (long) LONGS.getVolatile(map, SENT_BYTES);
    }

    /**
     * Writes one message, waiting for room as the caller allows.
     *
     * @param op the operation named in errors
     * @param msg the payload, from its position to its limit (the position advances)
     * @param tag the message's tag
     * @param timeoutNanos -1 to wait as long as it takes, 0 to try once, else a bound
     * @return {@code false} when the ring stayed full
     */
    public boolean write(String op, ByteBuffer msg, long tag, long timeoutNanos) {
        try {
            return writeRecord(op, msg, tag, timeoutNanos);
        } finally {
            Reference.reachabilityFence(map); // the mapping stays mapped until the raw accesses are done
        }
    }

    private boolean writeRecord(String op, ByteBuffer msg, long tag, long timeoutNanos) {
        RawMemory m = raw;
        int len = msg.remaining();
        long t = tail;
        int rec = (int) RingLayout.recordSize(len);
        int off = (int) (t & mask);
        int toEnd = capacity - off;
        long need = rec <= toEnd ? rec : (long) toEnd + rec;
        if (t + need - headCache > capacity && !awaitRoom(op, t + need, timeoutNanos)) {
            return false;
        }
        if (rec > toEnd) {
            if (toEnd >= RECORD_HEADER) {
                writeHeader(m, HEADER_SIZE + off, toEnd, KIND_PADDING, 0L);
                m.putLongRelease(HEADER_SIZE + off + REC_COMMIT, RingLayout.commit(t));
            }
            t += toEnd;
            off = 0;
        }
        int p = HEADER_SIZE + off;
        writeHeader(m, p, len, KIND_MESSAGE, tag);
        int pos = msg.position();
        m.copyIn(msg, pos, p + RECORD_HEADER, len);
        m.putLongRelease(p + REC_COMMIT, RingLayout.commit(t)); // commit: the consumer may read it now
        msg.position(pos + len);
        t += rec;
        tail = t;
        m.putLongRelease(SENT_MESSAGES, ++sent);
        m.putLongRelease(SENT_BYTES, sentBytes += len);
        m.putLongVolatile(TAIL, t); // publish (the sleeping consumer's futex word), then ...
        waiter.wakePeer(); // ... read its flag: store-load ordered
        return true;
    }

    private static void writeHeader(RawMemory m, int p, int length, int kind, long tag) {
        m.putInt(p + REC_LENGTH, length);
        m.putInt(p + REC_KIND, kind);
        m.putLong(p + REC_TAG, tag);
    }

    /** Waits until the consumer has freed the room up to {@code end}; {@code false} when it did not. */
    private boolean awaitRoom(String op, long end, long timeoutNanos) {
        headCache = raw.getLongVolatile(HEAD);
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        while (end - headCache > capacity) {
            if (timeoutNanos == 0 || !waiter.await(op, HEAD, headCache, deadline, timeoutNanos < 0)) {
                return false;
            }
            headCache = raw.getLongVolatile(HEAD);
        }
        return true;
    }
}
