package io.jipc.api;

/** The object was removed while in use: a SysV identifier after `IPC_RMID` (`EIDRM`), or a channel whose peer is gone (end of stream). */
public class IpcRemoved extends IpcException {
    private static final long serialVersionUID = 1L;

    /** See {@link IpcException#IpcException(String, String, int, String, String)}. */
    public IpcRemoved(String operation, String uri, int errno, String errnoName, String detail) {
        super(operation, uri, errno, errnoName, detail);
    }

    /** An error found by jipc itself, with no errno. */
    public IpcRemoved(String operation, String uri, String detail) {
        super(operation, uri, NO_ERRNO, null, detail);
    }
}
