package io.jipc.aeron.internal;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

/** Copies one whole message into the receiver's buffer, or refuses it (ABORT) when it does not fit. */
public final class FragmentDelivery implements ControlledFragmentHandler {
    /** No whole message yet. */
    public static final int WAITING = 0;
    /** A message was copied into the buffer. */
    public static final int DELIVERED = 1;
    /** The next message does not fit the buffer: it stays in the stream. */
    public static final int TOO_LARGE = 2;

    private ByteBuffer dst;
    private int state;
    private long tag;
    private int size;

    /**
     * Starts one receive into {@code dst}.
     *
     * @param dst the caller's buffer
     */
    public void begin(ByteBuffer dst) {
        this.dst = dst;
        state = WAITING;
    }

    /** Ends the receive: the caller's buffer is no longer referenced. */
    public void end() {
        dst = null;
    }

    /** {@return {@link #WAITING}, {@link #DELIVERED} or {@link #TOO_LARGE}} */
    public int state() {
        return state;
    }

    /** {@return the tag of the delivered message} */
    public long tag() {
        return tag;
    }

    /** {@return the size of the message that did not fit} */
    public int size() {
        return size;
    }

    @Override
    public Action onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        if (state != WAITING) {
            return Action.ABORT;
        }
        if (length > dst.remaining()) {
            size = length;
            state = TOO_LARGE;
            return Action.ABORT;
        }
        int pos = dst.position();
        buffer.getBytes(offset, dst, pos, length);
        dst.position(pos + length);
        tag = header.reservedValue();
        state = DELIVERED;
        return Action.BREAK;
    }
}
