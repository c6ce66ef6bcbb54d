package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/poll.h>}: waiting for a descriptor to become readable or writable. The
 * {@code struct pollfd} array is native memory laid out by {@link io.jipc.os.layout.PollfdLayout}.
 */
public interface SysPoll {
    short POLLIN = 0x001;
    short POLLPRI = 0x002;
    short POLLOUT = 0x004;
    short POLLERR = 0x008;
    short POLLHUP = 0x010;
    short POLLNVAL = 0x020;

    /** The bindings, loaded once. */
    SysPoll LIB = Native.load(SysPoll.class);

    /** {@code poll(fds, nfds, timeoutMillis)}: the number of ready descriptors, 0 on timeout, -1 + errno. */
    @SaveError
    int poll(long fds, long nfds, int timeoutMillis);
}
