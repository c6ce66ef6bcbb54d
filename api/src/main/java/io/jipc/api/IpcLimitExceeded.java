package io.jipc.api;

/** A system limit is in the way (`ENOSPC`, `EMFILE`, `ENOMEM`, a queue count, `RLIMIT_MSGQUEUE`); the message names the limit and how to raise it. */
public class IpcLimitExceeded extends IpcException {
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
    public IpcLimitExceeded(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /**
     * An error found by jipc itself, with no errno.
     *
     * @param operation the operation that failed, e.g. {@code "open"} or {@code "lock"}
     * @param uri the object, as its URI (may be {@code null} when no object is involved)
     * @param detail what went wrong, in words
     */
    public IpcLimitExceeded(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
