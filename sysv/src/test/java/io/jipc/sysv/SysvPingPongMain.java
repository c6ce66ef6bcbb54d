package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;

/**
 * A measurement, not a test: two threads bounce a 64-byte message over two {@code sysv:private}
 * queues with the blocking {@code send}/{@code receive}, and print µs per round trip for a few
 * repetitions; then, with {@code late} as third argument, how long after its send a message
 * reaches a receiver that has been waiting 10 ms (median and max of 200, µs). Run by hand:
 * {@code java -cp ... io.jipc.sysv.SysvPingPongMain [roundTrips] [reps] [late]}.
 */
public final class SysvPingPongMain {
    private SysvPingPongMain() {
    }

    private static void late(MessageChannel q) throws Exception {
        int n = 200;
        long[] delays = new long[n];
        Thread sender = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            for (int i = 0; i < n; i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                b.clear();
                b.putLong(0, System.nanoTime());
                q.send(b, 1);
            }
        });
        sender.start();
        ByteBuffer in = ByteBuffer.allocateDirect(8);
        for (int i = 0; i < n; i++) {
            in.clear();
            q.receive(in);
            delays[i] = System.nanoTime() - in.getLong(0);
        }
        sender.join();
        java.util.Arrays.sort(delays);
        System.out.printf("message to a receiver idle 10 ms: median %.0f us, max %.0f us%n",
                delays[n / 2] / 1000.0, delays[n - 1] / 1000.0);
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
            if (args.length > 2 && args[2].equals("late")) {
                late(ping);
            }
        } finally {
            ping.remove();
            pong.remove();
            ping.close();
            pong.close();
        }
    }
}
