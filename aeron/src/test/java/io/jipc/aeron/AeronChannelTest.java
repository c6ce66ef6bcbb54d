package io.jipc.aeron;

import io.jipc.aeron.internal.DriverConnection;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUriException;
import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of {@code aeron:} beyond the contract: bad input, the driver's life, waking, allocation. */
class AeronChannelTest {
    private static String ipc() {
        return "aeron:ipc?stream=" + TestDriver.stream() + "&term-length=64k";
    }

    private static List<String> embeddedDirs() throws IOException {
        String prefix = DriverConnection.EMBEDDED_PREFIX + ProcessHandle.current().pid() + "-";
        try (Stream<Path> s = Files.list(DriverConnection.SHM)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).collect(Collectors.toList());
        }
    }

    @Test
    void badUrisFailBeforeAnyDriverStarts() throws Exception {
        List<String> before = embeddedDirs();
        String[] bad = {
            "aeron:udp", "aeron:udp?endpoint=localhost", "aeron:udp?endpoint=localhost:99999", "aeron:udp?endpoint=:40123",
            "aeron:udp?endpoint=localhost:port", "aeron:tcp?endpoint=localhost:40123", "aeron:ipc?endpoint=localhost:40123",
            "aeron:ipc?bogus=1", "aeron:ipc?dir=/tmp/x", "aeron:ipc?term-length=100k", "aeron:ipc?stream=0",
            "aeron:ipc?driver=remote", "aeron:ipc?mtu=1408%7Cx",
        };
        for (String uri : bad) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.channel(uri).close(), uri);
            assertTrue(e.getMessage().contains(uri), e.getMessage());
        }
        assertEquals(before, embeddedDirs(), "no driver was started for a bad URI");
    }

    @Test
    void externalDriverThatIsNotRunningIsNotFound() {
        String dir = DriverConnection.SHM.resolve("aeron-jipc-test-missing-" + TestDriver.unique()).toString();
        IpcNotFound e = assertThrows(IpcNotFound.class, () -> Ipc.channel("aeron:ipc?driver=external&dir=" + dir).close());
        assertTrue(e.getMessage().contains(dir), e.getMessage());
    }

    @Test
    void embeddedDriverDirectoryIsDeletedWithTheLastHandle() throws Exception {
        AeronMessageChannel a = (AeronMessageChannel) Ipc.channel(ipc());
        Path dir = Path.of(a.driverDirectory());
        AeronMessageChannel b = (AeronMessageChannel) Ipc.channel(ipc());
        assertEquals(dir.toString(), b.driverDirectory(), "one embedded driver per JVM");
        assertTrue(Files.isRegularFile(dir.resolve("cnc.dat")));
        a.close();
        assertTrue(Files.isDirectory(dir), "still used by the second handle");
        b.close();
        assertFalse(Files.exists(dir), "deleted with the last handle");
    }

    @Test
    void aKilledProcesssDriverDirectoryIsFoundAndCleanedByTheNextEmbeddedDriver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = DriverConnection.SHM.resolve(DriverConnection.EMBEDDED_PREFIX + gone.pid() + "-1");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("cnc.dat"), "left by a killed process");
        assertEquals(gone.pid(), DriverConnection.ownerPid(stale.getFileName().toString()));
        assertEquals(-1, DriverConnection.ownerPid("aeron-root"));
        assertTrue(DriverConnection.deadDriverDirectories().contains(stale));
        assertFalse(DriverConnection.deadDriverDirectories().stream()
                .anyMatch(p -> DriverConnection.ownerPid(p.getFileName().toString()) == ProcessHandle.current().pid()));
        try (MessageChannel ch = Ipc.channel(ipc())) {
            assertFalse(Files.exists(stale), "removed when an embedded driver starts");
        } finally {
            org.agrona.IoUtil.delete(stale.toFile(), true);
        }
    }

    @Test
    void portInUseIsAClearErrorOnSubscribe() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             AeronMessageChannel ch = (AeronMessageChannel) Ipc.channel(
                     "aeron:udp?endpoint=127.0.0.1:" + taken.getLocalPort() + "&term-length=64k")) {
            IpcException e = assertThrows(IpcException.class, ch::subscribe);
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
            assertThrows(IpcException.class, () -> ch.tryReceive(ByteBuffer.allocateDirect(16), Select.any()));
        }
        assertEquals(List.of(), embeddedDirs());
    }

    @Test
    void withoutSubscriberTheChannelIsFull() {
        String uri = ipc();
        try (MessageChannel sender = Ipc.channel(uri); AeronMessageChannel receiver = (AeronMessageChannel) Ipc.channel(uri)) {
            ByteBuffer m = ByteBuffer.allocateDirect(8);
            assertFalse(sender.trySend(m, 0), "no subscriber: trySend is refused, not dropped");
            assertFalse(sender.send(m, 0, 50, TimeUnit.MILLISECONDS), "no subscriber: timed send times out");
            assertEquals(0, m.position(), "nothing consumed from the message");
            receiver.subscribe();
            assertTrue(sender.send(m, 5, 30, TimeUnit.SECONDS));
            ByteBuffer dst = ByteBuffer.allocateDirect(8);
            assertEquals(5, receiver.receive(dst, Select.any(), 30, TimeUnit.SECONDS));
        }
    }

    @Test
    void fragmentedMessageTooLargeForTheBufferStaysWhole() {
        String uri = ipc();
        try (MessageChannel sender = Ipc.channel(uri); AeronMessageChannel receiver = (AeronMessageChannel) Ipc.channel(uri)) {
            receiver.subscribe();
            ByteBuffer m = ByteBuffer.allocateDirect(5000);
            for (int i = 0; i < 5000; i++) {
                m.put(i, (byte) (i * 7));
            }
            sender.send(m, 42);
            ByteBuffer small = ByteBuffer.allocateDirect(100);
            MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> receiver.receive(small, Select.any(), 30, TimeUnit.SECONDS));
            assertEquals(5000, e.size(), e.getMessage());
            assertEquals(0, small.position());
            ByteBuffer big = ByteBuffer.allocate(6000);
            assertEquals(42, receiver.receive(big, Select.any(), 30, TimeUnit.SECONDS), "the tag survives fragmentation");
            assertEquals(5000, big.position());
            for (int i = 0; i < 5000; i++) {
                assertEquals((byte) (i * 7), big.get(i), "byte " + i);
            }
        }
    }

    @Test
    void closeAndInterruptWakeABlockedReceiver() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MessageChannel ch = Ipc.channel(ipc())) {
            CountDownLatch started = new CountDownLatch(1);
            Future<Boolean> interrupted = pool.submit(() -> {
                started.countDown();
                IpcInterrupted e = assertThrows(IpcInterrupted.class, () -> ch.receive(ByteBuffer.allocateDirect(16)));
                return Thread.currentThread().isInterrupted() && e.getMessage().contains("interrupted");
            });
            started.await();
            pool.shutdownNow();
            assertTrue(interrupted.get(30, TimeUnit.SECONDS), "interrupt status kept");
            ExecutorService pool2 = Executors.newSingleThreadExecutor();
            try {
                CountDownLatch started2 = new CountDownLatch(1);
                Future<Throwable> closed = pool2.submit(() -> {
                    started2.countDown();
                    try {
                        ch.receive(ByteBuffer.allocateDirect(16));
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                started2.await();
                ch.close();
                assertInstanceOf(IpcClosed.class, closed.get(30, TimeUnit.SECONDS));
            } finally {
                pool2.shutdownNow();
            }
        }
    }

    @Test
    void aLostDriverIsAnErrorAndTheJvmLivesOn() {
        TestDriver driver = new TestDriver();
        boolean driverClosed = false;
        try (AeronMessageChannel ch = (AeronMessageChannel) Ipc.channel(
                "aeron:ipc?stream=" + TestDriver.stream() + "&term-length=64k&driver-timeout=1000&" + driver.options())) {
            ch.subscribe();
            driver.close();
            driverClosed = true;
            IpcRemoved e = assertThrows(IpcRemoved.class, () -> ch.receive(ByteBuffer.allocateDirect(16), Select.any(), 60, TimeUnit.SECONDS));
            assertTrue(e.getMessage().contains(driver.dir().toString()), e.getMessage());
            assertThrows(IpcRemoved.class, () -> ch.trySend(ByteBuffer.allocateDirect(16), 0));
        } finally {
            if (!driverClosed) {
                driver.close();
            }
        }
    }

    @Test
    void sendingAndReceivingAllocateNothing() {
        String uri = ipc();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (MessageChannel sender = Ipc.channel(uri); AeronMessageChannel receiver = (AeronMessageChannel) Ipc.channel(uri)) {
            receiver.subscribe();
            ByteBuffer m = ByteBuffer.allocateDirect(64);
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            int n = 20_000;
            long allocated = 0;
            for (int round = 0; round < 2; round++) {
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < n; i++) {
                    m.clear();
                    m.putLong(0, i);
                    sender.send(m, i);
                    dst.clear();
                    receiver.receive(dst, Select.any());
                }
                allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
            assertTrue(allocated < n, "allocated " + allocated + " bytes for " + n + " messages (after warm-up)");
        }
    }
}
