package io.jipc.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.jipc.aeron.internal.AeronUri;
import io.jipc.aeron.internal.Backoff;
import io.jipc.aeron.internal.DriverConnection;
import io.jipc.aeron.internal.SendFrames;
import io.jipc.aeron.internal.StreamPositions;
import io.jipc.aeron.internal.StreamReceiver;
import io.jipc.aeron.internal.StreamRegistration;
import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.spi.AbstractMessageChannel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link io.jipc.api.MessageChannel} over one Aeron stream ({@code aeron:udp?endpoint=HOST:PORT}
 * or {@code aeron:ipc}, see {@link AeronUri} for the options).
 *
 * <p><b>Publishing and subscribing.</b> Each handle publishes through its own exclusive
 * publication, created at open. It joins the stream as a <em>subscriber</em> on its first
 * receive ({@code receive}, {@code tryReceive} or the timed form) or on {@link #subscribe()}:
 * from then on it gets every message sent on the stream (its own included). Over UDP the
 * subscriber binds the endpoint, so one process per host and port receives. Aeron stores nothing
 * for absent receivers: while no subscriber is connected a send is "full" ({@code trySend} returns
 * false, {@code send} waits, the timed send times out), as it is under back pressure from a slow
 * subscriber. Nothing is dropped silently.
 *
 * <p><b>Messages.</b> The tag travels in the frame's reserved value (any {@code 0..Long.MAX_VALUE},
 * delivered in order, {@link Select#any()} only). Messages up to Aeron's maximum
 * ({@code term-length / 8}) are fragmented and reassembled by Aeron. A message larger than the
 * receive buffer raises {@link MessageTooLarge} and stays in the stream for the next receive.
 * Receiving copies the message into the caller's buffer and allocates nothing.
 *
 * <p><b>Waiting.</b> Blocked calls retry with a short back-off (spins, yields, then parks of at most
 * 1 ms), so {@link #close()} from another thread and {@link Thread#interrupt()} are seen within a
 * millisecond ({@link io.jipc.api.IpcClosed}, {@link IpcInterrupted}).
 *
 * <p><b>Close.</b> Closing a UDP handle that has sent messages first waits (at most 5 s, and only
 * while a subscriber is connected) until its driver has put them all on the network, so that a
 * process that sends and exits loses nothing. The last handle on an embedded driver stops it and
 * deletes its directory. {@link #remove()} has nothing to remove.
 */
public final class AeronMessageChannel extends AbstractMessageChannel {
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /** {@link #trySend}: how long the positions must stand still before a back-pressured stream counts as full. */
    static final int SETTLE_QUIET_MS = 20;
    /** {@link #trySend}: the longest it retries a back-pressured stream. */
    static final int SETTLE_MAX_MS = 250;

    private final AeronUri spec;
    private final DriverConnection conn;
    private final Capabilities caps;
    private final ExclusivePublication publication;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final SendFrames frames;
    private final StreamReceiver receiver;
    private final StreamPositions positions;
    private boolean sentAny;

    private AeronMessageChannel(IpcUri uri, AeronUri spec, DriverConnection conn, ExclusivePublication publication) {
        super(uri);
        this.spec = spec;
        this.conn = conn;
        this.publication = publication;
        this.positions = new StreamPositions(conn, publication, spec.stream());
        this.receiver = new StreamReceiver(conn, spec, uri.toString());
        this.caps = AeronBackend.channelCapabilities().toBuilder()
                .maxMessageSize(publication.maxMessageLength())
                .build();
        this.frames = new SendFrames((int) caps.maxMessageSize());
    }

    /**
     * Opens {@code uri}: checks it, starts or joins the media driver and adds the publication.
     *
     * @param uri the parsed {@code aeron:} URI
     * @return the open channel, which the caller closes
     * @throws io.jipc.api.IpcUriException for a URI that does not parse (bad endpoint, unknown option)
     * @throws IpcNotFound for an unknown host or an external driver that is not running
     */
    public static AeronMessageChannel open(IpcUri uri) {
        AeronUri spec = AeronUri.parse(uri);
        if (spec.udp()) {
            try {
                InetAddress.getByName(spec.host());
            } catch (UnknownHostException e) {
                throw new IpcNotFound("open channel", uri.toString(), "unknown host '" + spec.host() + "' in the endpoint");
            }
        }
        DriverConnection conn = DriverConnection.acquire(spec, "open channel");
        boolean ok = false;
        try {
            ExclusivePublication pub = StreamRegistration.publication(conn, spec, uri.toString(), "open channel");
            AeronMessageChannel ch = new AeronMessageChannel(uri, spec, conn, pub);
            ok = true;
            return ch;
        } finally {
            if (!ok) {
                conn.release();
            }
        }
    }

    /** {@return the Aeron channel string this handle uses} */
    public String aeronChannel() {
        return spec.channel();
    }

    /** {@return the Aeron stream id} */
    public int streamId() {
        return spec.stream();
    }

    /** {@return the media driver's directory ({@code /dev/shm/aeron-jipc-PID-N} when embedded)} */
    public String driverDirectory() {
        return conn.dir().toString();
    }

    /**
     * Joins the stream as a subscriber now (a receive does it on first use). Over UDP this binds
     * the endpoint.
     *
     * @throws IpcException when Aeron refuses, e.g. the endpoint's port is in use by another process
     */
    public void subscribe() {
        receiveLock.lock();
        try {
            ensureOpen("subscribe");
            receiver.subscribe("subscribe");
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * Waits until at least one subscriber is connected to this handle's publication.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return {@code false} when none came within the timeout
     */
    public boolean awaitSubscriber(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + timeoutNanos("awaitSubscriber", timeout, unit);
        for (int attempt = 0; ; attempt++) {
            ensureOpen("awaitSubscriber");
            checkFailure("awaitSubscriber");
            if (publication.isConnected()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            idle("awaitSubscriber", attempt);
        }
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    @Override
    public void send(ByteBuffer msg, long tag) {
        int len = checkSend("send", msg, tag);
        for (int attempt = 0; ; attempt++) {
            if (attemptSend("send", msg, len, tag)) {
                return;
            }
            idle("send", attempt);
        }
    }

    /**
     * Sends if there is room. Aeron's limits move asynchronously (the driver updates them as
     * subscribers consume and status messages arrive), so a refused offer on a connected stream is
     * retried while the driver is still making progress: this returns {@code false} only when no
     * subscriber is connected, or when the stream stayed back pressured with no movement of its
     * positions for {@value #SETTLE_QUIET_MS} ms (at most {@value #SETTLE_MAX_MS} ms in all).
     */
    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        int len = checkSend("trySend", msg, tag);
        if (attemptSend("trySend", msg, len, tag)) {
            return true;
        }
        long start = System.nanoTime();
        long quietSince = start;
        long signature = positions.progressSignature();
        for (int attempt = 0; publication.isConnected(); attempt++) {
            idle("trySend", attempt);
            if (attemptSend("trySend", msg, len, tag)) {
                return true;
            }
            long now = System.nanoTime();
            long sig = positions.progressSignature();
            if (sig != signature) {
                signature = sig;
                quietSince = now;
            } else if (now - quietSince > TimeUnit.MILLISECONDS.toNanos(SETTLE_QUIET_MS)) {
                return false;
            }
            if (now - start > TimeUnit.MILLISECONDS.toNanos(SETTLE_MAX_MS)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("send", timeout, unit);
        int len = checkSend("send", msg, tag);
        long deadline = System.nanoTime() + nanos;
        for (int attempt = 0; ; attempt++) {
            if (attemptSend("send", msg, len, tag)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            idle("send", attempt);
        }
    }

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        checkReceive("receive", dst, sel);
        for (int attempt = 0; ; attempt++) {
            long tag = attemptReceive("receive", dst);
            if (tag != NO_MESSAGE) {
                return tag;
            }
            idle("receive", attempt);
        }
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        checkReceive("tryReceive", dst, sel);
        return attemptReceive("tryReceive", dst);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("receive", timeout, unit);
        checkReceive("receive", dst, sel);
        long deadline = System.nanoTime() + nanos;
        for (int attempt = 0; ; attempt++) {
            long tag = attemptReceive("receive", dst);
            if (tag != NO_MESSAGE) {
                return tag;
            }
            if (System.nanoTime() - deadline >= 0) {
                return NO_MESSAGE;
            }
            idle("receive", attempt);
        }
    }

    /** Nothing is counted by Aeron per stream that a handle could read cheaply: all values unknown. */
    @Override
    public ChannelStats stats() {
        ensureOpen("stats");
        long u = Capabilities.UNKNOWN;
        return new ChannelStats(u, u, u, u, u, u, u, u);
    }

    /** There is no object to remove: an Aeron stream exists while it has publishers or subscribers. */
    @Override
    public void remove() {
    }

    private int checkSend(String op, ByteBuffer msg, long tag) {
        checkTag(op, caps, tag);
        int len = msg.remaining();
        if (len > caps.maxMessageSize()) {
            throw new MessageTooLarge(op, uri().toString(), len, caps.maxMessageSize(),
                    "Aeron's maximum message length (term-length " + spec.termLength() + " / 8)");
        }
        return len;
    }

    private void checkReceive(String op, ByteBuffer dst, Select sel) {
        checkSelect(op, caps, sel);
        checkDestination(op, dst);
    }

    private boolean attemptSend(String op, ByteBuffer msg, int len, long tag) {
        sendLock.lock();
        try {
            ensureOpen(op);
            long result = publication.offer(frames.view(msg, len), 0, len, frames.tagged(tag));
            if (result > 0) {
                msg.position(msg.limit());
                sentAny = true;
                return true;
            }
            if (result == Publication.CLOSED) {
                checkFailure(op);
                throw new IpcRemoved(op, uri().toString(), "the Aeron publication was closed");
            }
            if (result == Publication.MAX_POSITION_EXCEEDED) {
                throw new IpcLimitExceeded(op, uri().toString(), "the publication reached its maximum position "
                        + "(2^31 terms of term-length " + spec.termLength() + "): open a new handle");
            }
            checkFailure(op);
            return false;
        } finally {
            sendLock.unlock();
        }
    }

    private long attemptReceive(String op, ByteBuffer dst) {
        receiveLock.lock();
        try {
            ensureOpen(op);
            return receiver.poll(op, dst);
        } finally {
            receiveLock.unlock();
        }
    }

    private void idle(String op, int attempt) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IpcInterrupted(op, uri().toString(), "interrupted while waiting");
        }
        Backoff.idle(attempt);
    }

    private void checkFailure(String op) {
        conn.checkAlive(op, uri().toString());
    }

    @Override
    protected void closeOnce() {
        // asynchronous removal: Aeron's blocking close would terminate the shared client if this thread is interrupted
        sendLock.lock();
        try {
            if (spec.udp() && sentAny) {
                positions.awaitSent(DRAIN_TIMEOUT_NS);
            }
            quietly(() -> conn.aeron().asyncRemovePublication(publication.registrationId()));
        } finally {
            sendLock.unlock();
        }
        receiveLock.lock();
        try {
            receiver.close();
        } finally {
            receiveLock.unlock();
        }
        conn.release();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the client may already be closed because its driver went away
        }
    }
}
