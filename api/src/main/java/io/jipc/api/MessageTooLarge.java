package io.jipc.api;

/**
 * A message does not fit: larger than the limit in force on send ({@code msgmax},
 * {@code mq_msgsize}, a ring's record limit...), or larger than the receiver's buffer. On receive
 * the message is not lost: it stays queued, and a call with a large enough buffer gets it.
 */
public class MessageTooLarge extends IpcException {
    private static final long serialVersionUID = 1L;

    /** The message's size in bytes, or -1. */
    private final long size;
    /** The limit that refused it, in bytes. */
    private final long limit;

    /**
     * A message refused by a limit jipc checks itself.
     *
     * @param operation the failing operation ({@code "send"}, {@code "receive"})
     * @param uri the channel
     * @param size the size of the message in bytes, or -1 when the kernel did not tell
     * @param limit the limit that refused it, in bytes
     * @param limitName the name of the limit ({@code "msgmax"}, {@code "buffer remaining"})
     */
    public MessageTooLarge(String operation, String uri, long size, long limit, String limitName) {
        super(operation, uri, NO_ERRNO, null, describe(size, limit, limitName));
        this.size = size;
        this.limit = limit;
    }

    /**
     * A message refused by the kernel ({@code EMSGSIZE}, {@code E2BIG}...).
     *
     * @param operation the failing operation ({@code "send"}, {@code "receive"})
     * @param uri the channel
     * @param errno the C {@code errno} of the refusal
     * @param errnoName the symbolic name of {@code errno}
     * @param size the size of the message in bytes, or -1 when the kernel did not tell
     * @param limit the limit that refused it, in bytes, or -1 when not known
     * @param limitName the name of the limit ({@code "msgmax"}, {@code "mq_msgsize"})
     */
    public MessageTooLarge(String operation, String uri, int errno, String errnoName, long size, long limit,
                           String limitName) {
        super(operation, uri, errno, errnoName, describe(size, limit, limitName));
        this.size = size;
        this.limit = limit;
    }

    private static String describe(long size, long limit, String limitName) {
        return (size >= 0 ? "message of " + size + " bytes" : "message")
                + " exceeds " + limitName + (limit >= 0 ? " = " + limit + " bytes" : "");
    }

    /** {@return the message's size in bytes, or -1 when unknown} */
    public long size() {
        return size;
    }

    /** {@return the limit that refused the message, in bytes} */
    public long limit() {
        return limit;
    }
}
