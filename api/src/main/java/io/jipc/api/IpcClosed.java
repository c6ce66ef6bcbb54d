package io.jipc.api;

/**
 * The handle was closed: an operation was called on a closed handle, or a thread blocked in the
 * handle (in {@code lock}, {@code receive}, {@code send} or their timed forms) was woken because
 * another thread closed it. The object itself is untouched; another handle can still use it.
 */
public class IpcClosed extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * @param operation the operation that found the handle closed
     * @param uri the handle's URI
     */
    public IpcClosed(String operation, String uri) {
        super(operation, uri, NO_ERRNO, null, "the handle is closed");
    }
}
