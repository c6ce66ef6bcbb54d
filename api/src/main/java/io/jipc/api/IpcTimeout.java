package io.jipc.api;

/** A timed operation that must produce a result (rather than return false) ran out of time. */
public class IpcTimeout extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcTimeout(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcTimeout(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
