package io.jipc.testkit.peers;

import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Shared helpers of the child-JVM peers: argument parsing, message patterns, the ready marker. */
final class Peers {
    private Peers() {
    }

    static void start() {
        ChildSupport.exitWhenParentDies();
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A message of {@code size} bytes whose first 8 bytes are {@code seq} and the rest a pattern from it. */
    static ByteBuffer pattern(long seq, int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        fill(b, seq, size);
        return b;
    }

    static void fill(ByteBuffer b, long seq, int size) {
        b.clear();
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (seq * 31 + i * 7));
        }
        if (size >= 8) {
            b.putLong(0, seq);
        }
        b.limit(size);
    }

    /** Checks a received message made by {@link #pattern}; returns its sequence number or throws. */
    static long check(ByteBuffer b, int size, long expectedSeq) {
        if (b.position() != size) {
            throw new AssertionError("message " + expectedSeq + ": " + b.position() + " bytes, expected " + size);
        }
        for (int i = 8; i < size; i++) {
            if (b.get(i) != (byte) (expectedSeq * 31 + i * 7)) {
                throw new AssertionError("message " + expectedSeq + ": byte " + i + " corrupted");
            }
        }
        long seq = size >= 8 ? b.getLong(0) : expectedSeq;
        if (seq != expectedSeq) {
            throw new AssertionError("message out of order: got " + seq + ", expected " + expectedSeq);
        }
        return seq;
    }
}
