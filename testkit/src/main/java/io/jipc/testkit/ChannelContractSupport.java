package io.jipc.testkit;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;

/**
 * The hooks and helpers of the {@link MessageChannelContract} suite: how a backend opens a channel
 * and a pair of ends, its receive-room and in-flight needs, and the test messages.
 */
public abstract class ChannelContractSupport extends ContractSupport {
    /** Two ends: what {@code sender} sends, {@code receiver} receives. */
    public record Pair(MessageChannel sender, MessageChannel receiver) {
    }

    /**
     * Opens a channel; a backend outside the registry overrides it.
     *
     * @param uri the URI to open, from {@link #freshUri()} or {@link #peerUri}
     * @return the open channel (default {@link Ipc#channel(String)})
     */
    protected MessageChannel openChannel(String uri) {
        return Ipc.channel(uri);
    }

    /**
     * A new channel and a second end on the same object in this JVM (default: a handle on
     * {@link #freshUri()} and one on its {@link #peerUri}). Both are tracked for cleanup.
     *
     * @return the two ends
     */
    protected Pair openPair() {
        MessageChannel a = track(openChannel(freshUri()), true);
        MessageChannel b = track(openChannel(peerUri(a)), false);
        return new Pair(a, b);
    }

    /**
     * How long a message accepted by {@code trySend} may take to become receivable, in ms: 0 (the
     * default) for mechanisms where an accepted message is in the queue at once; a network
     * transport ({@code aeron:udp}) keeps part of what it accepted in the sender's buffer until the
     * receiver's window opens again, so its "full" test drains with timed receives of this length.
     *
     * @return the delay in milliseconds
     */
    protected long inFlightMillis() {
        return 0;
    }

    /** {@return whether the backend honours {@code open=create|open} by name (default: when reachable by name)} */
    protected boolean supportsOpenModes() {
        return reachableByName();
    }

    /**
     * The least {@code dst.remaining()} a receive on {@code ch} accepts whatever the message's
     * length (default 0; a POSIX queue needs its {@code mq_msgsize}).
     *
     * @param ch an open channel of this backend
     * @return the room in bytes
     */
    protected int minimumReceiveRoom(MessageChannel ch) {
        return 0;
    }

    /**
     * A direct receive buffer that a channel accepts.
     *
     * @param ch the channel to receive from
     * @param size the least room the test needs, in bytes
     * @return a buffer of {@code size} bytes, or of {@link #minimumReceiveRoom} if that is more
     */
    protected final ByteBuffer receiveBuffer(MessageChannel ch, int size) {
        return ByteBuffer.allocateDirect(Math.max(size, minimumReceiveRoom(ch)));
    }

    /**
     * A test message: {@code size} bytes derived from {@code seed}.
     *
     * @param size the message length
     * @param seed what its bytes derive from
     * @return a direct buffer, position 0, limit {@code size}
     */
    protected static ByteBuffer message(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (seed + i * 3));
        }
        return b;
    }

    /**
     * A copy of {@code b[from, to)}.
     *
     * @param b the buffer
     * @param from the first index
     * @param to the index after the last
     * @return the bytes
     */
    protected static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = b.get(i);
        }
        return out;
    }

    /**
     * The default tag of {@code ch}.
     *
     * @param ch an open channel
     * @return its capabilities' default tag
     */
    protected long tag(MessageChannel ch) {
        return ch.capabilities().defaultTag();
    }
}
