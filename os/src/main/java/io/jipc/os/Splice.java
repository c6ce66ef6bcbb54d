package io.jipc.os;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <fcntl.h>} (GNU) {@code tee(2)}: duplicates bytes queued in one pipe into another without
 * consuming them — the only way to peek at a pipe or FIFO. The FIFO channel uses it to read a
 * frame's header before taking the frame out in one {@code read}.
 */
public interface Splice {
    /** {@code SPLICE_F_NONBLOCK}: do not block on the pipes ({@code EAGAIN} instead). */
    int SPLICE_F_NONBLOCK = 2;

    /** The bindings, loaded once. */
    Splice LIB = Native.load(Splice.class);

    /** {@code tee(fd_in, fd_out, len, flags)}: both descriptors must be pipes; returns the bytes duplicated. */
    @SaveError
    @ssize_t long tee(int fdIn, int fdOut, @size_t long len, int flags);
}
