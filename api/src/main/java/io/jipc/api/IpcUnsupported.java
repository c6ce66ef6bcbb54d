package io.jipc.api;

/** The backend cannot do what was asked: a primitive the scheme does not offer, a selection a queue cannot make, a tag where there is no tagging. */
public class IpcUnsupported extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * An error reported by a system call.
     *
     * @param operation the operation that failed, e.g. {@code "msgsnd"} or {@code "open"}
     * @param uri the object, as its URI (may be {@code null} when no object is involved)
     * @param errno the C {@code errno} the kernel returned
     * @param errnoName the symbolic name of {@code errno} ({@code "ENOENT"}), or {@code null}
     * @param detail what went wrong, in words
     */
    public IpcUnsupported(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /**
     * An error found by jipc itself, with no errno.
     *
     * @param operation the operation that failed, e.g. {@code "open"} or {@code "lock"}
     * @param uri the object, as its URI (may be {@code null} when no object is involved)
     * @param detail what went wrong, in words
     */
    public IpcUnsupported(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
