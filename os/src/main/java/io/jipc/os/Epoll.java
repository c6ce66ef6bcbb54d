package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/epoll.h>}: wait on many descriptors at once. {@code struct epoll_event} is laid out
 * by {@link io.jipc.os.layout.EpollEventLayout} (packed, 12 bytes, on x86-64).
 */
public interface Epoll {
    int EPOLL_CLOEXEC = 02000000;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLL_CTL_MOD = 3;
    int EPOLLIN = 0x001;
    int EPOLLPRI = 0x002;
    int EPOLLOUT = 0x004;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    int EPOLLRDHUP = 0x2000;

    /** The bindings, loaded once. */
    Epoll LIB = Native.load(Epoll.class);

    @SaveError
    int epoll_create1(int flags);

    /** {@code event} is the address of a {@code struct epoll_event} (may be 0 for DEL). */
    @SaveError
    int epoll_ctl(int epfd, int op, int fd, long event);

    /** {@code events} is the address of {@code maxevents} {@code struct epoll_event}s. */
    @SaveError
    int epoll_wait(int epfd, long events, int maxevents, int timeoutMillis);
}
