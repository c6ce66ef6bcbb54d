package io.jipc.api;

/**
 * A channel backed by file descriptors that {@code poll}/{@code epoll} can wait on (POSIX queues
 * on Linux, pipes, FIFOs, sockets). SysV queues are not descriptors and do not implement this
 * (claim C10). {@link Capabilities#pollable()} says the same.
 */
public interface Pollable {
    /** {@return the descriptor that becomes readable when a message can be received} */
    int receiveDescriptor();

    /** {@return the descriptor that becomes writable when a message can be sent} */
    int sendDescriptor();
}
