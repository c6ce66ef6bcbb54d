package io.jipc.testkit;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Part of the {@link MessageChannelContract} suite: open modes, boundaries and order, heap buffers,
 * try and timed operations on empty and full channels, too-small and read-only receive buffers,
 * the largest and oversize messages, tags as the capabilities say, stats and remove.
 */
public abstract class ChannelSemanticsContract extends ChannelContractSupport {
    @Test
    void openModesCreateAndOpenAreEnforced() {
        assumeTrue(supportsOpenModes(), "backend has no open modes by name");
        String uri = freshUri();
        assertThrows(IpcNotFound.class, () -> openChannel(ContractSupport.withOption(uri, "open", "open")).close(),
                "open=open on a missing channel");
        MessageChannel created = track(openChannel(ContractSupport.withOption(uri, "open", "create")), true);
        assertThrows(IpcAlreadyExists.class, () -> openChannel(ContractSupport.withOption(uri, "open", "create")).close(),
                "open=create on an existing channel");
        track(openChannel(peerUri(created)), false);
    }

    @Test
    void boundariesAndOrderAreKept() {
        Pair p = openPair();
        int[] sizes = {1, 100, 1000, 0, 7};
        for (int i = 0; i < sizes.length; i++) {
            ByteBuffer m = message(sizes[i], i);
            p.sender().send(m, tag(p.sender()));
            assertEquals(sizes[i], m.position(), "send advances the message's position to its limit");
        }
        ByteBuffer dst = ByteBuffer.allocateDirect(2000);
        for (int i = 0; i < sizes.length; i++) {
            dst.clear();
            dst.position(5);
            p.receiver().receive(dst, Select.any());
            assertEquals(5 + sizes[i], dst.position(), "message " + i + " keeps its boundary");
            assertArrayEquals(bytes(message(sizes[i], i), 0, sizes[i]), bytes(dst, 5, 5 + sizes[i]), "message " + i);
        }
    }

    @Test
    void heapBuffersWorkToo() {
        Pair p = openPair();
        p.sender().send(ByteBuffer.wrap("hello, heap".getBytes()), tag(p.sender()));
        ByteBuffer dst = ByteBuffer.allocate(Math.max(64, minimumReceiveRoom(p.receiver())));
        p.receiver().receive(dst, Select.any());
        assertEquals("hello, heap", new String(dst.array(), 0, dst.position()));
    }

    @Test
    void emptyChannelTryAndTimedReceiveReturnNoMessage() {
        Pair p = openPair();
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().tryReceive(dst, Select.any()));
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().receive(dst, Select.any(), 50, TimeUnit.MILLISECONDS));
        assertEquals(0, dst.position(), "nothing written on NO_MESSAGE");
        assertThrows(IllegalArgumentException.class,
                () -> p.receiver().receive(dst, Select.any(), -1, TimeUnit.MILLISECONDS), "negative timeout");
        assertThrows(IllegalArgumentException.class,
                () -> p.sender().send(message(4, 0), tag(p.sender()), -1, TimeUnit.MILLISECONDS), "negative timeout");
    }

    @Test
    void fullChannelTrySendAndTimedSendReturnFalseAndNothingIsLost() {
        Pair p = openPair();
        long max = p.sender().capabilities().maxMessageSize();
        int size = (int) Math.min(1024, max == Capabilities.UNKNOWN ? 1024 : max);
        ByteBuffer m = message(size, 1);
        int sent = 0;
        while (true) {
            m.clear();
            if (!p.sender().trySend(m, tag(p.sender()))) {
                break;
            }
            sent++;
            assertTrue(sent < 200_000, "the channel never filled up after " + sent + " messages");
        }
        assertTrue(sent > 0, "an empty channel accepted nothing");
        m.clear();
        assertFalse(p.sender().send(m, tag(p.sender()), 50, TimeUnit.MILLISECONDS), "timed send on a full channel");
        ByteBuffer dst = receiveBuffer(p.receiver(), size);
        int received = 0;
        long inFlight = inFlightMillis();
        while (true) {
            dst.clear();
            long got = inFlight == 0 ? p.receiver().tryReceive(dst, Select.any())
                    : p.receiver().receive(dst, Select.any(), inFlight, TimeUnit.MILLISECONDS);
            if (got == MessageChannel.NO_MESSAGE) {
                break;
            }
            assertEquals(size, dst.position());
            received++;
        }
        assertEquals(sent, received, "every message accepted by trySend is received");
        m.clear();
        assertTrue(p.sender().trySend(m, tag(p.sender())), "room again after draining");
    }

    @Test
    void tooSmallBufferFailsAndLosesNothing() {
        Pair p = openPair();
        p.sender().send(message(100, 9), tag(p.sender()));
        ByteBuffer small = ByteBuffer.allocateDirect(10);
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> p.receiver().receive(small, Select.any()));
        assertEquals(0, small.position(), "nothing written into a too-small buffer");
        assertTrue(e.getMessage().contains(p.receiver().uri().toString()), e.getMessage());
        assertThrows(MessageTooLarge.class, () -> p.receiver().tryReceive(small, Select.any()));
        ByteBuffer big = receiveBuffer(p.receiver(), 200);
        p.receiver().receive(big, Select.any());
        assertEquals(100, big.position(), "the message is still there, whole");
        assertArrayEquals(bytes(message(100, 9), 0, 100), bytes(big, 0, 100));
    }

    @Test
    void largestMessageFitsAndOversizeNamesTheLimit() {
        Pair p = openPair();
        long max = p.sender().capabilities().maxMessageSize();
        assumeTrue(max != Capabilities.UNKNOWN && max <= (1 << 20), "no finite message limit");
        ByteBuffer big = message((int) max, 4);
        p.sender().send(big, tag(p.sender()));
        ByteBuffer dst = ByteBuffer.allocateDirect((int) max);
        p.receiver().receive(dst, Select.any());
        assertEquals(max, dst.position());
        MessageTooLarge e = assertThrows(MessageTooLarge.class, () -> p.sender().send(message((int) max + 1, 4), tag(p.sender())));
        assertEquals(max, e.limit(), e.getMessage());
        assertEquals(MessageChannel.NO_MESSAGE, p.receiver().tryReceive(ByteBuffer.allocateDirect((int) max + 1), Select.any()),
                "an oversize message is not half-sent");
    }

    @Test
    void readOnlyReceiveBuffersAreRefusedClearlyAndLoseNothing() {
        Pair p = openPair();
        p.sender().send(message(8, 3), tag(p.sender()));
        ByteBuffer ro = receiveBuffer(p.receiver(), 64).asReadOnlyBuffer();
        String uri = p.receiver().uri().toString();
        for (Callable<Long> call : List.<Callable<Long>>of(
                () -> p.receiver().tryReceive(ro, Select.any()),
                () -> p.receiver().receive(ro, Select.any()),
                () -> p.receiver().receive(ro, Select.any(), 1, TimeUnit.SECONDS))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::call);
            assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains(uri), e.getMessage());
        }
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
        assertTrue(p.receiver().receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                != MessageChannel.NO_MESSAGE, "the message is still there");
        assertEquals(8, dst.position());
    }

    @Test
    void tagsBehaveAsTheCapabilitiesSay() {
        Pair p = openPair();
        Capabilities caps = p.sender().capabilities();
        ByteBuffer dst = receiveBuffer(p.receiver(), 64);
        switch (caps.tagging()) {
            case NONE:
                assertThrows(IpcUnsupported.class, () -> p.sender().send(message(4, 0), caps.defaultTag() + 1));
                break;
            case SYSV_TYPE:
                for (long t : new long[] {3, 1, 2}) {
                    p.sender().send(message(4, (int) t), t);
                }
                assertEquals(2, p.receiver().receive(dst, Select.tag(2)));
                dst.clear();
                assertEquals(1, p.receiver().receive(dst, Select.upTo(3)), "upTo takes the lowest type first");
                dst.clear();
                assertEquals(3, p.receiver().receive(dst, Select.not(1)));
                assertThrows(IllegalArgumentException.class, () -> p.sender().send(message(4, 0), 0));
                break;
            case PRIORITY:
                for (long t : new long[] {1, 5, 3}) {
                    p.sender().send(message(4, (int) t), t);
                }
                for (long t : new long[] {5, 3, 1}) {
                    dst.clear();
                    assertEquals(t, p.receiver().receive(dst, Select.any()), "highest priority first");
                }
                assertThrows(IpcUnsupported.class, () -> p.receiver().tryReceive(dst, Select.tag(1)));
                break;
            case CARRIED:
                for (long t : new long[] {7, 3, 9}) {
                    p.sender().send(message(4, (int) t), t);
                }
                for (long t : new long[] {7, 3, 9}) {
                    dst.clear();
                    assertEquals(t, p.receiver().receive(dst, Select.any()), "tags are carried in order");
                }
                assertThrows(IpcUnsupported.class, () -> p.receiver().tryReceive(dst, Select.tag(1)));
                break;
            default:
                throw new AssertionError(caps.tagging());
        }
        if (caps.tagging() != Capabilities.Tagging.NONE) {
            assertThrows(IllegalArgumentException.class, () -> p.sender().send(message(4, 0), -5), "negative tag");
        }
    }

    @Test
    void statsCountQueuedMessages() {
        Pair p = openPair();
        p.sender().send(message(10, 1), tag(p.sender()));
        p.sender().send(message(20, 2), tag(p.sender()));
        ChannelStats s = p.receiver().stats();
        if (s.messages() != Capabilities.UNKNOWN) {
            assertEquals(2, s.messages());
        }
        if (s.bytes() != Capabilities.UNKNOWN) {
            assertTrue(s.bytes() >= 30, "bytes queued: " + s.bytes());
        }
    }

    @Test
    void removeMakesTheNameUnreachable() {
        assumeTrue(reachableByName(), "not reachable by name");
        Capabilities.Persistence persistence;
        MessageChannel a = openChannel(freshUri());
        try {
            persistence = a.capabilities().persistence();
            String peer = peerUri(a);
            a.remove();
            assumeTrue(persistence != Capabilities.Persistence.PROCESS, "process-lifetime object");
            assertThrows(IpcNotFound.class, () -> openChannel(peer).close(), "open after remove");
            assertDoesNotThrow(a::remove, "removing twice is not an error");
        } finally {
            a.close();
        }
    }
}
