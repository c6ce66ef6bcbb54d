package io.jipc.posix.stream.internal;

import io.jipc.api.MessageChannel;

import java.nio.ByteBuffer;

/**
 * Receiving from a byte stream (a pipe, a stream socket): the header, then exactly the rest of
 * that frame, never bytes of the next one. Only the header is consumed before the size check, so
 * a frame too large for the caller's buffer keeps its payload in the kernel (the descriptor stays
 * readable) and is delivered by a later receive with room. In blocking mode each of the two reads
 * waits inside the kernel call (see {@link FrameIo}); a frame split by the kernel is read on until
 * complete, and end of stream inside a frame is {@code IpcRemoved} ("mid-message").
 */
final class StreamFrameIo extends FrameIo {
    StreamFrameIo(String uri, int rfd, int wfd, boolean socket, int maxPayload, String limitName) {
        super(uri, rfd, wfd, socket, true, maxPayload, limitName);
    }

    @Override
    long receiveFrame(ByteBuffer dst, boolean blocking, long timeoutNanos, long deadline) {
        for (;;) {
            int avail = rxEnd;
            int need;
            if (avail >= HEADER) {
                int len = headerLength(dst, "the message stays queued");
                if (avail == HEADER + len) {
                    return deliver(dst, len);
                }
                need = HEADER + len - avail;
            } else {
                need = HEADER - avail;
            }
            if (eof) {
                throw endOfStreamError();
            }
            long n = readSome(rxAddr + avail, need, 0, blocking, timeoutNanos, deadline);
            if (n == NOTHING) {
                return MessageChannel.NO_MESSAGE;
            }
            if (n == 0) {
                eof = true;
            } else {
                rxEnd += (int) n;
            }
        }
    }
}
