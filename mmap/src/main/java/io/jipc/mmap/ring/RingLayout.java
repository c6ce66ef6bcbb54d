package io.jipc.mmap.ring;

import java.nio.ByteOrder;

/**
 * The shared-memory layout of a {@code ring:} channel: a one-page header followed by the data
 * area of {@code capacity} bytes (a power of two). All offsets are in bytes from the start of the
 * mapping; every word is naturally aligned and accessed with {@code VarHandle} views in native
 * byte order.
 *
 * <pre>
 * offset  size  field                       written by
 *    0     8    MAGIC ("JIPCRING")          creator, last, with a release store
 *    8     4    VERSION                     creator
 *   12     4    HEADER_SIZE (4096)          creator
 *   16     8    CAPACITY (data bytes)       creator
 *   24     8    MAX_MESSAGE (payload bytes) creator
 *  128     8    PRODUCER claim: pid &lt;&lt; 32 | handle serial, 0 = free (CAS)
 *  256     8    CONSUMER claim: idem
 *  384     8    TAIL: bytes ever published (producer's cache line; its low 32 bits are the consumer's futex word)
 *  392     8    SENT_MESSAGES, 400: SENT_BYTES (payload)
 *  512     8    HEAD: bytes ever consumed (consumer's cache line; its low 32 bits are the producer's futex word)
 *  520     8    RECEIVED_MESSAGES, 528: RECEIVED_BYTES
 *  640     4    CONSUMER_SLEEPING: 1 while the consumer is announced asleep on TAIL
 *  768     4    PRODUCER_SLEEPING: 1 while the producer is announced asleep on HEAD
 * 4096          data[capacity]
 * </pre>
 * Each group written by a different side sits on its own 128-byte line (two 64-byte lines: the
 * adjacent-line prefetcher of x86 pulls pairs), so the producer and the consumer never write to the
 * same cache line on the hot path.
 *
 * <h2>Records</h2>
 * A record starts at an 8-byte aligned position: {@code int length} (payload bytes), {@code int
 * kind} ({@link #KIND_MESSAGE} or {@link #KIND_PADDING}), {@code long tag}, {@code long commit},
 * then the payload,
 * padded to 8 bytes. A record never wraps: when it does not fit before the end of the data area
 * the producer writes a padding record there (its {@code length} is the number of bytes to skip)
 * or, when fewer than {@link #RECORD_HEADER} bytes are left, nothing: both sides skip such a tail
 * by the same rule. A record is committed by the release store of its commit word after its last
 * byte; the consumer waits on the commit word of the record at its head with acquire loads, so it
 * never sees a record that is not fully written, and a round trip costs one cache-line transfer
 * each way (the record's), not two (an index, then the record). {@code TAIL} is still published
 * after each record: it is the futex word a sleeping consumer waits on, and the figure
 * {@code stats()} reports. A producer that takes over from a dead one starts after the last
 * committed record, found by walking the commit words from {@code TAIL}.
 */
public final class RingLayout {
    /** {@code "JIPCRING"} as a little-endian long. */
    public static final long MAGIC_VALUE = 0x474E49524350494AL;
    /** The layout version this code reads and writes (2: records carry a commit word). */
    public static final int VERSION_VALUE = 2;

    /** Header field ({@code long}): {@link #MAGIC_VALUE}, stored last by the creator with a release store. */
    public static final int MAGIC = 0;
    /** Header field ({@code int}): {@link #VERSION_VALUE}. */
    public static final int VERSION = 8;
    /** Header field ({@code int}): {@link #HEADER_SIZE}, where the data area starts. */
    public static final int HEADER_SIZE_FIELD = 12;
    /** Header field ({@code long}): the data area's size in bytes, a power of two. */
    public static final int CAPACITY = 16;
    /** Header field ({@code long}): the largest payload, {@link #maxMessage(long)} of the capacity. */
    public static final int MAX_MESSAGE = 24;
    /** Header field ({@code long}): the producer's claim, {@code pid << 32 | handle serial}, 0 when free. */
    public static final int PRODUCER = 128;
    /** Header field ({@code long}): the consumer's claim, as {@link #PRODUCER}. */
    public static final int CONSUMER = 256;
    /** Header field ({@code long}): bytes ever published; its low 32 bits are the consumer's futex word. */
    public static final int TAIL = 384;
    /** Header field ({@code long}): messages ever sent. */
    public static final int SENT_MESSAGES = 392;
    /** Header field ({@code long}): payload bytes ever sent. */
    public static final int SENT_BYTES = 400;
    /** Header field ({@code long}): bytes ever consumed; its low 32 bits are the producer's futex word. */
    public static final int HEAD = 512;
    /** Header field ({@code long}): messages ever received. */
    public static final int RECEIVED_MESSAGES = 520;
    /** Header field ({@code long}): payload bytes ever received. */
    public static final int RECEIVED_BYTES = 528;
    /** Header field ({@code int}): 1 while the consumer is announced asleep on {@link #TAIL}. */
    public static final int CONSUMER_SLEEPING = 640;
    /** Header field ({@code int}): 1 while the producer is announced asleep on {@link #HEAD}. */
    public static final int PRODUCER_SLEEPING = 768;
    /** Size of the header; the data area starts here (page-aligned). */
    public static final int HEADER_SIZE = 4096;

    /** Offset of the low 32 bits of a 64-bit index word: the futex word that waiters sleep on. */
    public static final int FUTEX_IN_WORD = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 4;

    /** Record field: payload length (message) or bytes to skip (padding). */
    public static final int REC_LENGTH = 0;
    /** Record field: {@link #KIND_MESSAGE} or {@link #KIND_PADDING}. */
    public static final int REC_KIND = 4;
    /** Record field: the message's tag. */
    public static final int REC_TAG = 8;
    /**
     * Record field: the commit word, {@code index + 1} where {@code index} is the record's absolute
     * position ({@link #commit(long)}), stored last with a release store. It is never 0 (a fresh
     * ring is zero-filled) and differs from what any earlier lap left at that place.
     */
    public static final int REC_COMMIT = 16;
    /** Size of a record header; the payload follows. */
    public static final int RECORD_HEADER = 24;
    /** Record alignment. */
    public static final int ALIGNMENT = 8;
    /** A message record. */
    public static final int KIND_MESSAGE = 0x4D53;
    /** A padding record: skip to the start of the data area. */
    public static final int KIND_PADDING = 0x5041;

    /** Smallest capacity accepted. */
    public static final long MIN_CAPACITY = 64;
    /** Largest capacity accepted (1 GiB: the mapping is addressed by a {@code ByteBuffer}). */
    public static final long MAX_CAPACITY = 1L << 30;
    /** Default capacity. */
    public static final long DEFAULT_CAPACITY = 1L << 20;

    private RingLayout() {
    }

    /**
     * The largest payload for a capacity: {@code capacity / 2 - 24} (the record header). A record of at most half the
     * ring always fits once the consumer has drained the ring, wherever the indexes stand (a
     * record that does not fit before the end starts at 0 after padding, and then the free space
     * is the old position, which is more than half).
     *
     * @param capacity the data area's size in bytes
     * @return the largest payload in bytes
     */
    public static long maxMessage(long capacity) {
        return capacity / 2 - RECORD_HEADER;
    }

    /**
     * The commit word of a record.
     *
     * @param index the record's absolute position (bytes ever published before it)
     * @return the value its commit word holds once committed, never 0
     */
    public static long commit(long index) {
        return index + 1;
    }

    /**
     * The room a record takes in the data area.
     *
     * @param payload the message's length in bytes
     * @return the header plus the payload, rounded up to {@link #ALIGNMENT}
     */
    public static long recordSize(long payload) {
        return (RECORD_HEADER + payload + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * The size of the shared file for a capacity.
     *
     * @param capacity the data area's size in bytes
     * @return the header page plus the data area, in bytes
     */
    public static long fileSize(long capacity) {
        return HEADER_SIZE + capacity;
    }
}
