package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;

/**
 * A measurement, not a test: two threads bounce a 64-byte message over two {@code sysv:private}
 * queues with the blocking {@code send}/{@code receive}, and print µs per round trip for a few
 * repetitions. Run by hand: {@code java -cp ... io.jipc.sysv.SysvPingPongMain [roundTrips] [reps]}.
 */
public final class SysvPingPongMain {
    private SysvPingPongMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        MessageChannel ping = Ipc.channel("sysv:private");
        MessageChannel pong = Ipc.channel("sysv:private");
        try {
            int total = n * (reps + 1);
            Thread echo = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < total; i++) {
                    b.clear();
                    ping.receive(b);
                    b.flip();
                    pong.send(b, 1);
                }
            });
            echo.start();
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r <= reps; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    out.clear();
                    ping.send(out, 1);
                    in.clear();
                    pong.receive(in);
                }
                double us = (System.nanoTime() - t0) / 1000.0 / n;
                if (r > 0) { // the first repetition is warm-up
                    line.append(String.format("%.1f ", us));
                }
            }
            echo.join();
            System.out.println("sysv blocking ping-pong, us per round trip: " + line.toString().trim());
        } finally {
            ping.remove();
            pong.remove();
            ping.close();
            pong.close();
        }
    }
}
