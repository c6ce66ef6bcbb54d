package io.jipc.posix.stream;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hot path (blocking, try and timed send/receive with direct buffers) allocates nothing per message. */
@ExtendWith(LeakGuard.class)
class StreamAllocationTest {
    private static final int ROUNDS = 10_000;

    @Test
    void pipeAndSocketpairRoundTripsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        for (String uri : new String[] {"pipe:", "unix:pair", "unix:pair?type=seqpacket"}) {
            MessageChannel a = Ipc.channel(uri);
            MessageChannel b = uri.startsWith("pipe") ? pipePeer((PipeChannel) a) : pairPeer((UnixChannel) a);
            try {
                ByteBuffer msg = ByteBuffer.allocateDirect(256);
                ByteBuffer dst = ByteBuffer.allocateDirect(256);
                roundTrips(a, b, msg, dst);
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                roundTrips(a, b, msg, dst);
                long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                assertTrue(allocated < 3L * ROUNDS, uri + ": " + allocated + " bytes allocated for " + (3 * ROUNDS) + " messages");
            } finally {
                b.close();
                a.close();
            }
        }
    }

    @Test
    void closingReleasesEveryDescriptor() throws Exception {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds));
        String fifo = "fifo:" + io.jipc.testkit.TestNames.path("fds");
        String sock = "unix:" + io.jipc.testkit.TestNames.path("fds");
        for (int round = 0; round < 2; round++) {
            long before = count(fds);
            for (int i = 0; i < 5; i++) {
                PipeChannel p = (PipeChannel) Ipc.channel("pipe:");
                pipePeer(p).close();
                p.close();
                try (PipeChannel unused = (PipeChannel) Ipc.channel("pipe:")) {
                    assertTrue(unused.hasPeerEnds());
                }
                UnixChannel u = (UnixChannel) Ipc.channel("unix:pair");
                pairPeer(u).close();
                u.close();
                try (MessageChannel f = Ipc.channel(fifo)) {
                    f.remove();
                }
                try (UnixChannel listener = (UnixChannel) Ipc.channel(sock);
                     MessageChannel client = Ipc.channel(sock + "?open=open")) {
                    client.send(ByteBuffer.allocate(1), 0);
                    listener.receive(ByteBuffer.allocate(1));
                    listener.remove();
                }
                try (UnixServer server = UnixServer.listen(sock)) {
                    try (MessageChannel client = Ipc.channel(sock + "?open=open");
                         UnixChannel accepted = server.accept()) {
                        assertTrue(accepted.isConnected() && !client.isClosed());
                    }
                    server.remove();
                }
            }
            if (count(fds) == before) {
                return;
            }
        }
        throw new AssertionError("descriptors leaked: /proc/self/fd grew over two rounds of open/close");
    }

    private static long count(java.nio.file.Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            return s.count();
        }
    }

    private static MessageChannel pipePeer(PipeChannel parent) {
        int[] ends = parent.takePeerEnds();
        return Ipc.channel(parent.peerUri(ends[0], ends[1]));
    }

    private static MessageChannel pairPeer(UnixChannel parent) {
        return Ipc.channel(parent.peerUri(parent.takePeerEnd()));
    }

    private static void roundTrips(MessageChannel a, MessageChannel b, ByteBuffer msg, ByteBuffer dst) {
        for (int i = 0; i < ROUNDS; i++) {
            msg.clear();
            a.send(msg, i);
            dst.clear();
            assertEquals(i, b.receive(dst, Select.any()));
            msg.clear();
            assertTrue(a.trySend(msg, 1));
            dst.clear();
            assertEquals(1, b.tryReceive(dst, Select.any()));
            msg.clear();
            assertTrue(a.send(msg, 2, 1, TimeUnit.SECONDS));
            dst.clear();
            assertEquals(2, b.receive(dst, Select.any(), 1, TimeUnit.SECONDS));
        }
    }
}
