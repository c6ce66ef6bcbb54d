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
    /** {@code AF_UNIX}: Unix-domain addresses. */
    int AF_UNIX = 1;
    /** {@code SOCK_STREAM}: a byte stream. */
    int SOCK_STREAM = 1;
    /** {@code SOCK_DGRAM}: datagrams. */
    int SOCK_DGRAM = 2;
    /** {@code SOCK_SEQPACKET}: sequenced datagrams over a connection. */
    int SOCK_SEQPACKET = 5;
    /** {@code SOCK_NONBLOCK}: create the socket non-blocking. */
    int SOCK_NONBLOCK = 04000;
    /** {@code SOCK_CLOEXEC}: create the socket close-on-exec. */
    int SOCK_CLOEXEC = 02000000;
    /** {@code SOL_SOCKET}: socket-level options. */
    int SOL_SOCKET = 1;
    /** {@code SO_TYPE}: option: the socket type. */
    int SO_TYPE = 3;
    /** {@code SO_SNDBUF}: option: the send buffer size. */
    int SO_SNDBUF = 7;
    /** {@code SO_RCVBUF}: option: the receive buffer size. */
    int SO_RCVBUF = 8;
    /** {@code SO_PEERCRED}: option: the peer's {@code struct ucred} (pid, uid, gid). */
    int SO_PEERCRED = 17;
    /** {@code SHUT_RD}: {@code shutdown}: no more receptions. */
    int SHUT_RD = 0;
    /** {@code SHUT_WR}: {@code shutdown}: no more transmissions. */
    int SHUT_WR = 1;
    /** {@code SHUT_RDWR}: {@code shutdown}: neither. */
    int SHUT_RDWR = 2;
    /** {@code MSG_PEEK}: {@code recv}: look without taking. */
    int MSG_PEEK = 0x2;
    /** {@code MSG_TRUNC}: {@code recv}: return the real length of a longer datagram. */
    int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}: non-blocking for this call. */
    int MSG_DONTWAIT = 0x40;
    /** {@code MSG_NOSIGNAL}: {@code send}: no {@code SIGPIPE}, {@code EPIPE} instead. */
    int MSG_NOSIGNAL = 0x4000;

    /** The bindings, loaded once. */
    Socket LIB = Native.load(Socket.class);

    /**
     * {@code socket}: creates a socket.
     *
     * @param domain the address family
     * @param type the type
     * @param protocol the protocol (0)
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int socket(int domain, int type, int protocol);

    /**
     * {@code socketpair}: creates a pair of connected sockets.
     *
     * @param domain the address family
     * @param type the type
     * @param protocol the protocol (0)
     * @param sv receives the two descriptors
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int socketpair(int domain, int type, int protocol, @Out int[] sv);

    /**
     * {@code bind}: binds an address.
     *
     * @param fd the descriptor
     * @param addr the address
     * @param addrlen the address length (or its address for {@code accept4})
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int bind(int fd, long addr, int addrlen);

    /**
     * {@code listen}: marks a socket as accepting connections.
     *
     * @param fd the descriptor
     * @param backlog the queue length of pending connections
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int listen(int fd, int backlog);

    /**
     * {@code accept4(fd, addr, addrlen, flags)}; {@code addr} and {@code addrlen} may be 0 (NULL).
     *
     * @param fd the descriptor
     * @param addr the address
     * @param addrlen the address length (or its address for {@code accept4})
     * @param flags the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int accept4(int fd, long addr, long addrlen, int flags);

    /**
     * {@code connect}: connects.
     *
     * @param fd the descriptor
     * @param addr the address
     * @param addrlen the address length (or its address for {@code accept4})
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int connect(int fd, long addr, int addrlen);

    /**
     * {@code getsockopt}; {@code optlen} is the address of a {@code socklen_t} (in: size, out: length).
     *
     * @param fd the descriptor
     * @param level the option level
     * @param optname the option
     * @param optval the address of the value
     * @param optlen the address of the length
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int getsockopt(int fd, int level, int optname, long optval, long optlen);

    /**
     * {@code shutdown}: shuts down part of a connection.
     *
     * @param fd the descriptor
     * @param how what to shut down
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int shutdown(int fd, int how);

    /**
     * {@code send}: sends bytes.
     *
     * @param fd the descriptor
     * @param buf the native address of the buffer (or the structure)
     * @param len the length in bytes
     * @param flags the flags
     * @return the number of bytes, or -1 with errno saved
     */
    @SaveError
    @ssize_t long send(int fd, long buf, @size_t long len, int flags);

    /**
     * {@code recv}: receives bytes.
     *
     * @param fd the descriptor
     * @param buf the native address of the buffer (or the structure)
     * @param len the length in bytes
     * @param flags the flags
     * @return the number of bytes, or -1 with errno saved
     */
    @SaveError
    @ssize_t long recv(int fd, long buf, @size_t long len, int flags);
}
