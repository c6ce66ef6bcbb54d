package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.testkit.peers.ChannelReceiver;
import io.jipc.testkit.peers.ChannelSender;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MessageChannelContract} suite: messages across real processes (child JVMs),
 * in both directions, a receiver woken by another process, messages outliving their sender.
 */
public abstract class ChannelProcessesContract extends ChannelSemanticsContract {
    @Test
    void anotherProcessHandsMessagesOver() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        int count = 200;
        int size = 256;
        ChildProcess child = track(spawnPeer(ch, ChannelSender.class, Integer.toString(count), Integer.toString(size)));
        ByteBuffer dst = receiveBuffer(ch, size);
        for (int i = 0; i < count; i++) {
            dst.clear();
            long got = ch.receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(got != MessageChannel.NO_MESSAGE, "message " + i + " did not arrive; child: " + child.output());
            assertEquals(size, dst.position());
            assertEquals(i, dst.getLong(0), "order across processes");
        }
        await(child, "SENT " + count);
        awaitSuccess(child);
    }

    @Test
    void anotherProcessReceivesWhatThisOneSends() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        int count = 100;
        int size = 64;
        ChildProcess child = track(spawnPeer(ch, ChannelReceiver.class, Integer.toString(count), Integer.toString(size)));
        await(child, "READY");
        ByteBuffer m = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < count; i++) {
            m.clear();
            for (int j = 0; j < size; j++) {
                m.put(j, (byte) (i * 31 + j * 7));
            }
            m.putLong(0, i);
            assertTrue(ch.send(m, tag(ch), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "send " + i);
        }
        await(child, "RECEIVED " + count);
        awaitSuccess(child);
    }

    @Test
    void blockedReceiverWakesWhenAnotherProcessSends() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> got = pool.submit(() -> {
                ByteBuffer dst = receiveBuffer(ch, 64);
                ch.receive(dst, Select.any());
                return dst.position();
            });
            ChildProcess child = track(spawnPeer(ch, ChannelSender.class, "1", "32"));
            assertEquals(32, got.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            awaitSuccess(child);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void queuedMessagesOutliveTheSenderWhenTheObjectIsKernelOrFileBacked() throws Exception {
        MessageChannel ch = track(openChannel(freshUri()), true);
        assumeTrue(reachableByName() && ch.capabilities().persistence() != Capabilities.Persistence.PROCESS,
                "messages live only as long as the processes");
        ChildProcess child = track(spawnPeer(ch, ChannelSender.class, "3", "16"));
        awaitSuccess(child);
        ChannelStats s = ch.stats();
        if (s.messages() != Capabilities.UNKNOWN) {
            assertEquals(3, s.messages(), "the count survives the sending process");
        }
        ByteBuffer dst = receiveBuffer(ch, 16);
        for (int i = 0; i < 3; i++) {
            dst.clear();
            assertTrue(ch.tryReceive(dst, Select.any()) != MessageChannel.NO_MESSAGE, "message " + i + " survived its sender");
        }
    }
}
