package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;

import java.nio.ByteBuffer;

/**
 * Child JVM: {@code ChannelReceiver URI COUNT SIZE} prints {@code READY}, receives COUNT messages
 * and checks each against the shared pattern and order, then prints {@code RECEIVED COUNT}.
 */
public final class ChannelReceiver {
    private ChannelReceiver() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI COUNT SIZE}
     */
    public static void main(String[] args) {
        Peers.start();
        int count = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        try (MessageChannel ch = Ipc.channel(args[0])) {
            Peers.say("READY");
            // room for the largest message the channel accepts (a POSIX queue refuses less than mq_msgsize)
            long max = ch.capabilities().maxMessageSize();
            int room = max > size && max <= (16 << 20) ? (int) max : size;
            ByteBuffer b = ByteBuffer.allocateDirect(Math.max(room, 1));
            for (int i = 0; i < count; i++) {
                b.clear();
                ch.receive(b, Select.any());
                Peers.check(b, size, i);
            }
            Peers.say("RECEIVED " + count);
        }
    }
}
