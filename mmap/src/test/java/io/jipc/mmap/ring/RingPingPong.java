package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A hand-run measurement (not a test): round-trip latency of a ping-pong between this JVM and a
 * child JVM ({@link RingPeers.Echo}) over two rings. Not JMH: a first number for the README;
 * the bench module measures properly.
 *
 * <pre>
 * java -cp mmap/target/classes:mmap/target/test-classes:&lt;deps&gt; io.jipc.mmap.ring.RingPingPong [rounds] [spinNanos] [size]
 * </pre>
 */
public final class RingPingPong {
    private RingPingPong() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long spin = args.length > 1 ? Long.parseLong(args[1]) : RingChannel.DEFAULT_SPIN_NANOS;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        long pid = ProcessHandle.current().pid();
        String ping = "ring:/pingpong-" + pid + "-ping?capacity=64k&spin=" + spin;
        String pong = "ring:/pingpong-" + pid + "-pong?capacity=64k&spin=" + spin;
        try (MessageChannel a = Ipc.channel(ping); MessageChannel b = Ipc.channel(pong)) {
            try (ChildProcess child = Spawner.jvm(RingPeers.Echo.class, ping, pong).start()) {
                ByteBuffer buf = ByteBuffer.allocateDirect(size);
                b.receive(buf);
                child.awaitOutput("READY", Duration.ofSeconds(30));
                for (int pass = 0; pass < 5; pass++) {
                    int n = pass == 0 ? rounds / 4 : rounds;
                    long t0 = System.nanoTime();
                    for (int i = 1; i <= n; i++) {
                        buf.clear();
                        a.send(buf, i);
                        buf.clear();
                        b.receive(buf);
                    }
                    long ns = System.nanoTime() - t0;
                    System.out.printf("%s pass %d: %d round trips of %d B, spin=%d ns: %.3f us per round trip%n",
                            pass == 0 ? "warm-up" : "measure", pass, n, size, spin, ns / 1000.0 / n);
                }
                buf.clear().limit(0);
                a.send(buf, 0);
                b.receive(buf.clear());
            } finally {
                a.remove();
                b.remove();
            }
        }
    }
}
