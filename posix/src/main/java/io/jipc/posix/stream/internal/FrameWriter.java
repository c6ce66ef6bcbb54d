package io.jipc.posix.stream.internal;

import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageTooLarge;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.Socket;
import io.jipc.os.SysPoll;
import io.jipc.os.Unistd;

import static io.jipc.posix.stream.internal.FrameIo.FOREVER;
import static io.jipc.posix.stream.internal.FrameIo.HEADER;

/**
 * The sending side of {@link FrameIo}: a staged frame goes to the kernel with one
 * {@code write}/{@code send} on the non-blocking send descriptor; on {@code EAGAIN} it waits with
 * {@code poll}, and once part of a frame is out it always finishes that frame.
 */
final class FrameWriter {
    private FrameWriter() {
    }

    /**
     * Writes the {@code total} bytes of the frame staged at {@code addr} through {@code io}'s
     * send descriptor (one {@code write}/{@code send} unless the kernel takes less).
     *
     * @param pollfd native memory for the {@code struct pollfd} of a wait
     * @return {@code false} when not a byte could go in time
     */
    static boolean write(FrameIo io, long addr, int total, long pollfd, long timeoutNanos, long deadline) {
        int wfd = io.wfd;
        boolean socket = io.socket;
        int off = 0;
        for (;;) {
            long n = socket ? Socket.LIB.send(wfd, addr + off, total - off, Socket.MSG_NOSIGNAL | Socket.MSG_DONTWAIT)
                    : Unistd.LIB.write(wfd, addr + off, total - off);
            if (n > 0) {
                off += (int) n;
                if (off == total) {
                    return true;
                }
                continue;
            }
            int e = Native.errno();
            if (n == 0 || e == Errno.EAGAIN) {
                if (off == 0) {
                    if (timeoutNanos == 0 || !io.await(pollfd, wfd, SysPoll.POLLOUT, deadline, true, "send")) {
                        return false;
                    }
                } else {
                    // Part of the frame is out: it must be finished whatever the timeout said.
                    io.await(pollfd, wfd, SysPoll.POLLOUT, FOREVER, false, "send");
                }
            } else if (e == Errno.EPIPE || e == Errno.ECONNRESET || e == Errno.ENOTCONN) {
                throw new IpcRemoved("send", io.uri, e, Errno.name(e), "the peer closed its end of the stream");
            } else if (e == Errno.EMSGSIZE) {
                throw new MessageTooLarge("send", io.uri, e, Errno.name(e), total - HEADER, -1,
                        "the socket's send buffer (SO_SNDBUF) for one record");
            } else if (e != Errno.EINTR) {
                throw Errno.exception(socket ? "send" : "write", io.uri, e);
            }
        }
    }
}
