package io.jipc.posix.stream;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Pollable;
import io.jipc.api.Select;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysPoll;
import io.jipc.os.layout.PollfdLayout;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;

import static io.jipc.posix.stream.StreamPeers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive descriptor is readable exactly while a message can be received: a handle never
 * reads ahead into the next message (which would hide it from poll/epoll), and a message refused
 * with MessageTooLarge keeps it readable.
 */
@ExtendWith(LeakGuard.class)
class PollableTest {
    private static boolean readable(MessageChannel ch) {
        long p = NativeMemory.allocate(PollfdLayout.SIZE);
        try {
            NativeMemory.putInt(p + PollfdLayout.FD, ((Pollable) ch).receiveDescriptor());
            NativeMemory.putShort(p + PollfdLayout.EVENTS, SysPoll.POLLIN);
            NativeMemory.putShort(p + PollfdLayout.REVENTS, (short) 0);
            return SysPoll.LIB.poll(p, 1, 0) == 1;
        } finally {
            NativeMemory.free(p);
        }
    }

    private static void check(MessageChannel sender, MessageChannel receiver) {
        assertFalse(readable(receiver));
        for (int i = 1; i <= 3; i++) {
            sender.send(text("message " + i), i);
        }
        ByteBuffer buf = ByteBuffer.allocate(64);
        for (int i = 1; i <= 3; i++) {
            assertTrue(readable(receiver), "message " + i + " is pending, the descriptor must say so");
            assertThrows(MessageTooLarge.class, () -> receiver.receive(ByteBuffer.allocate(2)));
            assertTrue(readable(receiver), "a message refused as too large is still pending");
            buf.clear();
            assertEquals(i, receiver.receive(buf));
            assertEquals("message " + i, StreamPeers.text(buf));
        }
        assertFalse(readable(receiver));
        assertEquals(MessageChannel.NO_MESSAGE, receiver.tryReceive(buf.clear(), Select.any()));
    }

    @Test
    void pipe() {
        try (PipeChannel parent = (PipeChannel) Ipc.channel("pipe:")) {
            int[] ends = parent.takePeerEnds();
            try (MessageChannel child = Ipc.channel(parent.peerUri(ends[0], ends[1]))) {
                check(parent, child);
            }
        }
    }

    @Test
    void fifo() {
        String uri = "fifo:" + TestNames.path("poll");
        try (MessageChannel a = Ipc.channel(uri); MessageChannel b = Ipc.channel(uri + "?open=open")) {
            try {
                check(a, b);
            } finally {
                a.remove();
            }
        }
    }

    @Test
    void socketPairs() {
        for (String uri : new String[] {"unix:pair", "unix:pair?type=seqpacket"}) {
            try (UnixChannel parent = (UnixChannel) Ipc.channel(uri);
                 MessageChannel child = Ipc.channel(parent.peerUri(parent.takePeerEnd()))) {
                check(parent, child);
            }
        }
    }
}
