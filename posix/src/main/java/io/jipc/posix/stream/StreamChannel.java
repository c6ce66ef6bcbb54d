package io.jipc.posix.stream;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Pollable;
import io.jipc.api.Primitive;
import io.jipc.api.Select;
import io.jipc.posix.stream.internal.FrameIo;
import io.jipc.spi.AbstractMessageChannel;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Base of the stream channels ({@link PipeChannel}, {@link FifoChannel}, {@link UnixChannel}):
 * messages travel as frames (16-byte header with length and tag, then the payload); a blocking
 * receive waits inside {@code read}/{@code recv} (pipes and sockets), other waits use {@code poll}
 * (timed operations are native poll timeouts).
 * Tags are carried in the frame ({@code 0..Long.MAX_VALUE}), delivered in order; only
 * {@link Select#any()} is accepted.
 */
public abstract class StreamChannel extends AbstractMessageChannel implements Pollable {
    /** Default largest payload of Unix sockets ({@code msgsize=}); pipes use {@link PipeBackend#DEFAULT_MSGSIZE}. */
    public static final int DEFAULT_MSGSIZE = 65536;
    /** Largest {@code msgsize=} accepted. */
    public static final int MAX_MSGSIZE = 64 << 20;

    private final Capabilities caps;

    StreamChannel(IpcUri uri, Capabilities caps) {
        super(uri);
        this.caps = caps;
    }

    /**
     * The framing engine, once connected; {@code null} if not connected within
     * {@code timeoutNanos} (-1 forever, 0 now). Only a listening {@code unix:} handle waits here.
     */
    abstract FrameIo io(long timeoutNanos, String op);

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    @Override
    public void send(ByteBuffer msg, long tag) {
        ensureOpen("send");
        checkTag("send", caps, tag);
        io(-1, "send").send(msg, tag, -1);
    }

    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        ensureOpen("send");
        checkTag("send", caps, tag);
        FrameIo io = io(0, "send");
        return io != null && io.send(msg, tag, 0);
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        ensureOpen("send");
        checkTag("send", caps, tag);
        long t = timeoutNanos("send", timeout, unit);
        long start = System.nanoTime();
        FrameIo io = io(t, "send");
        return io != null && io.send(msg, tag, remaining(t, start));
    }

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        ensureOpen("receive");
        checkSelect("receive", caps, sel);
        checkDestination("receive", dst);
        return io(-1, "receive").receive(dst, -1);
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        ensureOpen("receive");
        checkSelect("receive", caps, sel);
        checkDestination("receive", dst);
        FrameIo io = io(0, "receive");
        return io == null ? MessageChannel.NO_MESSAGE : io.receive(dst, 0);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        ensureOpen("receive");
        checkSelect("receive", caps, sel);
        checkDestination("receive", dst);
        long t = timeoutNanos("receive", timeout, unit);
        long start = System.nanoTime();
        FrameIo io = io(t, "receive");
        return io == null ? MessageChannel.NO_MESSAGE : io.receive(dst, remaining(t, start));
    }

    /**
     * What every stream channel (pipe, FIFO, unix) declares alike: messages up to {@code msgsize},
     * tags carried in order with the frames, timed waits through {@code poll}, pollable
     * descriptors. Each backend adds its persistence, sender identity, crash and notes.
     */
    static Capabilities.Builder streamCapabilities(String scheme, int msgsize) {
        return Capabilities.builder(scheme, Primitive.CHANNEL)
                .maxMessageSize(msgsize)
                .tagging(Capabilities.Tagging.CARRIED, 0, Long.MAX_VALUE)
                .timed(Capabilities.Timed.NATIVE)
                .pollable(true);
    }

    private static long remaining(long t, long start) {
        if (t == 0) {
            return 0;
        }
        long r = t - (System.nanoTime() - start);
        return r <= 0 ? 0 : r;
    }

    /** Only capacities are known: a byte stream does not count messages. */
    @Override
    public ChannelStats stats() {
        ensureOpen("stats");
        return new ChannelStats(Capabilities.UNKNOWN, Capabilities.UNKNOWN,
                caps.capacityMessages(), caps.capacityBytes(), Capabilities.UNKNOWN, Capabilities.UNKNOWN,
                Capabilities.UNKNOWN, Capabilities.UNKNOWN);
    }
}
