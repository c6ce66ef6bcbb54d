package io.jipc.posix.stream.internal;

import io.jipc.api.IpcInterrupted;
import io.jipc.api.MessageChannel;
import io.jipc.os.Errno;
import io.jipc.os.Fd;
import io.jipc.os.Fcntl;
import io.jipc.os.SysFile;
import io.jipc.os.Native;
import io.jipc.os.Unistd;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Receiving from a FIFO that several handles, in several processes, may read: a frame leaves the
 * kernel whole or not at all.
 *
 * <p>Reading a frame as header then body would let a receiver that stops in between (killed, or
 * {@code MessageTooLarge} followed by {@code close()}) leave a headless body at the front of the
 * FIFO, which every later receiver would take for a corrupt stream. So this receiver never splits
 * a frame: it takes an exclusive {@code flock} on its read descriptor (other receivers, in this
 * process or others, wait a few microseconds; the kernel drops it if the holder dies),
 * <em>peeks</em> at the header with {@code tee(2)} into a private pipe (nothing consumed), refuses
 * a frame larger than the caller's buffer with {@code MessageTooLarge} while it stays in the FIFO,
 * and otherwise takes exactly that frame with one {@code read} — a frame is one atomic write of at
 * most {@code PIPE_BUF} bytes, so it is wholly in the pipe. A receiver killed at any point leaves
 * either the whole frame in the FIFO or none of it.
 *
 * <p>Cost: {@code flock} twice, {@code tee} and a read of the private pipe per message beside the
 * frame's read, and one {@code poll} when the receive waits (see {@code expectWait}).
 */
final class SharedFifoFrameIo extends FrameIo {
    private final int peekRead;
    private final int peekWrite;
    /**
     * A blocking or timed receive has found the FIFO empty: from then on such receives wait for it
     * to be readable before locking (one {@code poll}, cheap when data is there already) instead
     * of locking and peeking into an empty FIFO (two {@code flock}s and a {@code tee} more).
     */
    private boolean expectWait;

    SharedFifoFrameIo(String uri, int rfd, int wfd, int maxPayload, String limitName) {
        super(uri, rfd, wfd, false, false, maxPayload, limitName);
        int[] p;
        try {
            p = Fd.pipe(Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC, uri); // the private pipe a FIFO receiver peeks through
        } catch (RuntimeException e) {
            freeMemory();
            throw e;
        }
        peekRead = p[0];
        peekWrite = p[1];
    }

    @Override
    long receiveFrame(ByteBuffer dst, boolean blocking, long timeoutNanos, long deadline) {
        long busySince = 0;
        boolean waitFirst = expectWait && timeoutNanos != 0;
        for (;;) {
            checkOpen("receive");
            if (waitFirst) {
                waitFirst = false;
                if (!awaitReadable(timeoutNanos, deadline)) {
                    return MessageChannel.NO_MESSAGE;
                }
            }
            if (SysFile.LIB.flock(rfd, SysFile.LOCK_EX | SysFile.LOCK_NB) != 0) {
                busySince = lockBusy(busySince, timeoutNanos, deadline);
                if (busySince < 0) {
                    return MessageChannel.NO_MESSAGE;
                }
                continue;
            }
            busySince = 0;
            int peeked;
            try {
                peeked = peekHeader();
                if (peeked == HEADER) {
                    return takeFrame(dst);
                }
            } finally {
                SysFile.LIB.flock(rfd, SysFile.LOCK_UN);
            }
            if (peeked == 0) {
                throw endOfStreamError();
            }
            if (peeked > 0) {
                // part of a header only (a foreign writer, or a write not yet complete): look again soon
                LockSupport.parkNanos(100_000);
            }
            if (timeoutNanos != 0) {
                expectWait = true;
            }
            if (timeoutNanos == 0 || !awaitReadable(timeoutNanos, deadline)) {
                return MessageChannel.NO_MESSAGE;
            }
        }
    }

    /**
     * Another receiver holds the lock (it takes a frame, a few microseconds): whether to go on
     * waiting for it, bounded for a try.
     *
     * @return the time the wait began, or -1 to give up (nothing received)
     */
    private long lockBusy(long busySince, long timeoutNanos, long deadline) {
        int e = Native.errno();
        if (e != Errno.EWOULDBLOCK && e != Errno.EINTR) {
            throw Errno.exception("flock", uri, e, "cannot take the FIFO's reader lock");
        }
        long now = System.nanoTime();
        long since = busySince == 0 ? now : busySince;
        if ((timeoutNanos == 0 && now - since > 10_000_000L) || (deadline != FOREVER && now - deadline >= 0)) {
            return -1;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IpcInterrupted("receive", uri, "interrupted while waiting; interrupt status kept");
        }
        LockSupport.parkNanos(20_000);
        return since;
    }

    /**
     * Copies up to {@link #HEADER} bytes from the FIFO's front into {@code rx} without consuming
     * them; the count copied, -1 when the FIFO is empty, 0 at end of stream.
     */
    private int peekHeader() {
        for (;;) {
            long t = Fcntl.LIB.tee(rfd, peekWrite, HEADER, Fcntl.SPLICE_F_NONBLOCK);
            if (t < 0) {
                int e = Native.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e == Errno.EAGAIN) {
                    return -1;
                }
                throw Errno.exception("tee", uri, e, "cannot peek at the FIFO");
            }
            int got = 0;
            while (got < t) {
                long n = Unistd.LIB.read(peekRead, rxAddr + got, t - got);
                if (n > 0) {
                    got += (int) n;
                } else if (n < 0 && Native.errno() != Errno.EINTR) {
                    throw Errno.exception("read", uri, Native.errno(), "cannot read the private peek pipe");
                }
            }
            return (int) t;
        }
    }

    /** The header is peeked into {@code rx}: checks it, then takes exactly that frame. */
    private long takeFrame(ByteBuffer dst) {
        int len = headerLength(dst, "nothing was read: the message stays in the FIFO");
        int total = HEADER + len;
        int got = 0;
        while (got < total) {
            long n = Unistd.LIB.read(rfd, rxAddr + got, total - got);
            if (n > 0) {
                got += (int) n;
                continue;
            }
            int e = n == 0 ? 0 : Native.errno();
            if (e == Errno.EINTR) {
                continue;
            }
            if (n == 0) {
                eof = true;
                rxEnd = got;
                throw endOfStreamError();
            }
            if (e != Errno.EAGAIN) {
                throw Errno.exception("read", uri, e);
            }
            // only a frame longer than PIPE_BUF (not written by jipc's fifo:) can be incomplete here
            awaitReadableUninterruptibly();
        }
        return deliver(dst, len);
    }

    @Override
    void closeMore() {
        Unistd.LIB.close(peekRead);
        Unistd.LIB.close(peekWrite);
    }
}
