package io.jipc.api;

/** A system limit is in the way (`ENOSPC`, `EMFILE`, `ENOMEM`, a queue count, `RLIMIT_MSGQUEUE`); the message names the limit and how to raise it. */
public class IpcLimitExceeded extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcLimitExceeded(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcLimitExceeded(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
