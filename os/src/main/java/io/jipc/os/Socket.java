package io.jipc.os;

import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <sys/socket.h>} for Unix-domain sockets. Addresses and option values are native memory
 * passed as {@code long} addresses ({@link io.jipc.os.layout.SockaddrUnLayout},
 * {@link io.jipc.os.layout.UcredLayout}). Create every socket with {@link #SOCK_CLOEXEC}.
 */
public interface Socket {
    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    int SOCK_SEQPACKET = 5;
    int SOCK_NONBLOCK = 04000;
    int SOCK_CLOEXEC = 02000000;
    int SOL_SOCKET = 1;
    int SO_TYPE = 3;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_PEERCRED = 17;
    int SHUT_RD = 0;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;
    int MSG_PEEK = 0x2;
    int MSG_TRUNC = 0x20;
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;

    /** The bindings, loaded once. */
    Socket LIB = Native.load(Socket.class);

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int socketpair(int domain, int type, int protocol, @Out int[] sv);

    @SaveError
    int bind(int fd, long addr, int addrlen);

    @SaveError
    int listen(int fd, int backlog);

    /** {@code accept4(fd, addr, addrlen, flags)}; {@code addr} and {@code addrlen} may be 0 (NULL). */
    @SaveError
    int accept4(int fd, long addr, long addrlen, int flags);

    @SaveError
    int connect(int fd, long addr, int addrlen);

    /** {@code getsockopt}; {@code optlen} is the address of a {@code socklen_t} (in: size, out: length). */
    @SaveError
    int getsockopt(int fd, int level, int optname, long optval, long optlen);

    @SaveError
    int shutdown(int fd, int how);

    @SaveError
    @ssize_t long send(int fd, long buf, @size_t long len, int flags);

    @SaveError
    @ssize_t long recv(int fd, long buf, @size_t long len, int flags);
}
