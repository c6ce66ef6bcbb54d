package io.jipc.testkit.peers;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;

import java.nio.ByteBuffer;

/**
 * Child JVM: {@code ChannelEcho URI COUNT MAXSIZE [REPLY_URI]} receives COUNT messages and sends
 * each back (on REPLY_URI when given, else on the same channel) with its tag + 1 when the channel
 * is tagged, so a shared SysV queue can tell requests from replies.
 */
public final class ChannelEcho {
    private ChannelEcho() {
    }

    /**
     * Runs the peer, as the class comment describes.
     *
     * @param args {@code URI COUNT MAXSIZE [REPLY_URI]}
     */
    public static void main(String[] args) {
        Peers.start();
        int count = Integer.parseInt(args[1]);
        int max = Integer.parseInt(args[2]);
        try (MessageChannel in = Ipc.channel(args[0]);
             MessageChannel out = args.length > 3 ? Ipc.channel(args[3]) : null) {
            MessageChannel reply = out == null ? in : out;
            boolean sysv = in.capabilities().tagging() == io.jipc.api.Capabilities.Tagging.SYSV_TYPE;
            Select requests = sysv && out == null ? Select.tag(1) : Select.any();
            Peers.say("READY");
            ByteBuffer b = ByteBuffer.allocateDirect(max);
            for (int i = 0; i < count; i++) {
                b.clear();
                long tag = in.receive(b, requests);
                b.flip();
                reply.send(b, sysv && out == null ? 2 : tag);
            }
            Peers.say("ECHOED " + count);
        }
    }
}
