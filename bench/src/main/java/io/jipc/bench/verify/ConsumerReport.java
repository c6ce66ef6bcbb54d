package io.jipc.bench.verify;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/** What one consumer saw, written to a file for the coordinator. */
final class ConsumerReport {
    long received;
    long corrupt;
    long duplicated;
    long outOfOrder;
    String end;
    final BitSet[] seen;
    /** The last sequence number seen from each producer (-1: none yet). */
    private final long[] last;

    /** What {@link #account} made of a message. */
    enum Seen { PILL, CORRUPT, DUPLICATE, NEW }

    ConsumerReport(int producers, long perProducer) {
        last = new long[producers];
        Arrays.fill(last, -1);
        seen = new BitSet[producers];
        for (int i = 0; i < producers; i++) {
            seen[i] = new BitSet((int) perProducer);
        }
    }

    /**
     * Counts the message of {@code tag} that {@code b} holds (up to its position): an end marker, a
     * corrupt one (bad bytes, unknown producer, sequence out of range, tag not its producer's), a
     * duplicate, or a new one (out of order when below its producer's last).
     */
    Seen account(StressMessage m, ByteBuffer b, long tag, long perProducer) {
        StressMessage.Kind k = m.check(b, b.position());
        if (k == StressMessage.Kind.PILL) {
            return Seen.PILL;
        }
        int p = StressMessage.producer(b);
        long seq = StressMessage.seq(b);
        if (k == StressMessage.Kind.CORRUPT || p < 0 || p >= seen.length || seq >= perProducer || tag != p + 1) {
            corrupt++;
            return Seen.CORRUPT;
        }
        received++;
        if (seen[p].get((int) seq)) {
            duplicated++;
            return Seen.DUPLICATE;
        }
        seen[p].set((int) seq);
        if (seq < last[p]) {
            outOfOrder++;
        }
        last[p] = seq;
        return Seen.NEW;
    }

    void write(Path f) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f)))) {
            out.writeLong(received);
            out.writeLong(corrupt);
            out.writeLong(duplicated);
            out.writeLong(outOfOrder);
            out.writeUTF(end);
            out.writeInt(seen.length);
            for (BitSet s : seen) {
                long[] w = s.toLongArray();
                out.writeInt(w.length);
                for (long x : w) {
                    out.writeLong(x);
                }
            }
        }
    }

    static ConsumerReport read(Path f, long perProducer) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(f)))) {
            long received = in.readLong();
            long corrupt = in.readLong();
            long dup = in.readLong();
            long ooo = in.readLong();
            String end = in.readUTF();
            int n = in.readInt();
            ConsumerReport r = new ConsumerReport(n, perProducer);
            r.received = received;
            r.corrupt = corrupt;
            r.duplicated = dup;
            r.outOfOrder = ooo;
            r.end = end;
            for (int i = 0; i < n; i++) {
                long[] w = new long[in.readInt()];
                for (int j = 0; j < w.length; j++) {
                    w[j] = in.readLong();
                }
                r.seen[i] = BitSet.valueOf(w);
            }
            return r;
        }
    }
}
