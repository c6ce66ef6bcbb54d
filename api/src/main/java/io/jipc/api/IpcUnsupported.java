package io.jipc.api;

/** The backend cannot do what was asked: a primitive the scheme does not offer, a selection a queue cannot make, a tag where there is no tagging. */
public class IpcUnsupported extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcUnsupported(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcUnsupported(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
