package io.jipc.aeron.internal;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;

import java.nio.ByteBuffer;

/**
 * The receiving side of one channel handle: its subscription (added on first use), and the
 * reassembly of fragments into whole messages copied into the caller's buffer. Not thread-safe:
 * the channel calls it under its receive lock.
 */
public final class StreamReceiver {
    private static final int FRAGMENT_LIMIT = 64;

    private final DriverConnection conn;
    private final AeronUri spec;
    private final String uri;
    private final FragmentDelivery delivery = new FragmentDelivery();
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(delivery);
    private Subscription subscription;

    /**
     * A receiver of {@code spec}'s stream, not subscribed yet.
     *
     * @param conn the driver connection
     * @param spec the parsed URI
     * @param uri the URI as the user wrote it (for messages)
     */
    public StreamReceiver(DriverConnection conn, AeronUri spec, String uri) {
        this.conn = conn;
        this.spec = spec;
        this.uri = uri;
    }

    /**
     * Joins the stream as a subscriber, if not yet done.
     *
     * @param op the operation (for messages)
     */
    public void subscribe(String op) {
        subscription(op);
    }

    private Subscription subscription(String op) {
        Subscription s = subscription;
        if (s == null) {
            conn.checkAlive(op, uri);
            s = StreamRegistration.subscription(conn, spec, uri, op);
            subscription = s;
        }
        return s;
    }

    /**
     * Takes the next whole message, if one is there, into {@code dst} (subscribing first if needed).
     *
     * @param op the operation (for messages)
     * @param dst the caller's buffer: the message lands at its position
     * @return the message's tag, or {@link MessageChannel#NO_MESSAGE}
     * @throws MessageTooLarge when the next message does not fit (it stays in the stream)
     */
    public long poll(String op, ByteBuffer dst) {
        Subscription s = subscription(op);
        delivery.begin(dst);
        try {
            int fragments;
            do {
                fragments = s.controlledPoll(assembler, FRAGMENT_LIMIT);
            } while (fragments > 0 && delivery.state() == FragmentDelivery.WAITING);
            switch (delivery.state()) {
                case FragmentDelivery.DELIVERED:
                    return delivery.tag();
                case FragmentDelivery.TOO_LARGE:
                    throw new MessageTooLarge(op, uri, delivery.size(), dst.remaining(), "buffer remaining");
                default:
                    conn.checkAlive(op, uri);
                    return MessageChannel.NO_MESSAGE;
            }
        } finally {
            delivery.end();
        }
    }

    /** Removes the subscription (asynchronously: Aeron's blocking close would end the shared client on an interrupt). */
    public void close() {
        Subscription s = subscription;
        if (s != null) {
            try {
                conn.aeron().asyncRemoveSubscription(s.registrationId());
            } catch (RuntimeException e) {
                // the client may already be closed because its driver went away
            }
            subscription = null;
        }
    }
}
