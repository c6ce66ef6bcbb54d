package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/** {@code <sys/eventfd.h>}: a counter descriptor, used to wake a thread blocked in {@code epoll_wait}. */
public interface Eventfd {
    /** {@code EFD_NONBLOCK}: {@code eventfd}: non-blocking. */
    int EFD_NONBLOCK = 04000;
    /** {@code EFD_CLOEXEC}: {@code eventfd}: close on {@code exec}. */
    int EFD_CLOEXEC = 02000000;

    /** The bindings, loaded once. */
    Eventfd LIB = Native.load(Eventfd.class);

    /**
     * {@code eventfd}: creates an event counter descriptor.
     *
     * @param initval the initial counter value
     * @param flags the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int eventfd(int initval, int flags);

    /**
     * Reads (and resets) the counter into the 8 bytes at {@code valueOut}.
     *
     * @param fd the descriptor
     * @param valueOut the native address that receives the value
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int eventfd_read(int fd, long valueOut);

    /**
     * {@code eventfd_write}: adds to the counter.
     *
     * @param fd the descriptor
     * @param value the value
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int eventfd_write(int fd, long value);
}
