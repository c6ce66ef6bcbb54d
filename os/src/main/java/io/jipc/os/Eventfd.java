package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/** {@code <sys/eventfd.h>}: a counter descriptor, used to wake a thread blocked in {@code epoll_wait}. */
public interface Eventfd {
    int EFD_NONBLOCK = 04000;
    int EFD_CLOEXEC = 02000000;

    /** The bindings, loaded once. */
    Eventfd LIB = Native.load(Eventfd.class);

    @SaveError
    int eventfd(int initval, int flags);

    /** Reads (and resets) the counter into the 8 bytes at {@code valueOut}. */
    @SaveError
    int eventfd_read(int fd, long valueOut);

    @SaveError
    int eventfd_write(int fd, long value);
}
