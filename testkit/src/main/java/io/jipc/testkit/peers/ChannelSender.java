package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;

/**
 * Child JVM: {@code ChannelSender URI COUNT SIZE [TAG]} opens the channel, sends COUNT messages of
 * SIZE bytes made by the shared pattern (sequence numbers 0..COUNT-1), prints {@code SENT}, closes
 * the handle (without removing) and exits.
 */
public final class ChannelSender {
    private ChannelSender() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI COUNT SIZE [TAG]}
     */
    public static void main(String[] args) {
        Peers.start();
        int count = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        try (MessageChannel ch = Ipc.channel(args[0])) {
            long tag = args.length > 3 ? Long.parseLong(args[3]) : ch.capabilities().defaultTag();
            Peers.say("READY");
            ByteBuffer b = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < count; i++) {
                Peers.fill(b, i, size);
                ch.send(b, tag);
            }
            Peers.say("SENT " + count);
        }
    }
}
