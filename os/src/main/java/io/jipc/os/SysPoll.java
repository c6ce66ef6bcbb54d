package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/poll.h>}: waiting for a descriptor to become readable or writable. The
 * {@code struct pollfd} array is native memory laid out by {@link io.jipc.os.layout.PollfdLayout}.
 */
public interface SysPoll {
    /** {@code POLLIN}: readable. */
    short POLLIN = 0x001;
    /** {@code POLLPRI}: urgent data. */
    short POLLPRI = 0x002;
    /** {@code POLLOUT}: writable. */
    short POLLOUT = 0x004;
    /** {@code POLLERR}: error condition (output only). */
    short POLLERR = 0x008;
    /** {@code POLLHUP}: hang-up (output only). */
    short POLLHUP = 0x010;
    /** {@code POLLNVAL}: the descriptor is not open (output only). */
    short POLLNVAL = 0x020;

    /** The bindings, loaded once. */
    SysPoll LIB = Native.load(SysPoll.class);

    /**
     * {@code poll(fds, nfds, timeoutMillis)}: the number of ready descriptors, 0 on timeout, -1 + errno.
     *
     * @param fds the address of a {@code struct pollfd} array
     * @param nfds its length
     * @param timeoutMillis the timeout in milliseconds (-1: forever, 0: do not wait)
     * @return the number of ready descriptors, 0 on timeout, or -1 with errno saved
     */
    @SaveError
    int poll(long fds, long nfds, int timeoutMillis);
}
