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
        if (args.length > 0 && args[0].equals("local")) {
            local(args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000);
            return;
        }
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

    /** One thread: trySend + tryReceive of 64 B on one ring, the software cost without any cross-core traffic. */
    private static void local(int n) {
        String uri = "ring:/pingpong-" + ProcessHandle.current().pid() + "-local?capacity=64k";
        try (MessageChannel ch = Ipc.channel(uri)) {
            try {
                ByteBuffer out = ByteBuffer.allocateDirect(64);
                ByteBuffer in = ByteBuffer.allocateDirect(64);
                for (int pass = 0; pass < 5; pass++) {
                    long t0 = System.nanoTime();
                    long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        out.clear();
                        ch.trySend(out, i);
                        in.clear();
                        ch.tryReceive(in, io.jipc.api.Select.any());
                    }
                    long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
                    System.out.printf("local pass %d: %.1f ns wall, %.1f ns CPU per trySend + tryReceive of 64 B%n", pass,
                            (System.nanoTime() - t0) / (double) n, cpu / (double) n);
                }
            } finally {
                ch.remove();
            }
        }
    }
}
