package io.jipc.aeron.internal;

import io.aeron.ExclusivePublication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The positions of one publication's stream as the driver's counters show them: a signature that
 * moves whenever the driver makes progress (for a {@code trySend} that must tell back pressure
 * from a stalled stream), and the wait until what was published has been sent.
 */
public final class StreamPositions {
    private static final int SENDER_POSITION_TYPE_ID = io.aeron.AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID;

    private final DriverConnection conn;
    private final ExclusivePublication publication;
    private final int streamId;
    private final PositionScan scan = new PositionScan();

    /**
     * Reads the counters of {@code publication} on stream {@code streamId}.
     *
     * @param conn the driver connection
     * @param publication the publication
     * @param streamId its stream id
     */
    public StreamPositions(DriverConnection conn, ExclusivePublication publication, int streamId) {
        this.conn = conn;
        this.publication = publication;
        this.streamId = streamId;
    }

    /**
     * {@return a number that changes whenever the driver moves this stream's positions (limits, sent, consumed)}
     */
    public long progressSignature() {
        long sig = publication.positionLimit();
        try {
            CountersReader counters = conn.aeron().countersReader();
            scan.reader = counters;
            scan.reset(publication.sessionId(), streamId, publication.registrationId());
            counters.forEach(scan);
            return sig * 31 + scan.sum;
        } catch (RuntimeException e) {
            return sig;
        }
    }

    /**
     * Waits until the driver has sent everything published so far, while a subscriber is connected
     * and at most {@code timeoutNanos}.
     *
     * @param timeoutNanos the longest wait
     */
    public void awaitSent(long timeoutNanos) {
        if (conn.failure() != null) {
            return;
        }
        try {
            long target = publication.position();
            CountersReader counters = conn.aeron().countersReader();
            int[] found = {CountersReader.NULL_COUNTER_ID};
            long registrationId = publication.registrationId();
            counters.forEach((counterId, typeId, key, label) -> {
                if (typeId == SENDER_POSITION_TYPE_ID && key.getLong(0) == registrationId) {
                    found[0] = counterId;
                }
            });
            if (found[0] == CountersReader.NULL_COUNTER_ID) {
                return;
            }
            long deadline = System.nanoTime() + timeoutNanos;
            for (int attempt = 0; publication.isConnected() && counters.getCounterValue(found[0]) < target
                    && System.nanoTime() - deadline < 0; attempt++) {
                Backoff.idle(attempt);
            }
        } catch (RuntimeException e) {
            // the client or driver is going away: nothing more can be sent
        }
    }

    /** Sums the values of this stream's sender and subscriber position counters visible in this driver. */
    private static final class PositionScan implements CountersReader.MetaData {
        private CountersReader reader;
        int sessionId;
        int streamId;
        long registrationId;
        long sum;

        void reset(int sessionId, int streamId, long registrationId) {
            this.sessionId = sessionId;
            this.streamId = streamId;
            this.registrationId = registrationId;
            sum = 0;
        }

        @Override
        public void accept(int counterId, int typeId, DirectBuffer key, String label) {
            boolean ours;
            switch (typeId) {
                case io.aeron.AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID:
                case io.aeron.AeronCounters.DRIVER_SENDER_LIMIT_TYPE_ID:
                    ours = key.getLong(0) == registrationId;
                    break;
                case io.aeron.AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID:
                    ours = key.getInt(8) == sessionId && key.getInt(12) == streamId;
                    break;
                default:
                    ours = false;
            }
            if (ours && reader != null) {
                sum = sum * 31 + reader.getCounterValue(counterId);
            }
        }
    }
}
