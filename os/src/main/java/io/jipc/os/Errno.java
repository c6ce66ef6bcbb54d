package io.jipc.os;

import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcPermissionDenied;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcTimeout;
import io.jipc.api.MessageTooLarge;

/**
 * The Linux errno values jipc tests for, their names, and the mapping from a failed call to the
 * {@link IpcException} subclass users catch.
 */
public final class Errno {
    /** {@code EPERM}: Operation not permitted. */
    public static final int EPERM = 1;
    /** {@code ENOENT}: No such file or directory. */
    public static final int ENOENT = 2;
    /** {@code ESRCH}: No such process. */
    public static final int ESRCH = 3;
    /** {@code EINTR}: Interrupted system call. */
    public static final int EINTR = 4;
    /** {@code EIO}: Input/output error. */
    public static final int EIO = 5;
    /** {@code E2BIG}: Argument list too long. */
    public static final int E2BIG = 7;
    /** {@code EBADF}: Bad file descriptor. */
    public static final int EBADF = 9;
    /** {@code ECHILD}: No child processes. */
    public static final int ECHILD = 10;
    /** {@code EAGAIN}: Resource temporarily unavailable. */
    public static final int EAGAIN = 11;
    /** {@code EWOULDBLOCK}: the same value as {@link #EAGAIN}. */
    public static final int EWOULDBLOCK = EAGAIN;
    /** {@code ENOMEM}: Cannot allocate memory. */
    public static final int ENOMEM = 12;
    /** {@code EACCES}: Permission denied. */
    public static final int EACCES = 13;
    /** {@code EFAULT}: Bad address. */
    public static final int EFAULT = 14;
    /** {@code EBUSY}: Device or resource busy. */
    public static final int EBUSY = 16;
    /** {@code EEXIST}: File exists. */
    public static final int EEXIST = 17;
    /** {@code EXDEV}: Invalid cross-device link. */
    public static final int EXDEV = 18;
    /** {@code ENOTDIR}: Not a directory. */
    public static final int ENOTDIR = 20;
    /** {@code EISDIR}: Is a directory. */
    public static final int EISDIR = 21;
    /** {@code EINVAL}: Invalid argument. */
    public static final int EINVAL = 22;
    /** {@code ENFILE}: Too many open files in system. */
    public static final int ENFILE = 23;
    /** {@code EMFILE}: Too many open files. */
    public static final int EMFILE = 24;
    /** {@code EFBIG}: File too large. */
    public static final int EFBIG = 27;
    /** {@code ENOSPC}: No space left on device. */
    public static final int ENOSPC = 28;
    /** {@code ESPIPE}: Illegal seek. */
    public static final int ESPIPE = 29;
    /** {@code EROFS}: Read-only file system. */
    public static final int EROFS = 30;
    /** {@code EMLINK}: Too many links. */
    public static final int EMLINK = 31;
    /** {@code EPIPE}: Broken pipe. */
    public static final int EPIPE = 32;
    /** {@code ERANGE}: Numerical result out of range. */
    public static final int ERANGE = 34;
    /** {@code EDEADLK}: Resource deadlock avoided. */
    public static final int EDEADLK = 35;
    /** {@code ENAMETOOLONG}: File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** {@code ENOLCK}: No locks available. */
    public static final int ENOLCK = 37;
    /** {@code ENOSYS}: Function not implemented. */
    public static final int ENOSYS = 38;
    /** {@code ENOMSG}: No message of desired type. */
    public static final int ENOMSG = 42;
    /** {@code EIDRM}: Identifier removed. */
    public static final int EIDRM = 43;
    /** {@code ELOOP}: Too many levels of symbolic links. */
    public static final int ELOOP = 40;
    /** {@code ENOTSOCK}: Socket operation on non-socket. */
    public static final int ENOTSOCK = 88;
    /** {@code EMSGSIZE}: Message too long. */
    public static final int EMSGSIZE = 90;
    /** {@code EOPNOTSUPP}: Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** {@code EADDRINUSE}: Address already in use. */
    public static final int EADDRINUSE = 98;
    /** {@code ECONNRESET}: Connection reset by peer. */
    public static final int ECONNRESET = 104;
    /** {@code ENOTCONN}: Transport endpoint is not connected. */
    public static final int ENOTCONN = 107;
    /** {@code ETIMEDOUT}: Connection timed out. */
    public static final int ETIMEDOUT = 110;
    /** {@code ECONNREFUSED}: Connection refused. */
    public static final int ECONNREFUSED = 111;
    /** {@code EDQUOT}: Disk quota exceeded. */
    public static final int EDQUOT = 122;
    /** {@code EOWNERDEAD}: Owner died. */
    public static final int EOWNERDEAD = 130;
    /** {@code ENOTRECOVERABLE}: State not recoverable. */
    public static final int ENOTRECOVERABLE = 131;

    private Errno() {
    }

    /**
     * The symbolic name of an errno value.
     *
     * @param errno the value
     * @return its name ({@code "EIDRM"}), or {@code "errno N"} when unknown
     */
    public static String name(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        if (e == null || e == jnr.constants.platform.Errno.__UNKNOWN_CONSTANT__) {
            return "errno " + errno;
        }
        return e.name();
    }

    /**
     * The C library's description of an errno value ({@code strerror}).
     *
     * @param errno the value
     * @return e.g. {@code "Identifier removed"}, or {@code "unknown error"}
     */
    public static String describe(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e == null || e == jnr.constants.platform.Errno.__UNKNOWN_CONSTANT__ ? "unknown error" : e.description();
    }

    /**
     * The exception for a call that failed with {@code errno}: {@link IpcNotFound} for
     * {@code ENOENT}, {@link IpcAlreadyExists} for {@code EEXIST}, {@link IpcPermissionDenied} for
     * {@code EACCES}/{@code EPERM}/{@code EROFS}, {@link IpcRemoved} for {@code EIDRM},
     * {@link IpcLimitExceeded} for {@code ENOSPC}/{@code EMFILE}/{@code ENFILE}/{@code ENOMEM},
     * {@link IpcTimeout} for {@code ETIMEDOUT}, {@link IpcInterrupted} for {@code EINTR}, and
     * {@link IpcException} otherwise.
     *
     * @param operation the C call or jipc operation ({@code "msgget"})
     * @param uri the object
     * @param errno the errno the call left
     * @param detail extra words (may be {@code null}); the C description is added when absent
     * @return the exception, for the caller to throw
     */
    public static IpcException exception(String operation, Object uri, int errno, String detail) {
        String u = uri == null ? null : uri.toString();
        String n = name(errno);
        String d = detail == null ? describe(errno) : detail;
        switch (errno) {
            case ENOENT: return new IpcNotFound(operation, u, errno, n, d);
            case EEXIST: return new IpcAlreadyExists(operation, u, errno, n, d);
            case EACCES: case EPERM: case EROFS: return new IpcPermissionDenied(operation, u, errno, n, d);
            case EIDRM: return new IpcRemoved(operation, u, errno, n, d);
            case ENOSPC: case EMFILE: case ENFILE: case ENOMEM: return new IpcLimitExceeded(operation, u, errno, n, d);
            case ETIMEDOUT: return new IpcTimeout(operation, u, errno, n, d);
            case EINTR: return new IpcInterrupted(operation, u, errno, n, d);
            case E2BIG: case EMSGSIZE: return new MessageTooLarge(operation, u, errno, n, -1, -1, d);
            default: return new IpcException(operation, u, errno, n, d);
        }
    }

    /**
     * {@link #exception(String, Object, int, String)} with the C description as detail.
     *
     * @param operation the C call or jipc operation ({@code "msgget"})
     * @param uri the object
     * @param errno the errno the call left
     * @return the exception, for the caller to throw
     */
    public static IpcException exception(String operation, Object uri, int errno) {
        return exception(operation, uri, errno, null);
    }

    /**
     * {@link #exception(String, Object, int, String)} for the errno the last call left.
     *
     * @param operation the C call that just failed ({@code "msgget"})
     * @param uri the object
     * @return the exception, for the caller to throw
     */
    public static IpcException last(String operation, Object uri) {
        return exception(operation, uri, Native.errno(), null);
    }
}
