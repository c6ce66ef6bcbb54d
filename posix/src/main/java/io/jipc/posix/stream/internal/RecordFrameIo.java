package io.jipc.posix.stream.internal;

import io.jipc.api.IpcException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.os.NativeMemory;
import io.jipc.os.Socket;

import java.nio.ByteBuffer;

/**
 * Receiving from a seqpacket socket: each record is one frame, checked against the record's
 * length. When the caller's buffer could be too small for some frame ({@code dst.remaining()}
 * below the largest payload) the header is peeked first ({@code MSG_PEEK}), so that a record too
 * large stays queued; with a buffer for the largest payload a receive is one {@code recv}.
 */
final class RecordFrameIo extends FrameIo {
    RecordFrameIo(String uri, int fd, int maxPayload, String limitName) {
        super(uri, fd, fd, true, true, maxPayload, limitName);
    }

    @Override
    long receiveFrame(ByteBuffer dst, boolean blocking, long timeoutNanos, long deadline) {
        for (;;) {
            if (eof) {
                throw endOfStreamError();
            }
            boolean peek = dst.remaining() < maxPayload;
            long n = readSome(rxAddr, peek ? HEADER : capacity, peek ? Socket.MSG_PEEK : 0, blocking, timeoutNanos, deadline);
            if (n == NOTHING) {
                return MessageChannel.NO_MESSAGE;
            }
            if (n == 0) {
                eof = true;
                continue;
            }
            if (peek) {
                if (n >= HEADER) {
                    refuseIfTooLarge(dst);
                }
                // the record is there: take it (EAGAIN: another reader of the socket took it)
                n = readSome(rxAddr, capacity, 0, false, 0, FOREVER);
                if (n == NOTHING) {
                    continue;
                }
                if (n == 0) {
                    eof = true;
                    continue;
                }
            }
            if (n < HEADER) {
                throw corrupt(0, (int) n - HEADER);
            }
            int len = headerLength(dst, "the message stays queued");
            if (n != HEADER + len) {
                throw new IpcException("receive", uri, IpcException.NO_ERRNO, null, "corrupt record: "
                        + n + " bytes received, the header announces " + (HEADER + len));
            }
            return deliver(dst, len);
        }
    }

    /** The peeked header announces a frame too large for {@code dst}: refused, it stays queued. */
    private void refuseIfTooLarge(ByteBuffer dst) {
        int len = NativeMemory.getInt(rxAddr);
        if (NativeMemory.getInt(rxAddr + 4) == MAGIC && len > dst.remaining() && len <= maxPayload) {
            throw new MessageTooLarge("receive", uri, len, dst.remaining(),
                    "the receive buffer's remaining space (the message stays queued)");
        }
    }
}
