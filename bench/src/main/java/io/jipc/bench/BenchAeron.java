package io.jipc.bench;

import io.aeron.driver.MediaDriver;
import org.agrona.IoUtil;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@code aeron-ipc} and {@code aeron-udp} rows need: for IPC, one media driver that the
 * benchmark JVM and its peer JVM share ({@code driver=external&dir=}), started on first use in
 * {@code /dev/shm/aeron-jipc-bench-PID} and stopped (directory deleted) when the JVM exits; for UDP,
 * a free loopback port (each JVM then embeds its own driver). Both drivers run one thread that backs
 * off to 1 ms parks when idle, as jipc's embedded driver does: the rows measure Aeron as jipc
 * configures it, not Aeron's busy-spinning dedicated mode.
 */
final class BenchAeron {
    private static final AtomicInteger STREAMS = new AtomicInteger(1000);
    private static MediaDriver driver;
    private static Path dir;

    static {
        // peers are stopped with SIGKILL: their embedded drivers' directories go when this JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(BenchAeron::stop, "jipc-bench-aeron-cleanup"));
    }

    private BenchAeron() {
    }

    /** The shared driver's directory, launching it on first use. */
    static synchronized String sharedDriverDir() {
        if (driver == null) {
            dir = io.jipc.aeron.MediaDrivers.sharedDirectory("bench");
            driver = MediaDriver.launch(io.jipc.aeron.MediaDrivers.context(dir, t -> { }));
        }
        return dir.toString();
    }

    private static synchronized void stop() {
        if (driver != null) {
            driver.close();
            IoUtil.delete(dir.toFile(), true);
            driver = null;
        }
        io.jipc.spi.Backend aeron = io.jipc.api.Ipc.backend("aeron");
        for (io.jipc.spi.ObjectInfo stale : aeron == null ? java.util.List.<io.jipc.spi.ObjectInfo>of() : aeron.objects()) {
            if (!stale.creatorAlive()) {
                BenchSupport.removeQuietly(() -> aeron.remove(stale));
            }
        }
    }

    /** A stream id unique in this JVM. */
    static int stream() {
        return STREAMS.incrementAndGet();
    }

    /** A term length whose maximum message (term / 8) holds {@code size} bytes, at least 1 MiB. */
    static String termLength(int size) {
        int t = 1 << 20;
        while (t / 8 < size) {
            t <<= 1;
        }
        return Integer.toString(t);
    }

    /** A loopback UDP port that was free a moment ago. */
    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
