package io.jipc.spi;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;

/**
 * Base of channel backends: argument checks shared by every channel (tag range, supported
 * selections), done before any system call, allocation-free when the arguments are valid.
 */
public abstract class AbstractMessageChannel extends AbstractHandle implements MessageChannel {
    /**
     * A channel, open.
     *
     * @param uri the URI the channel was opened with
     */
    protected AbstractMessageChannel(IpcUri uri) {
        super(uri);
    }

    /**
     * Fails unless {@code tag} is valid for a channel with capabilities {@code caps}: the default
     * tag when there is no tagging, {@code 1..maxTag} for SysV types, {@code 0..maxTag} for
     * priorities and carried tags.
     *
     * @param op the public operation being checked ({@code "send"}, {@code "receive"}), for the message
     * @param caps the channel's capabilities (tagging and tag range)
     * @param tag the tag the caller gave
     */
    protected final void checkTag(String op, Capabilities caps, long tag) {
        switch (caps.tagging()) {
            case NONE:
                if (tag != caps.defaultTag()) {
                    throw new IpcUnsupported(op, uri().toString(), "tag " + tag + " given, but " + caps.scheme()
                            + " channels carry no tag (only the default " + caps.defaultTag() + ")");
                }
                return;
            case SYSV_TYPE:
                if (tag <= 0 || (caps.maxTag() != Capabilities.UNKNOWN && tag > caps.maxTag())) {
                    throw new IllegalArgumentException(op + " on " + uri() + ": tag " + tag
                            + " is not a valid SysV message type (1.." + caps.maxTag() + ")");
                }
                return;
            default:
                if (tag < 0 || (caps.maxTag() != Capabilities.UNKNOWN && tag > caps.maxTag())) {
                    throw new IllegalArgumentException(op + " on " + uri() + ": tag " + tag + " is outside 0.."
                            + caps.maxTag() + (caps.tagging() == Capabilities.Tagging.PRIORITY ? " (MQ_PRIO_MAX - 1)" : ""));
                }
        }
    }

    /**
     * Fails unless {@code dst} can take a received message: not {@code null}, not read-only.
     * Every channel calls it before any system call, so the caller gets one clear
     * {@link IllegalArgumentException} naming the operation and the channel instead of a bare
     * {@link java.nio.ReadOnlyBufferException} from deep inside the backend.
     *
     * @param op the public operation being checked ({@code "send"}, {@code "receive"}), for the message
     * @param dst the buffer the caller gave for the message
     */
    protected final void checkDestination(String op, java.nio.ByteBuffer dst) {
        if (dst == null) {
            throw new NullPointerException(op + " on " + uri() + ": the destination buffer is null");
        }
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException(op + " on " + uri() + ": the destination buffer is read-only"
                    + " (a receive writes the message into it); pass a writable buffer");
        }
    }

    /**
     * Fails unless {@code sel} can be honoured by a channel with capabilities {@code caps}.
     *
     * @param op the public operation being checked ({@code "send"}, {@code "receive"}), for the message
     * @param caps the channel's capabilities
     * @param sel the selection the caller gave
     */
    protected final void checkSelect(String op, Capabilities caps, Select sel) {
        if (sel == null) {
            throw new NullPointerException(op + " on " + uri() + ": select is null (use Select.any())");
        }
        if (!caps.supports(sel)) {
            throw new IpcUnsupported(op, uri().toString(), "selection " + sel + " is not possible on " + caps.scheme()
                    + " channels (tagging " + caps.tagging().name().toLowerCase(java.util.Locale.ROOT)
                    + "): only Select.any(); the sysv scheme selects by type");
        }
    }
}
