package io.jipc.mmap.ring.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.mmap.ring.RingLayout;

import io.jipc.os.RawMemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static io.jipc.mmap.ring.RingLayout.HEAD;
import static io.jipc.mmap.ring.RingLayout.HEADER_SIZE;
import static io.jipc.mmap.ring.RingLayout.KIND_MESSAGE;
import static io.jipc.mmap.ring.RingLayout.KIND_PADDING;
import static io.jipc.mmap.ring.RingLayout.RECEIVED_BYTES;
import static io.jipc.mmap.ring.RingLayout.RECEIVED_MESSAGES;
import static io.jipc.mmap.ring.RingLayout.RECORD_HEADER;
import static io.jipc.mmap.ring.RingLayout.REC_COMMIT;
import static io.jipc.mmap.ring.RingLayout.REC_KIND;
import static io.jipc.mmap.ring.RingLayout.REC_LENGTH;
import static io.jipc.mmap.ring.RingLayout.REC_TAG;
import static io.jipc.mmap.ring.RingLayout.TAIL;

/**
 * The consumer's side of the records ({@link RingLayout}): the record at its head, skipping
 * padding, checking what another process wrote, copying the payload out. Used under the handle's
 * receive lock; {@link #start()} once, when the handle takes the consumer role. Per message: acquire
 * loads of the commit word, plain loads of the record, opaque stores of the received counters
 * from this side's own copies, a volatile store of {@code HEAD}, a read of the producer's sleeping flag.
 * These go through the region's {@link RawMemory} (offset-checked, no {@code ByteBuffer} checks):
 * offsets are {@code HEADER_SIZE + (index & mask)} with at least a record header before the data
 * area's end, and a length read from the ring is checked against {@code toEnd} before the copy;
 * the mapping's buffer is held across each read (it cannot be unmapped under it).
 */
public final class RingReader {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final IpcUri uri;
    private final Path file;
    private final ByteBuffer map;
    private final RawMemory raw;
    private final RingWaiter waiter;
    private final int capacity;
    private final int mask;
    private final int maxMessage;
    private long head;
    private long received;
    private long receivedBytes;

    /**
     * The consumer side of a handle.
     *
     * @param uri the ring's URI, named in errors
     * @param region the ring's mapping
     * @param waiter the consumer's waiter
     */
    public RingReader(IpcUri uri, RingRegion region, RingWaiter waiter) {
        this.uri = uri;
        this.file = region.file();
        this.map = region.map();
        this.raw = region.raw();
        this.waiter = waiter;
        this.capacity = region.capacity();
        this.mask = capacity - 1;
        this.maxMessage = (int) RingLayout.maxMessage(capacity);
    }

    /** Starts where the last consumer stopped. */
    public void start() {
        head = (long) LONGS.getVolatile(map, HEAD);
        received = (long) LONGS.getVolatile(map, RECEIVED_MESSAGES);
        receivedBytes = (long) LONGS.getVolatile(map, RECEIVED_BYTES);
    }

    /**
     * Reads one message into {@code dst}, waiting as the caller allows.
     *
     * @param op the operation named in errors
     * @param dst where the payload lands, at its position (which advances)
     * @param timeoutNanos -1 to wait as long as it takes, 0 to try once, else a bound
     * @return the message's tag, or {@link MessageChannel#NO_MESSAGE} when none came
     * @throws MessageTooLarge when the message does not fit {@code dst} (it stays queued)
     */
    public long read(String op, ByteBuffer dst, long timeoutNanos) {
        try {
            return readRecord(op, dst, timeoutNanos);
        } finally {
            Reference.reachabilityFence(map); // the mapping stays mapped until the raw accesses are done
        }
    }

    private long readRecord(String op, ByteBuffer dst, long timeoutNanos) {
        RawMemory m = raw;
        long h = head;
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        for (;;) {
            int off = (int) (h & mask);
            int toEnd = capacity - off;
            if (toEnd < RECORD_HEADER) { // too short for a record: skipped by rule
                h += toEnd;
                head = h;
                continue;
            }
            int p = HEADER_SIZE + off;
            if (!awaitCommit(op, p + REC_COMMIT, h, deadline, timeoutNanos)) {
                return MessageChannel.NO_MESSAGE;
            }
            int len = m.getInt(p + REC_LENGTH);
            int kind = m.getInt(p + REC_KIND);
            if (kind == KIND_PADDING && len == toEnd) {
                h += toEnd;
                head = h;
                continue;
            }
            if (kind != KIND_MESSAGE || len < 0 || len > maxMessage || RingLayout.recordSize(len) > toEnd) {
                throw corrupted(op, h, "kind 0x" + Integer.toHexString(kind) + ", length " + len);
            }
            if (len > dst.remaining()) {
                publish(h); // the padding skipped so far is consumed; the message stays
                throw new MessageTooLarge(op, uri.toString(), len, dst.remaining(),
                        "the destination buffer's remaining bytes; the message stays queued");
            }
            long tag = m.getLong(p + REC_TAG);
            int pos = dst.position();
            m.copyOut(p + RECORD_HEADER, dst, pos, len);
            dst.position(pos + len);
            m.putLongRelease(RECEIVED_MESSAGES, ++received);
            m.putLongRelease(RECEIVED_BYTES, receivedBytes += len);
            publish(h + RingLayout.recordSize(len));
            return tag;
        }
    }

    /**
     * Waits until the record at {@code h} is committed.
     *
     * @return {@code false} when it was not within the caller's time
     */
    private boolean awaitCommit(String op, int commitAt, long h, long deadline, long timeoutNanos) {
        long committed = RingLayout.commit(h);
        for (;;) {
            long c = raw.getLongVolatile(commitAt);
            if (c == committed) {
                return true;
            }
            long t = raw.getLongVolatile(TAIL);
            if (t - h > 0 && raw.getLongVolatile(commitAt) != committed) {
                throw corrupted(op, h, "published up to " + t + " but the record's commit word is "
                        + raw.getLongVolatile(commitAt) + ", not " + committed);
            }
            if (timeoutNanos == 0 || !waiter.await(op, commitAt, c, deadline, timeoutNanos < 0)) {
                return false;
            }
        }
    }

    private void publish(long h) {
        head = h;
        raw.putLongVolatile(HEAD, h); // publish (the sleeping producer's futex word), then ...
        waiter.wakePeer(); // ... read its flag: store-load ordered
    }

    private IpcException corrupted(String op, long index, String what) {
        return RingChecks.corruptRecord(op, uri, file, index, what);
    }

    /**
     * Where a producer taking over the ring must write: after the last record committed from
     * {@code tail} on. A producer killed between committing records and publishing {@code TAIL}
     * leaves committed records beyond it, which the consumer may read; skipping them keeps both
     * sides in step. Stops at the first record not committed (a half-written one is overwritten).
     *
     * @param m the ring's mapping
     * @param capacity its data capacity
     * @param tail the published {@code TAIL}
     * @return the index after the last committed record
     */
    static long committedEnd(ByteBuffer m, int capacity, long tail) {
        long h = (long) LONGS.getVolatile(m, HEAD);
        long maxMessage = RingLayout.maxMessage(capacity);
        long pos = tail;
        while (pos - h < capacity) {
            int off = (int) (pos & (capacity - 1));
            int toEnd = capacity - off;
            if (toEnd < RECORD_HEADER) {
                pos += toEnd;
                continue;
            }
            int p = HEADER_SIZE + off;
            if ((long) LONGS.getAcquire(m, p + REC_COMMIT) != RingLayout.commit(pos)) {
                break;
            }
            int len = (int) INTS.get(m, p + REC_LENGTH);
            int kind = (int) INTS.get(m, p + REC_KIND);
            if (kind == KIND_PADDING && len == toEnd) {
                pos += toEnd;
            } else if (kind == KIND_MESSAGE && len >= 0 && len <= maxMessage && RingLayout.recordSize(len) <= toEnd) {
                pos += RingLayout.recordSize(len);
            } else {
                break;
            }
        }
        return pos;
    }
}
