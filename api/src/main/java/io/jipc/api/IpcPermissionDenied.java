package io.jipc.api;

/** The object's permission bits or owner refuse this process (`EACCES`, `EPERM`). */
public class IpcPermissionDenied extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcPermissionDenied(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcPermissionDenied(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
