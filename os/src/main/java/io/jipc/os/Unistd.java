package io.jipc.os;

import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <unistd.h>} (and {@code open}/{@code fcntl}, declared in {@code <fcntl.h>} but variadic, so bound
 * here with a fixed arity): descriptor I/O for the stream channels. Buffers are passed as
 * {@code long} native addresses, so the data path allocates nothing. Every prototype has at most
 * five primitive arguments (see {@link Mman} for why).
 */
public interface Unistd {
    /** {@code fcntl} command: set the pipe's capacity in bytes (Linux). */
    int F_SETPIPE_SZ = 1031;
    /** {@code fcntl} command: get the pipe's capacity in bytes (Linux). */
    int F_GETPIPE_SZ = 1032;

    /** The bindings, loaded once. */
    Unistd LIB = Native.load(Unistd.class);

    /** {@code pipe2(fds, flags)}: {@code fds[0]} reads, {@code fds[1]} writes; use {@code O_CLOEXEC}. */
    @SaveError
    int pipe2(@Out int[] fds, int flags);

    @SaveError
    @ssize_t long read(int fd, long buf, @size_t long count);

    @SaveError
    @ssize_t long write(int fd, long buf, @size_t long count);

    @SaveError
    int close(int fd);

    @SaveError
    int unlink(String path);

    /** {@code open(path, flags, mode)} ({@code <fcntl.h>}, variadic: always given all three). */
    @SaveError
    int open(String path, int flags, int mode);

    /** {@code fcntl(fd, cmd, arg)} with the variadic argument always given (an {@code int} or ignored). */
    @SaveError
    int fcntl(int fd, int cmd, long arg);
}
