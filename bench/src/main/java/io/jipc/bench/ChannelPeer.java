package io.jipc.bench;

import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;

/**
 * The peer JVM of the channel benchmarks.
 * <ul>
 *   <li>{@code echo IN OUT SIZE}: sends back every message received on {@code IN} through
 *       {@code OUT} ({@code same}: through {@code IN}, a two-way channel) (round-trip latency);</li>
 *   <li>{@code consume IN SIZE}: receives, checks that each message has the expected length and
 *       carries the next sequence number in its first 8 bytes; exits with status 3 and a line
 *       saying what was wrong otherwise (one-way throughput).</li>
 * </ul>
 * {@code IN}/{@code OUT} are {@link Link} specs. Prints {@code READY} once both ends are open.
 */
public final class ChannelPeer {
    private ChannelPeer() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        ChildSupport.exitWhenParentDies();
        String mode = args[0];
        if (mode.equals("echo")) {
            int size = Integer.parseInt(args[3]);
            Link in = Link.open(args[1], false);
            Link out = args[2].equals("same") ? in : Link.open(args[2], false);
            ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(size, 64));
            System.out.println("READY");
            System.out.flush();
            while (true) {
                in.receive(buf);
                buf.flip();
                out.send(buf);
            }
        } else if (mode.equals("consume")) {
            int size = Integer.parseInt(args[2]);
            Link in = Link.open(args[1], false);
            ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(size, 64));
            System.out.println("READY");
            System.out.flush();
            long expect = 0;
            while (true) {
                int n = in.receive(buf);
                long seq = buf.getLong(0);
                if (n != size || seq != expect) {
                    System.out.println("BAD message " + expect + ": length " + n + " (expected " + size + "), sequence "
                            + seq);
                    System.out.flush();
                    System.exit(3);
                }
                expect++;
            }
        } else {
            throw new IllegalArgumentException("mode " + mode);
        }
    }
}
