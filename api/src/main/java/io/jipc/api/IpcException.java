package io.jipc.api;

/**
 * Base of every error jipc raises about an IPC object: unchecked, and always naming the
 * operation, the object (its URI) and, when the kernel said no, the {@code errno} number and name.
 *
 * <p>Users catch the subclasses that matter to them ({@link IpcNotFound}, {@link IpcAlreadyExists},
 * {@link IpcPermissionDenied}, {@link IpcRemoved}, {@link IpcLimitExceeded},
 * {@link MessageTooLarge}, {@link IpcTimeout}, {@link IpcUnsupported}, {@link IpcInterrupted}).
 */
public class IpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Errno value used when no system call failed (the error was found by jipc itself). */
    public static final int NO_ERRNO = 0;

    /** The operation that failed. */
    private final String operation;
    /** The URI of the object concerned, or {@code null}. */
    private final String uri;
    /** The C {@code errno}, or {@link #NO_ERRNO}. */
    private final int errno;
    /** The symbolic name of {@code errno}, or {@code null}. */
    private final String errnoName;

    /**
     * An error about one IPC object; the message joins all the parts.
     *
     * @param operation the operation that failed, e.g. {@code "msgsnd"} or {@code "open"}
     * @param uri the object, as its URI (may be {@code null} when no object is involved)
     * @param errno the C {@code errno}, or {@link #NO_ERRNO}
     * @param errnoName the symbolic name of {@code errno} ({@code "EIDRM"}), or {@code null}
     * @param detail what went wrong, in words
     */
    public IpcException(String operation, String uri, int errno, String errnoName, String detail) {
        this(operation, uri, errno, errnoName, detail, null);
    }

    /**
     * As {@link #IpcException(String, String, int, String, String)}, with the exception that caused this one.
     *
     * @param operation the operation that failed, e.g. {@code "msgsnd"} or {@code "open"}
     * @param uri the object, as its URI (may be {@code null} when no object is involved)
     * @param errno the C {@code errno}, or {@link #NO_ERRNO}
     * @param errnoName the symbolic name of {@code errno} ({@code "EIDRM"}), or {@code null}
     * @param detail what went wrong, in words
     * @param cause the underlying exception, or {@code null}
     */
    public IpcException(String operation, String uri, int errno, String errnoName, String detail, Throwable cause) {
        super(format(operation, uri, errno, errnoName, detail), cause);
        this.operation = operation;
        this.uri = uri;
        this.errno = errno;
        this.errnoName = errnoName;
    }

    private static String format(String operation, String uri, int errno, String errnoName, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(operation == null ? "ipc" : operation);
        if (uri != null) {
            sb.append(" on ").append(uri);
        }
        sb.append(" failed");
        if (errno != NO_ERRNO) {
            sb.append(": ").append(errnoName == null ? "errno" : errnoName).append(" (").append(errno).append(')');
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(errno != NO_ERRNO ? " " : ": ").append(detail);
        }
        return sb.toString();
    }

    /** {@return the operation that failed ({@code "msgrcv"}, {@code "sem_open"}, {@code "lock"}...)} */
    public String operation() {
        return operation;
    }

    /** {@return the URI of the object concerned, or {@code null}} */
    public String uri() {
        return uri;
    }

    /** {@return the C {@code errno} of the failing call, or {@link #NO_ERRNO}} */
    public int errno() {
        return errno;
    }

    /** {@return the symbolic name of {@link #errno()}, or {@code null} when there is none} */
    public String errnoName() {
        return errnoName;
    }
}
