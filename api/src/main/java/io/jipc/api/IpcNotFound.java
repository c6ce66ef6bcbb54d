package io.jipc.api;

/** The object does not exist (`ENOENT`), e.g. `open=open` on a missing queue or a missing `ftok` path. */
public class IpcNotFound extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcNotFound(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcNotFound(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
