package io.jipc.aeron.internal;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import io.aeron.status.ChannelEndpointStatus;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;

import java.util.concurrent.TimeUnit;

/**
 * Adds a channel's exclusive publication or its subscription to the media driver, with errors
 * turned into jipc exceptions that name the operation and the URI.
 */
public final class StreamRegistration {
    private StreamRegistration() {
    }

    /**
     * Adds the exclusive publication of {@code spec}'s channel and stream.
     *
     * @param conn the driver connection
     * @param spec the parsed URI
     * @param uri the URI as the user wrote it (for messages)
     * @param op the operation (for messages)
     * @return the active publication
     */
    public static ExclusivePublication publication(DriverConnection conn, AeronUri spec, String uri, String op) {
        return (ExclusivePublication) register(conn, spec, uri, op, true);
    }

    /**
     * Adds a subscription to {@code spec}'s channel and stream (over UDP: binds the endpoint).
     *
     * @param conn the driver connection
     * @param spec the parsed URI
     * @param uri the URI as the user wrote it (for messages)
     * @param op the operation (for messages)
     * @return the active subscription
     */
    public static Subscription subscription(DriverConnection conn, AeronUri spec, String uri, String op) {
        return (Subscription) register(conn, spec, uri, op, false);
    }

    /**
     * Adds a publication or subscription without Aeron's blocking calls (an interrupt during one
     * of those terminates the whole client, which other handles share): asks asynchronously, then
     * polls, with interrupts and the driver timeout honoured, until the driver has answered and
     * the channel's endpoint is active.
     */
    private static AutoCloseable register(DriverConnection conn, AeronUri spec, String uri, String op, boolean publication) {
        io.aeron.Aeron aeron = conn.aeron();
        String what = publication ? "publication" : "subscription";
        long id;
        try {
            id = publication ? aeron.asyncAddExclusivePublication(spec.channel(), spec.stream())
                    : aeron.asyncAddSubscription(spec.channel(), spec.stream());
        } catch (RuntimeException e) {
            throw refused(uri, op, spec, what, e);
        }
        boolean done = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.driverTimeoutMs());
        try {
            for (int attempt = 0; ; attempt++) {
                Throwable failure = conn.failure();
                if (failure != null) {
                    throw new IpcRemoved(op, uri, "the Aeron media driver in " + conn.dir() + " is gone: " + failure.getMessage());
                }
                Object resource = publication ? aeron.getExclusivePublication(id) : aeron.getSubscription(id);
                if (resource != null) {
                    long status = publication ? ((Publication) resource).channelStatus() : ((Subscription) resource).channelStatus();
                    int statusId = publication ? ((Publication) resource).channelStatusId() : ((Subscription) resource).channelStatusId();
                    if (status == ChannelEndpointStatus.ACTIVE) {
                        done = true;
                        return (AutoCloseable) resource;
                    }
                    if (status == ChannelEndpointStatus.ERRORED) {
                        throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "Aeron refused the " + what + " on "
                                + spec.channel() + " stream " + spec.stream() + portHint(spec, what)
                                + ": " + conn.channelError(statusId));
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IpcInterrupted(op, uri, "interrupted while the media driver adds the " + what);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new IpcException(op, uri, IpcException.NO_ERRNO, null, "the Aeron media driver in " + conn.dir()
                            + " did not add the " + what + " within driver-timeout=" + spec.driverTimeoutMs() + " ms");
                }
                Backoff.idle(attempt);
            }
        } catch (AeronException e) {
            throw refused(uri, op, spec, what, e);
        } finally {
            if (!done) {
                try {
                    if (publication) {
                        aeron.asyncRemovePublication(id);
                    } else {
                        aeron.asyncRemoveSubscription(id);
                    }
                } catch (RuntimeException e) {
                    // the client is closed: nothing to remove
                }
            }
        }
    }

    private static IpcException refused(String uri, String op, AeronUri spec, String what, RuntimeException e) {
        return new IpcException(op, uri, IpcException.NO_ERRNO, null, "Aeron refused the " + what + " on " + spec.channel()
                + " stream " + spec.stream() + portHint(spec, what) + ": " + e.getMessage(), e);
    }

    private static String portHint(AeronUri spec, String what) {
        return spec.udp() && what.equals("subscription")
                ? " (is port " + spec.port() + " of " + spec.host() + " in use by another process?)" : "";
    }
}
