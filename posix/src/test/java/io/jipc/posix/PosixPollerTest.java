package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Pollable;
import io.jipc.api.Poller;
import io.jipc.api.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One thread serving several POSIX queues through a {@link Poller} (claim C10). */
@ExtendWith(PosixLeakCheck.class)
@Timeout(60)
class PosixPollerTest {
    @Test
    void waitsOnSeveralQueues() {
        MessageChannel[] q = new MessageChannel[4];
        try (Poller poller = Poller.open()) {
            for (int i = 0; i < q.length; i++) {
                q[i] = Ipc.channel("posix:" + PosixLeakCheck.name("poll" + i) + "?maxmsg=2&msgsize=16");
                poller.register((Pollable) q[i], Poller.RECEIVE);
            }
            assertEquals(0, poller.await(100, TimeUnit.MILLISECONDS), "all empty");
            q[2].send(ByteBuffer.wrap(new byte[]{2}), 3);
            assertEquals(1, poller.await(30, TimeUnit.SECONDS));
            assertSame(q[2], poller.ready(0));
            assertEquals(Poller.RECEIVE, poller.readyOps(0));
            q[0].send(ByteBuffer.wrap(new byte[]{0}), 1);
            q[3].send(ByteBuffer.wrap(new byte[]{3}), 1);
            ByteBuffer dst = ByteBuffer.allocateDirect(16);
            Set<Integer> served = new HashSet<>();
            while (served.size() < 3) {
                int n = poller.await(30, TimeUnit.SECONDS);
                assertTrue(n > 0);
                for (int i = 0; i < n; i++) {
                    MessageChannel ch = (MessageChannel) poller.ready(i);
                    dst.clear();
                    if (ch.tryReceive(dst, Select.any()) != MessageChannel.NO_MESSAGE) {
                        served.add((int) dst.get(0));
                    }
                }
            }
            assertEquals(Set.of(0, 2, 3), served);
            assertEquals(0, poller.await(0, TimeUnit.MILLISECONDS), "all drained");
        } finally {
            for (MessageChannel c : q) {
                if (c != null) {
                    c.remove();
                    c.close();
                }
            }
        }
    }

    @Test
    void sendReadinessFollowsRoom() {
        try (Poller poller = Poller.open();
             MessageChannel q = Ipc.channel("posix:" + PosixLeakCheck.name("pollsend") + "?maxmsg=1&msgsize=16")) {
            try {
                poller.register((Pollable) q, Poller.SEND | Poller.RECEIVE);
                assertEquals(1, poller.await(30, TimeUnit.SECONDS));
                assertEquals(Poller.SEND, poller.readyOps(0), "empty: room to send, nothing to receive");
                q.send(ByteBuffer.wrap(new byte[]{1}), 0);
                assertEquals(1, poller.await(30, TimeUnit.SECONDS));
                assertEquals(Poller.RECEIVE, poller.readyOps(0), "full: a message, no room");
                poller.unregister((Pollable) q);
                assertEquals(0, poller.size());
            } finally {
                q.remove();
            }
        }
    }
}
