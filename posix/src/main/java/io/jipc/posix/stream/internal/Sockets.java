package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Socket;
import io.jipc.os.layout.SockaddrUnLayout;
import io.jipc.os.layout.UcredLayout;

import java.nio.charset.StandardCharsets;

/** Unix-domain socket setup: path checks, bind, connect, credentials. Setup only (allocates). */
public final class Sockets {
    private Sockets() {
    }

    /**
     * Fails before any system call when {@code path} does not fit {@code sun_path} (108 bytes
     * including the terminating NUL).
     */
    public static void checkPath(IpcUri uri, String path) {
        int n = path.getBytes(StandardCharsets.UTF_8).length;
        if (n >= SockaddrUnLayout.SUN_PATH_SIZE) {
            throw uri.error("path", "is " + n + " bytes long; a Unix socket path must fit sun_path, "
                    + SockaddrUnLayout.SUN_PATH_SIZE + " bytes including the terminating NUL (at most "
                    + (SockaddrUnLayout.SUN_PATH_SIZE - 1) + " bytes): use a shorter path or directory");
        }
    }

    /** A new {@code AF_UNIX} socket of {@code type}, close-on-exec. */
    public static int socket(IpcUri uri, int type) {
        int fd = Socket.LIB.socket(Socket.AF_UNIX, type | Socket.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Errno.last("socket", uri);
        }
        return fd;
    }

    /** {@code bind}; returns 0 or the errno. */
    public static int bind(int fd, String path) {
        long a = NativeMemory.allocate(SockaddrUnLayout.SIZE);
        try {
            int len = SockaddrUnLayout.put(a, Socket.AF_UNIX, path);
            return Socket.LIB.bind(fd, a, len) == 0 ? 0 : Native.errno();
        } finally {
            NativeMemory.free(a);
        }
    }

    /** {@code connect} (retrying {@code EINTR}); returns 0 or the errno. */
    public static int connect(int fd, String path) {
        long a = NativeMemory.allocate(SockaddrUnLayout.SIZE);
        try {
            int len = SockaddrUnLayout.put(a, Socket.AF_UNIX, path);
            for (;;) {
                if (Socket.LIB.connect(fd, a, len) == 0) {
                    return 0;
                }
                int e = Native.errno();
                if (e != Errno.EINTR) {
                    return e;
                }
            }
        } finally {
            NativeMemory.free(a);
        }
    }

    /** An {@code int} socket option. */
    public static int intOption(String uri, int fd, int option) {
        long a = NativeMemory.allocate(8);
        try {
            NativeMemory.putInt(a + 4, 4);
            if (Socket.LIB.getsockopt(fd, Socket.SOL_SOCKET, option, a, a + 4) != 0) {
                throw Errno.last("getsockopt", uri);
            }
            return NativeMemory.getInt(a);
        } finally {
            NativeMemory.free(a);
        }
    }

    /** {@code SO_PEERCRED}: {pid, uid, gid}. */
    public static int[] peerCredentials(String uri, int fd) {
        long a = NativeMemory.allocate(UcredLayout.SIZE + 4);
        try {
            long lenAddr = a + UcredLayout.SIZE;
            NativeMemory.putInt(lenAddr, UcredLayout.SIZE);
            if (Socket.LIB.getsockopt(fd, Socket.SOL_SOCKET, Socket.SO_PEERCRED, a, lenAddr) != 0) {
                throw Errno.last("getsockopt(SO_PEERCRED)", uri);
            }
            return new int[] {NativeMemory.getInt(a + UcredLayout.PID), NativeMemory.getInt(a + UcredLayout.UID),
                    NativeMemory.getInt(a + UcredLayout.GID)};
        } finally {
            NativeMemory.free(a);
        }
    }

    /** The socket type name for messages. */
    public static String typeName(int type) {
        switch (type) {
            case Socket.SOCK_STREAM: return "stream";
            case Socket.SOCK_SEQPACKET: return "seqpacket";
            case Socket.SOCK_DGRAM: return "dgram";
            default: return "type " + type;
        }
    }

    /** An error with no errno. */
    public static IpcException error(String op, IpcUri uri, String detail) {
        return new IpcException(op, uri.toString(), IpcException.NO_ERRNO, null, detail);
    }
}
