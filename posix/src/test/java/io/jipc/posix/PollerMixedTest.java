package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Pollable;
import io.jipc.api.Poller;
import io.jipc.api.Select;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One Poller over a POSIX queue and a FIFO channel: any Pollable works. */
@ExtendWith(PosixLeakCheck.class)
@Timeout(60)
class PollerMixedTest {
    @Test
    void aQueueAndAFifoInOnePoller() {
        MessageChannel queue = Ipc.channel("posix:" + PosixLeakCheck.name("mixq") + "?maxmsg=2&msgsize=64");
        java.nio.file.Path fifoPath = TestNames.path("mixfifo");
        MessageChannel fifo = Ipc.channel("fifo:" + fifoPath);
        try (Poller poller = Poller.open()) {
            poller.register((Pollable) queue, Poller.RECEIVE);
            poller.register((Pollable) fifo, Poller.RECEIVE);
            assertEquals(0, poller.await(50, TimeUnit.MILLISECONDS));
            fifo.send(ByteBuffer.wrap(new byte[]{7}), 4);
            assertEquals(1, poller.await(30, TimeUnit.SECONDS));
            assertSame(fifo, poller.ready(0));
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            assertEquals(4, fifo.tryReceive(dst, Select.any()));
            queue.send(ByteBuffer.wrap(new byte[]{8}), 6);
            assertEquals(1, poller.await(30, TimeUnit.SECONDS));
            assertSame(queue, poller.ready(0));
            dst.clear();
            assertEquals(6, queue.tryReceive(dst, Select.any()));
            assertEquals(0, poller.await(0, TimeUnit.MILLISECONDS));
            assertTrue(poller.size() == 2);
        } finally {
            removeAndClose(queue, fifo);
        }
        assertTrue(!java.nio.file.Files.exists(fifoPath), "the FIFO was removed");
    }

    private static void removeAndClose(MessageChannel... channels) {
        for (MessageChannel c : channels) {
            try {
                c.remove();
            } finally {
                c.close();
            }
        }
    }
}
