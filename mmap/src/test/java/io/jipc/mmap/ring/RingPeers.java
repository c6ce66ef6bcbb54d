package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Child-JVM mains for the ring's cross-process tests and the ping-pong measurement. */
final class RingPeers {
    private RingPeers() {
    }

    /** The checksum of bytes {@code [from, to)} (FNV-1a style over 8-byte words, then bytes; position-sensitive). */
    static long checksum(ByteBuffer b, int from, int to) {
        long h = 0xcbf29ce484222325L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ b.getLong(i)) * 0x100000001b3L;
            h ^= h >>> 29;
        }
        for (; i < to; i++) {
            h = (h ^ (b.get(i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * args: uri, count, seed, maxPayload. Sends {@code count} messages of random sizes: sequence
     * number (8 bytes), checksum of the rest (8 bytes), pseudo-random payload; tag = sequence.
     */
    public static final class Producer {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            long count = Long.parseLong(args[1]);
            SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[2]));
            int maxPayload = Integer.parseInt(args[3]);
            ByteBuffer out = ByteBuffer.allocateDirect(16 + maxPayload).order(ByteOrder.nativeOrder());
            try (MessageChannel ch = Ipc.channel(args[0])) {
                System.out.println("READY");
                for (long seq = 0; seq < count; seq++) {
                    int len = rnd.nextInt(maxPayload + 1);
                    out.clear();
                    long x = rnd.nextLong();
                    int k = 0;
                    for (; k + 8 <= len; k += 8) {
                        out.putLong(16 + k, x + k * 0x9E3779B97F4A7C15L);
                    }
                    for (; k < len; k++) {
                        out.put(16 + k, (byte) (x + k));
                    }
                    out.putLong(0, seq);
                    out.putLong(8, checksum(out, 16, 16 + len));
                    out.limit(16 + len);
                    ch.send(out, seq);
                }
                System.out.println("SENT " + count);
            }
        }
    }

    /**
     * args: pingUri, pongUri. Receives on ping, sends the same bytes back on pong, until a
     * message with tag 0; prints progress markers for the parent's watchdog.
     */
    public static final class Echo {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            try (MessageChannel ping = Ipc.channel(args[0]); MessageChannel pong = Ipc.channel(args[1])) {
                buf.clear();
                pong.send(buf.limit(0), 1); // claims the producer role of pong, tells the parent we are up
                System.out.println("READY");
                long n = 0;
                for (;;) {
                    buf.clear();
                    long tag = ping.receive(buf);
                    buf.flip();
                    pong.send(buf, tag);
                    if (tag == 0) {
                        break;
                    }
                    if (++n % 1000 == 0) {
                        System.out.println("ECHOED " + n);
                    }
                }
                System.out.println("DONE " + n);
            }
        }
    }

    /**
     * args: uri. Sends one whole message ("hello", tag 1), then writes a record into the ring
     * without publishing it (as a producer killed mid-write leaves it), prints PARTIAL, and waits
     * to be killed.
     */
    public static final class PartialWriter {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            RingChannel ch = (RingChannel) Ipc.channel(args[0]);
            ch.send(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 1);
            Path file = ch.file();
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer m = fc.map(FileChannel.MapMode.READ_WRITE, 0, fc.size());
                m.order(ByteOrder.nativeOrder());
                long tail = m.getLong(RingLayout.TAIL);
                int p = RingLayout.HEADER_SIZE + (int) (tail & (ch.capacity() - 1));
                m.putInt(p + RingLayout.REC_LENGTH, 100);
                m.putInt(p + RingLayout.REC_KIND, RingLayout.KIND_MESSAGE);
                m.putLong(p + RingLayout.REC_TAG, 99);
                for (int i = 0; i < 50; i++) { // half of the payload, then "killed"
                    m.put(p + RingLayout.RECORD_HEADER + i, (byte) 0xEE);
                }
                m.force();
            }
            System.out.println("PARTIAL");
            Thread.sleep(600_000);
        }
    }

    /**
     * args: uri. Sends "hello" (tag 1), then writes and COMMITS a second record ("orphan", tag 7)
     * without publishing {@code TAIL} — a producer killed between the two stores — prints
     * COMMITTED, and waits to be killed.
     */
    public static final class CommittedUnpublishedWriter {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            RingChannel ch = (RingChannel) Ipc.channel(args[0]);
            ch.send(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 1);
            Path file = ch.file();
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer m = fc.map(FileChannel.MapMode.READ_WRITE, 0, fc.size());
                m.order(ByteOrder.nativeOrder());
                long tail = m.getLong(RingLayout.TAIL);
                int p = RingLayout.HEADER_SIZE + (int) (tail & (ch.capacity() - 1));
                byte[] payload = "orphan".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                m.putInt(p + RingLayout.REC_LENGTH, payload.length);
                m.putInt(p + RingLayout.REC_KIND, RingLayout.KIND_MESSAGE);
                m.putLong(p + RingLayout.REC_TAG, 7);
                m.put(p + RingLayout.RECORD_HEADER, payload);
                m.putLong(p + RingLayout.REC_COMMIT, RingLayout.commit(tail));
                m.force();
            }
            System.out.println("COMMITTED");
            Thread.sleep(600_000);
        }
    }

    /** args: uri. Receives one message (claiming the consumer role), prints GOT, waits to be killed. */
    public static final class Consumer {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel(args[0]);
            ch.receive(ByteBuffer.allocateDirect(1024));
            System.out.println("GOT");
            Thread.sleep(600_000);
        }
    }

    /** args: uri. Sends one message (claiming the producer role), prints SENT, waits to be killed. */
    public static final class IdleProducer {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel(args[0]);
            ch.send(ByteBuffer.wrap(new byte[] {42}), 1);
            System.out.println("SENT");
            Thread.sleep(600_000);
        }
    }
}
