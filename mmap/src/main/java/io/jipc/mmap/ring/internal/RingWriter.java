package io.jipc.mmap.ring.internal;

import io.jipc.mmap.ring.RingLayout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * with a volatile store, and a read of the consumer's sleeping flag.
 */
public final class RingWriter {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer map;
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
        ByteBuffer m = map;
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
                LONGS.setRelease(m, HEADER_SIZE + off + REC_COMMIT, RingLayout.commit(t));
            }
            t += toEnd;
            off = 0;
        }
        int p = HEADER_SIZE + off;
        writeHeader(m, p, len, KIND_MESSAGE, tag);
        int pos = msg.position();
        m.put(p + RECORD_HEADER, msg, pos, len);
        LONGS.setRelease(m, p + REC_COMMIT, RingLayout.commit(t)); // commit: the consumer may read it now
        msg.position(pos + len);
        t += rec;
        tail = t;
        LONGS.setOpaque(m, SENT_MESSAGES, ++sent);
        LONGS.setOpaque(m, SENT_BYTES, sentBytes += len);
        LONGS.setVolatile(m, TAIL, t); // publish (the sleeping consumer's futex word), then ...
        waiter.wakePeer(); // ... read its flag: store-load ordered
        return true;
    }

    private static void writeHeader(ByteBuffer m, int p, int length, int kind, long tag) {
        INTS.set(m, p + REC_LENGTH, length);
        INTS.set(m, p + REC_KIND, kind);
        LONGS.set(m, p + REC_TAG, tag);
    }

    /** Waits until the consumer has freed the room up to {@code end}; {@code false} when it did not. */
    private boolean awaitRoom(String op, long end, long timeoutNanos) {
        headCache = (long) LONGS.getAcquire(map, HEAD);
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        while (end - headCache > capacity) {
            if (timeoutNanos == 0 || !waiter.await(op, HEAD, headCache, deadline, timeoutNanos < 0)) {
                return false;
            }
            headCache = (long) LONGS.getAcquire(map, HEAD);
        }
        return true;
    }
}
