package io.jipc.api;

/** A blocking call ended because the calling thread was interrupted; the thread's interrupt status is still set. */
public class IpcInterrupted extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcInterrupted(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcInterrupted(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
