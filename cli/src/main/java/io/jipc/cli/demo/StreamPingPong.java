package io.jipc.cli.demo;

import io.jipc.api.Ipc;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.cli.Failure;
import io.jipc.os.ChildSupport;

import static io.jipc.cli.demo.Participants.receive;
import static io.jipc.cli.demo.Participants.run;
import static io.jipc.cli.demo.Participants.say;
import static io.jipc.cli.demo.Participants.text;

/**
 * Seed 002's ping-pong on a channel that cannot select by type and that delivers every message to
 * every subscriber ({@code aeron:}): requests go on the URI given, replies on a second stream
 * derived from it ({@link #replyUri(String)}); the tags 1 and 2 still travel with the messages.
 * Participant JVM: args REQUESTS_URI REPLIES_URI ROLE ({@code ping} or {@code pong}) ROUNDS.
 */
public final class StreamPingPong {
    private StreamPingPong() {
    }

    /**
     * The reply stream for {@code uri}: the next UDP port ({@code aeron:udp?endpoint=host:40123} →
     * {@code host:40124}), or the next stream id for {@code aeron:ipc} (which needs a driver both
     * participants share: {@code driver=external}).
     */
    public static String replyUri(String uri) {
        IpcUri u = IpcUri.parse(uri);
        if (u.path().equals("udp")) {
            String endpoint = u.option("endpoint");
            int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
            if (colon < 0) {
                throw new Failure("demo pingpong needs aeron:udp?endpoint=HOST:PORT (got " + uri + ")");
            }
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return uri.replace("endpoint=" + endpoint, "endpoint=" + endpoint.substring(0, colon + 1) + (port + 1));
        }
        if (!"external".equals(u.option("driver"))) {
            throw new Failure("demo pingpong over aeron:ipc needs a media driver both processes share: add driver=external"
                    + " (and dir= unless it runs in Aeron's default directory); or use aeron:udp?endpoint=localhost:40123");
        }
        int stream = Integer.parseInt(u.option("stream", "1001"));
        return u.has("stream") ? uri.replace("stream=" + u.option("stream"), "stream=" + (stream + 1))
                : uri + "&stream=" + (stream + 1);
    }

    /** The participant. */
    public static void main(String[] args) {
        String requests = args[0];
        String replies = args[1];
        String role = args[2];
        int rounds = Integer.parseInt(args[3]);
        boolean ping = role.equals("ping");
        System.exit(run(role, () -> {
            try (MessageChannel out = Ipc.channel(ping ? requests : replies);
                 MessageChannel in = Ipc.channel(ping ? replies : requests)) {
                say(role + ": sends on " + out.uri() + ", receives on " + in.uri() + " (pid " + ChildSupport.pid() + ")");
                long[] tag = new long[1];
                for (int i = 1; i <= rounds; i++) {
                    if (ping) {
                        out.send(text("ping " + i), 1);
                        say("ping: sent 'ping " + i + "' with tag 1, now waiting for the answer");
                        String got = receive(in, Select.any(), tag);
                        say("ping: received '" + got + "' (tag " + tag[0] + ")");
                    } else {
                        String got = receive(in, Select.any(), tag);
                        say("pong: received '" + got + "' (tag " + tag[0] + "), answering with tag 2");
                        out.send(text("pong " + i), 2);
                    }
                }
                say(role + ": done after " + rounds + " round(s)");
            }
        }));
    }
}
