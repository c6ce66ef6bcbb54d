package io.jipc.api;

/** The object exists but `open=create` asked for a new one (`EEXIST`). */
public class IpcAlreadyExists extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcAlreadyExists(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcAlreadyExists(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
