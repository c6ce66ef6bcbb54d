package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Child JVM: {@code MutexCounter URI COUNTER_FILE N} increments the decimal number in COUNTER_FILE
 * N times, each a read-modify-write under the mutex (deliberately non-atomic: any failure of
 * exclusion loses increments), then prints {@code COUNTED N}.
 */
public final class MutexCounter {
    private MutexCounter() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI COUNTER_FILE N}
     * @throws IOException when the counter file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Peers.start();
        int n = Integer.parseInt(args[2]);
        try (Mutex m = Ipc.mutex(args[0]); RandomAccessFile f = new RandomAccessFile(args[1], "rw")) {
            Peers.say("READY");
            for (int i = 0; i < n; i++) {
                m.lock();
                try {
                    increment(f);
                } finally {
                    m.unlock();
                }
            }
            Peers.say("COUNTED " + n);
        }
    }

    /**
     * Reads the counter, yields, writes counter + 1: a race window any broken mutex shows.
     *
     * @param f the counter file, open for reading and writing
     * @throws IOException when the file cannot be read or written
     */
    public static void increment(RandomAccessFile f) throws IOException {
        f.seek(0);
        String s = f.length() == 0 ? "0" : f.readLine();
        long v = Long.parseLong(s.trim());
        Thread.yield();
        f.seek(0);
        f.setLength(0);
        f.writeBytes(Long.toString(v + 1));
    }

    /**
     * Reads the counter.
     *
     * @param f the counter file
     * @return the decimal number it holds (0 when empty)
     * @throws IOException when the file cannot be read
     */
    public static long read(RandomAccessFile f) throws IOException {
        f.seek(0);
        return f.length() == 0 ? 0 : Long.parseLong(f.readLine().trim());
    }
}
