package io.jipc.aeron;

import io.aeron.driver.MediaDriver;
import io.jipc.aeron.internal.DriverConnection;
import io.jipc.testkit.TestNames;
import org.agrona.IoUtil;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An "external" media driver for tests: launched in the test JVM in its own directory
 * ({@code /dev/shm/aeron-jipc-test-PID-N}), deleted on close. Handles and child JVMs join it with
 * {@code driver=external&dir=}. Also hands out unique stream ids and free UDP ports.
 */
final class TestDriver implements AutoCloseable {
    private static final AtomicInteger STREAMS = new AtomicInteger(100);
    private static final AtomicInteger DIRS = new AtomicInteger();

    private final Path dir;
    private final MediaDriver driver;

    TestDriver() {
        dir = DriverConnection.SHM.resolve("aeron-jipc-test-" + ProcessHandle.current().pid() + "-" + DIRS.incrementAndGet());
        driver = MediaDriver.launch(MediaDrivers.context(dir, t -> { }));
    }

    Path dir() {
        return dir;
    }

    /** {@code driver=external&dir=...} for this driver. */
    String options() {
        return "driver=external&dir=" + dir;
    }

    @Override
    public void close() {
        driver.close();
        IoUtil.delete(dir.toFile(), true);
    }

    /** A stream id no other test of this JVM uses (children get theirs through the URI). */
    static int stream() {
        return STREAMS.incrementAndGet() + (int) (ProcessHandle.current().pid() % 10_000) * 1000;
    }

    /** A UDP port on the loopback interface that was free a moment ago. */
    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unique hint for names, from the test kit. */
    static String unique() {
        return TestNames.unique("aeron");
    }
}
