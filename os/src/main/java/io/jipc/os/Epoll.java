package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/epoll.h>}: wait on many descriptors at once. {@code struct epoll_event} is laid out
 * by {@link io.jipc.os.layout.EpollEventLayout} (packed, 12 bytes, on x86-64).
 */
public interface Epoll {
    /** {@code EPOLL_CLOEXEC}: {@code epoll_create1}: close on {@code exec}. */
    int EPOLL_CLOEXEC = 02000000;
    /** {@code EPOLL_CTL_ADD}: register a descriptor. */
    int EPOLL_CTL_ADD = 1;
    /** {@code EPOLL_CTL_DEL}: unregister a descriptor. */
    int EPOLL_CTL_DEL = 2;
    /** {@code EPOLL_CTL_MOD}: change a registration. */
    int EPOLL_CTL_MOD = 3;
    /** {@code EPOLLIN}: readable. */
    int EPOLLIN = 0x001;
    /** {@code EPOLLPRI}: urgent data. */
    int EPOLLPRI = 0x002;
    /** {@code EPOLLOUT}: writable. */
    int EPOLLOUT = 0x004;
    /** {@code EPOLLERR}: error condition (always reported). */
    int EPOLLERR = 0x008;
    /** {@code EPOLLHUP}: hang-up (always reported). */
    int EPOLLHUP = 0x010;
    /** {@code EPOLLRDHUP}: the peer shut down its writing half. */
    int EPOLLRDHUP = 0x2000;

    /** The bindings, loaded once. */
    Epoll LIB = Native.load(Epoll.class);

    /**
     * {@code epoll_create1}: creates an epoll instance.
     *
     * @param flags the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int epoll_create1(int flags);

    /**
     * {@code event} is the address of a {@code struct epoll_event} (may be 0 for DEL).
     *
     * @param epfd the epoll descriptor
     * @param op the operation
     * @param fd the descriptor
     * @param event the address of a {@code struct epoll_event}
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int epoll_ctl(int epfd, int op, int fd, long event);

    /**
     * {@code events} is the address of {@code maxevents} {@code struct epoll_event}s.
     *
     * @param epfd the epoll descriptor
     * @param events the address of the event array
     * @param maxevents its capacity
     * @param timeoutMillis the timeout in milliseconds (-1: forever, 0: do not wait)
     * @return the number of ready descriptors, 0 on timeout, or -1 with errno saved
     */
    @SaveError
    int epoll_wait(int epfd, long events, int maxevents, int timeoutMillis);
}
