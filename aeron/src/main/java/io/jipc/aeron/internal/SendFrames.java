package io.jipc.aeron.internal;

import io.aeron.ReservedValueSupplier;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * What a publication offers for one message: a view of the caller's buffer (a copy into a staging
 * buffer when it is a read-only heap buffer) and the tag, put into each frame's reserved value.
 * Allocates nothing per message. Not thread-safe: the channel calls it under its send lock.
 */
public final class SendFrames {
    private final int maxMessage;
    private final UnsafeBuffer sendView = new UnsafeBuffer(new byte[0]);
    private final TagSupplier tagSupplier = new TagSupplier();
    private UnsafeBuffer staging;

    /**
     * Frames for messages up to {@code maxMessage} bytes.
     *
     * @param maxMessage the publication's maximum message length
     */
    public SendFrames(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /**
     * {@return {@code len} bytes of {@code msg} from its position, as Aeron takes them}
     *
     * @param msg the message
     * @param len its length
     */
    public DirectBuffer view(ByteBuffer msg, int len) {
        if (msg.isDirect() || msg.hasArray()) {
            sendView.wrap(msg, msg.position(), len);
            return sendView;
        }
        if (staging == null) {
            staging = new UnsafeBuffer(ByteBuffer.allocateDirect(maxMessage));
        }
        staging.putBytes(0, msg, msg.position(), len);
        return staging;
    }

    /**
     * {@return the supplier that puts {@code tag} into each frame of the next offer}
     *
     * @param tag the message's tag
     */
    public ReservedValueSupplier tagged(long tag) {
        tagSupplier.tag = tag;
        return tagSupplier;
    }

    /** Puts the tag of the message being sent into each frame's reserved value. */
    private static final class TagSupplier implements ReservedValueSupplier {
        long tag;

        @Override
        public long get(DirectBuffer termBuffer, int termOffset, int frameLength) {
            return tag;
        }
    }
}
