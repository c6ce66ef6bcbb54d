package io.jipc.bench.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The stress messages: a 24-byte header (magic, producer id, sequence number, total length,
 * CRC32C) and a payload taken from a pseudo-random pattern at an offset that depends on the
 * sequence number. The CRC covers the first 20 header bytes and the payload, so a message cut,
 * merged with another, or overwritten anywhere is seen as corrupt.
 *
 * <p>Sizes are mixed: 1/16 of the messages have exactly the largest size in force, 3/16 a size
 * drawn uniformly up to it, the rest a small size up to 512 bytes.
 */
public final class StressMessage {
    /** Header bytes: the smallest message. */
    public static final int HEADER = 24;
    static final int MAGIC = 0x5354524d;
    static final int PILL = 0x50494c4c;

    private final CRC32C crc = new CRC32C();
    private final ByteBuffer pattern;
    private final int max;

    /** Messages of at most {@code max} bytes (at least {@link #HEADER}). */
    public StressMessage(int max) {
        if (max < HEADER) {
            throw new IllegalArgumentException("stress messages need at least " + HEADER + " bytes, the channel allows " + max);
        }
        this.max = max;
        this.pattern = ByteBuffer.allocateDirect(2 * max).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(0x5eed);
        for (int i = 0; i + 8 <= pattern.capacity(); i += 8) {
            pattern.putLong(i, r.nextLong());
        }
    }

    /** A direct little-endian buffer large enough for any message. */
    public ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(max).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The size of message {@code seq} (deterministic in {@code rnd}). */
    public int size(SplittableRandom rnd) {
        int k = rnd.nextInt(16);
        if (k == 0) {
            return max;
        }
        if (k < 4) {
            return HEADER + rnd.nextInt(max - HEADER + 1);
        }
        return HEADER + rnd.nextInt(Math.min(max, 512) - HEADER + 1);
    }

    /** Writes message {@code seq} of {@code producer}, {@code len} bytes, into {@code b}: position 0, limit len. */
    public void encode(ByteBuffer b, int producer, long seq, int len) {
        b.clear();
        b.putInt(0, MAGIC);
        b.putInt(4, producer);
        b.putLong(8, seq);
        b.putInt(16, len);
        int payload = len - HEADER;
        if (payload > 0) {
            b.put(HEADER, pattern, (int) Math.floorMod(seq * 7919L, (long) max), payload);
        }
        b.putInt(20, checksum(b, len));
        b.limit(len);
    }

    /** Writes the end-of-stream marker ({@code producer} -1 says "from the coordinator"). */
    public void encodePill(ByteBuffer b, int producer) {
        encode(b, producer, -1, HEADER);
        b.putInt(0, PILL);
        b.putInt(20, checksum(b, HEADER));
    }

    private int checksum(ByteBuffer b, int len) {
        crc.reset();
        int pos = b.position();
        int lim = b.limit();
        b.limit(20).position(0);
        crc.update(b);
        if (len > HEADER) {
            b.limit(len).position(HEADER);
            crc.update(b);
        }
        b.limit(lim).position(pos);
        return (int) crc.getValue();
    }

    /** What a received message is. */
    public enum Kind { DATA, PILL, CORRUPT }

    /**
     * Checks the {@code n} bytes at the start of {@code b}: length, magic and checksum (the
     * payload pattern is covered by the checksum).
     */
    public Kind check(ByteBuffer b, int n) {
        if (n < HEADER || n > max || b.getInt(16) != n) {
            return Kind.CORRUPT;
        }
        int magic = b.getInt(0);
        if (magic != MAGIC && magic != PILL) {
            return Kind.CORRUPT;
        }
        if (b.getInt(20) != checksum(b, n)) {
            return Kind.CORRUPT;
        }
        if (magic == MAGIC) {
            return b.getLong(8) < 0 ? Kind.CORRUPT : Kind.DATA;
        }
        return Kind.PILL;
    }

    /** The producer id of a checked message. */
    public static int producer(ByteBuffer b) {
        return b.getInt(4);
    }

    /** The sequence number of a checked message. */
    public static long seq(ByteBuffer b) {
        return b.getLong(8);
    }
}
