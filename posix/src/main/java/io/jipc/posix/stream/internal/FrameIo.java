package io.jipc.posix.stream.internal;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Socket;
import io.jipc.os.SysPoll;
import io.jipc.os.Unistd;
import io.jipc.os.layout.PollfdLayout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Message framing over a pair of non-blocking descriptors (one may serve both directions).
 *
 * <h2>Frame</h2>
 * A 16-byte header in native byte order, then the payload:
 * <pre>
 *   int32 length   payload bytes (0..maxPayload)
 *   int32 magic    0x4A495043 ("JIPC"): detects a stray writer or a desynchronised stream
 *   int64 tag      the message's tag (0..Long.MAX_VALUE)
 * </pre>
 * The whole frame is handed to the kernel with one {@code write}/{@code send}: a frame of at most
 * {@code PIPE_BUF} (4096) bytes is therefore atomic on a pipe or FIFO, and several writers never
 * interleave. A larger frame may be split by the kernel; the writer finishes it before any other
 * frame of this handle, but frames of other processes could interleave with it (callers that allow
 * several writers cap the payload, see {@code fifo:}).
 *
 * <h2>Reading</h2>
 * Bytes are read into a per-handle native buffer large enough for the largest frame: the header,
 * then exactly the rest of that frame, never bytes of the next one (so a message still queued
 * always keeps the descriptor readable for {@code poll}/{@code epoll}, e.g. a {@code Poller}). A
 * frame is delivered only when complete. A frame larger than the caller's buffer raises
 * {@link MessageTooLarge} after only its header was read (seqpacket: peeked), so it stays queued
 * for the next call. End of stream
 * with an incomplete frame buffered is reported as {@link IpcRemoved} ("peer closed the stream
 * mid-message") and the partial bytes are discarded: a half message is never delivered.
 *
 * <h2>Shared readers (FIFOs): a frame leaves the kernel whole or not at all</h2>
 * A FIFO may have several receiving handles, in several processes. Reading a frame as header then
 * body would let a receiver that stops in between (killed, or {@link MessageTooLarge} followed by
 * {@code close()}) leave a headless body at the front of the FIFO, which every later receiver
 * would take for a corrupt stream. So a FIFO {@code FrameIo} ({@link #forSharedReaders}) never
 * splits a frame: it takes an exclusive {@code flock} on its read descriptor (other receivers,
 * in this process or others, wait a few microseconds; the kernel drops it if the holder dies),
 * <em>peeks</em> at the header with {@code tee(2)} into a private pipe (nothing consumed), refuses
 * a frame larger than the caller's buffer with {@link MessageTooLarge} while it stays in the FIFO,
 * and otherwise takes exactly that frame with one {@code read} — a frame is one atomic write of at
 * most {@code PIPE_BUF} bytes, so it is wholly in the pipe. A receiver killed at any point leaves
 * either the whole frame in the FIFO or none of it. Cost: four more system calls per message
 * ({@code flock} twice, {@code tee}, one read of the private pipe).
 *
 * <h2>Waiting</h2>
 * Descriptors stay {@code O_NONBLOCK} for their whole life (set when created or adopted, before
 * any other thread sees them): an operation first tries the call, and on {@code EAGAIN} waits with
 * {@code poll} (timed operations pass their remaining time: native timeouts). Blocking waits poll
 * in slices of {@value #SLICE_MILLIS} ms to notice a Java interrupt and {@link #close()}.
 *
 * <p>In datagram mode ({@code SOCK_SEQPACKET}) each record is one frame; the kernel keeps the
 * boundaries and the header is checked against the record's length.
 */
public final class FrameIo {
    /** Frame header size in bytes. */
    public static final int HEADER = 16;
    /** Header magic. */
    public static final int MAGIC = 0x4A495043;
    /** Poll slice for blocking waits, in milliseconds. */
    public static final int SLICE_MILLIS = 100;
    private static final long FOREVER = -1;

    private final String uri;
    private final int rfd;
    private final int wfd;
    private final boolean socket;
    private final boolean datagram;
    private final int maxPayload;
    private final String limitName;
    private final ReentrantLock rxLock = new ReentrantLock();
    private final ReentrantLock txLock = new ReentrantLock();

    private final long memory;
    private final int capacity;
    private final long rxAddr;
    private final long txAddr;
    private final long rxPoll;
    private final long txPoll;
    private final ByteBuffer rx;
    private final ByteBuffer tx;
    private int rxEnd;
    private boolean eof;
    /** Private pipe for peeking with {@code tee} (shared readers only), else -1. */
    private int peekRead = -1;
    private int peekWrite = -1;
    private volatile boolean closing;

    /**
     * @param uri the channel, for messages
     * @param rfd the descriptor read from ({@code -1}: this end only sends)
     * @param wfd the descriptor written to ({@code -1}: this end only receives); may equal {@code rfd}
     * @param socket use {@code send(MSG_NOSIGNAL)}/{@code recv} instead of {@code write}/{@code read}
     * @param datagram each read returns one whole record (seqpacket)
     * @param maxPayload the largest payload accepted and expected
     * @param limitName how to name {@code maxPayload} in errors ({@code "msgsize"})
     */
    public FrameIo(String uri, int rfd, int wfd, boolean socket, boolean datagram, int maxPayload, String limitName) {
        this.uri = uri;
        this.rfd = rfd;
        this.wfd = wfd;
        this.socket = socket;
        this.datagram = datagram;
        this.maxPayload = maxPayload;
        this.limitName = limitName;
        this.capacity = HEADER + maxPayload;
        long cap = (capacity + 7L) & ~7L;
        this.memory = NativeMemory.allocate(2 * cap + 2 * PollfdLayout.SIZE);
        this.rxAddr = memory;
        this.txAddr = memory + cap;
        this.rxPoll = memory + 2 * cap;
        this.txPoll = rxPoll + PollfdLayout.SIZE;
        this.rx = NativeMemory.buffer(rxAddr, capacity);
        this.tx = NativeMemory.buffer(txAddr, capacity);
    }

    /**
     * A {@code FrameIo} for a FIFO that several handles and processes may read: frames are peeked
     * and taken whole (see the class comment). {@code rfd} and {@code wfd} are pipe descriptors.
     */
    public static FrameIo forSharedReaders(String uri, int rfd, int wfd, int maxPayload, String limitName) {
        FrameIo io = new FrameIo(uri, rfd, wfd, false, false, maxPayload, limitName);
        int[] p = new int[2];
        if (Unistd.LIB.pipe2(p, Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC) != 0) {
            int e = Native.errno();
            NativeMemory.free(io.memory);
            throw Errno.exception("pipe2", uri, e, "cannot create the private pipe a FIFO receiver peeks through");
        }
        io.peekRead = p[0];
        io.peekWrite = p[1];
        return io;
    }

    /** The largest payload. */
    public int maxPayload() {
        return maxPayload;
    }

    /** Bytes read from the descriptor and not yet delivered. */
    public int bufferedBytes() {
        return rxEnd;
    }

    /** Has end of stream been seen? */
    public boolean endOfStream() {
        return eof;
    }

    /**
     * Sends one frame.
     *
     * @param timeoutNanos {@code -1} to wait as long as needed, 0 for a single attempt, or a wait
     * @return {@code false} when nothing was sent (no room in time)
     */
    public boolean send(ByteBuffer msg, long tag, long timeoutNanos) {
        int len = msg.remaining();
        if (len > maxPayload) {
            throw new MessageTooLarge("send", uri, len, maxPayload, limitName);
        }
        if (wfd < 0) {
            throw new IpcException("send", uri, IpcException.NO_ERRNO, null, "this end of the channel only receives");
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : FOREVER;
        if (!lock(txLock, timeoutNanos, "send")) {
            return false;
        }
        try {
            checkOpen("send");
            NativeMemory.putInt(txAddr, len);
            NativeMemory.putInt(txAddr + 4, MAGIC);
            NativeMemory.putLong(txAddr + 8, tag);
            tx.put(HEADER, msg, msg.position(), len);
            int total = HEADER + len;
            int off = 0;
            for (;;) {
                long n = socket ? Socket.LIB.send(wfd, txAddr + off, total - off, Socket.MSG_NOSIGNAL | Socket.MSG_DONTWAIT)
                        : Unistd.LIB.write(wfd, txAddr + off, total - off);
                if (n > 0) {
                    off += (int) n;
                    if (off == total) {
                        msg.position(msg.limit());
                        return true;
                    }
                    continue;
                }
                int e = Native.errno();
                if (n == 0 || e == Errno.EAGAIN) {
                    if (off == 0) {
                        if (timeoutNanos == 0 || !await(txPoll, wfd, SysPoll.POLLOUT, deadline, true, "send")) {
                            return false;
                        }
                    } else {
                        // Part of the frame is out: it must be finished whatever the timeout said.
                        await(txPoll, wfd, SysPoll.POLLOUT, FOREVER, false, "send");
                    }
                } else if (e == Errno.EINTR) {
                    continue;
                } else if (e == Errno.EPIPE || e == Errno.ECONNRESET || e == Errno.ENOTCONN) {
                    throw new IpcRemoved("send", uri, e, Errno.name(e), "the peer closed its end of the stream");
                } else if (e == Errno.EMSGSIZE) {
                    throw new MessageTooLarge("send", uri, e, Errno.name(e), len, -1,
                            "the socket's send buffer (SO_SNDBUF) for one record");
                } else {
                    throw Errno.exception(socket ? "send" : "write", uri, e);
                }
            }
        } finally {
            txLock.unlock();
        }
    }

    /**
     * Receives one frame into {@code dst}.
     *
     * @param timeoutNanos {@code -1} to wait as long as needed, 0 for a single attempt, or a wait
     * @return the tag, or {@link MessageChannel#NO_MESSAGE}
     */
    public long receive(ByteBuffer dst, long timeoutNanos) {
        if (rfd < 0) {
            throw new IpcException("receive", uri, IpcException.NO_ERRNO, null, "this end of the channel only sends");
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : FOREVER;
        if (!lock(rxLock, timeoutNanos, "receive")) {
            return MessageChannel.NO_MESSAGE;
        }
        try {
            checkOpen("receive");
            if (peekRead >= 0) {
                return receiveWhole(dst, timeoutNanos, deadline);
            }
            for (;;) {
                int avail = rxEnd;
                int need;
                if (avail >= HEADER) {
                    // Only the header is consumed: the payload is still in the kernel, so the
                    // descriptor stays readable and a message too large for dst is not lost.
                    int len = headerLength(dst, "the message stays queued");
                    if (datagram && avail != HEADER + len) {
                        rxEnd = 0;
                        throw new IpcException("receive", uri, IpcException.NO_ERRNO, null, "corrupt record: "
                                + avail + " bytes received, the header announces " + (HEADER + len));
                    }
                    if (avail == HEADER + len) {
                        long tag = NativeMemory.getLong(rxAddr + 8);
                        dst.put(dst.position(), rx, HEADER, len);
                        dst.position(dst.position() + len);
                        rxEnd = 0;
                        return tag;
                    }
                    need = HEADER + len - avail;
                } else {
                    need = HEADER - avail;
                }
                if (eof) {
                    throw endOfStreamError();
                }
                long n;
                if (datagram) {
                    if (dst.remaining() < maxPayload) {
                        // Peek at the header first: a record too large for dst must stay queued.
                        n = Socket.LIB.recv(rfd, rxAddr, HEADER, Socket.MSG_DONTWAIT | Socket.MSG_PEEK);
                        if (n >= HEADER) {
                            int len = NativeMemory.getInt(rxAddr);
                            if (NativeMemory.getInt(rxAddr + 4) == MAGIC && len > dst.remaining() && len <= maxPayload) {
                                throw new MessageTooLarge("receive", uri, len, dst.remaining(),
                                        "the receive buffer's remaining space (the message stays queued)");
                            }
                        }
                    }
                    n = Socket.LIB.recv(rfd, rxAddr, capacity, Socket.MSG_DONTWAIT);
                } else {
                    // Exactly the rest of the current frame, never into the next one: bytes of a
                    // following message stay in the kernel, so poll/epoll on the descriptor sees them.
                    n = socket ? Socket.LIB.recv(rfd, rxAddr + avail, need, Socket.MSG_DONTWAIT)
                            : Unistd.LIB.read(rfd, rxAddr + avail, need);
                }
                if (n > 0) {
                    rxEnd += (int) n;
                    if (datagram && n < HEADER) {
                        rxEnd = 0;
                        throw corrupt(0, (int) n - HEADER);
                    }
                    continue;
                }
                if (n == 0) {
                    eof = true;
                    continue;
                }
                int e = Native.errno();
                if (e == Errno.EAGAIN) {
                    if (timeoutNanos == 0 || !await(rxPoll, rfd, SysPoll.POLLIN, deadline, true, "receive")) {
                        return MessageChannel.NO_MESSAGE;
                    }
                } else if (e == Errno.EINTR) {
                    continue;
                } else if (e == Errno.ECONNRESET) {
                    eof = true;
                } else {
                    throw Errno.exception(socket ? "recv" : "read", uri, e);
                }
            }
        } finally {
            rxLock.unlock();
        }
    }

    /** Shared-reader receive: lock, peek the header, take the whole frame in one read (under rxLock). */
    private long receiveWhole(ByteBuffer dst, long timeoutNanos, long deadline) {
        long busySince = 0;
        for (;;) {
            checkOpen("receive");
            if (io.jipc.os.SysFile.LIB.flock(rfd, io.jipc.os.SysFile.LOCK_EX | io.jipc.os.SysFile.LOCK_NB) != 0) {
                int e = Native.errno();
                if (e != Errno.EWOULDBLOCK && e != Errno.EINTR) {
                    throw Errno.exception("flock", uri, e, "cannot take the FIFO's reader lock");
                }
                // another receiver is taking a frame (a few microseconds): wait for it, bounded for try
                long now = System.nanoTime();
                if (busySince == 0) {
                    busySince = now;
                }
                if ((timeoutNanos == 0 && now - busySince > 10_000_000L) || (deadline != FOREVER && now - deadline >= 0)) {
                    return MessageChannel.NO_MESSAGE;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IpcInterrupted("receive", uri, "interrupted while waiting; interrupt status kept");
                }
                LockSupport.parkNanos(20_000);
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
                io.jipc.os.SysFile.LIB.flock(rfd, io.jipc.os.SysFile.LOCK_UN);
            }
            if (peeked > 0) {
                // part of a header only (a foreign writer, or a write not yet complete): look again soon
                LockSupport.parkNanos(100_000);
            }
            if (peeked == 0) {
                throw endOfStreamError();
            }
            if (timeoutNanos == 0 || !await(rxPoll, rfd, SysPoll.POLLIN, deadline, true, "receive")) {
                return MessageChannel.NO_MESSAGE;
            }
        }
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

    /**
     * The payload length of the frame header at the start of {@code rx}, checked: a wrong magic or
     * length is a corrupt stream; a payload larger than {@code dst.remaining()} is
     * {@link MessageTooLarge}, whose message says where the message stays ({@code stays}).
     */
    private int headerLength(ByteBuffer dst, String stays) {
        int len = NativeMemory.getInt(rxAddr);
        int magic = NativeMemory.getInt(rxAddr + 4);
        if (magic != MAGIC || len < 0 || len > maxPayload) {
            throw corrupt(magic, len);
        }
        if (len > dst.remaining()) {
            throw new MessageTooLarge("receive", uri, len, dst.remaining(), "the receive buffer's remaining space (" + stays + ")");
        }
        return len;
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
            if (n == 0 || e != Errno.EAGAIN) {
                if (n == 0) {
                    eof = true;
                    rxEnd = got;
                    throw endOfStreamError();
                }
                throw Errno.exception("read", uri, e);
            }
            // only a frame longer than PIPE_BUF (not written by jipc's fifo:) can be incomplete here
            await(rxPoll, rfd, SysPoll.POLLIN, FOREVER, false, "receive");
        }
        long tag = NativeMemory.getLong(rxAddr + 8);
        dst.put(dst.position(), rx, HEADER, len);
        dst.position(dst.position() + len);
        return tag;
    }

    private IpcException corrupt(int magic, int len) {
        return new IpcException("receive", uri, IpcException.NO_ERRNO, null, "corrupt stream: frame header with magic 0x"
                + Integer.toHexString(magic) + " and length " + len + " (expected magic 0x" + Integer.toHexString(MAGIC)
                + ", length 0.." + maxPayload + " = " + limitName + "); a writer that is not jipc, or a different "
                + limitName + " on the two ends?");
    }

    private IpcRemoved endOfStreamError() {
        int partial = rxEnd;
        rxEnd = 0;
        if (partial > 0) {
            return new IpcRemoved("receive", uri, "peer closed the stream mid-message: " + partial
                    + " bytes of an incomplete frame discarded (end of stream)");
        }
        return new IpcRemoved("receive", uri, "end of stream: the peer closed its end");
    }

    private boolean lock(ReentrantLock lock, long timeoutNanos, String op) {
        try {
            if (timeoutNanos == 0) {
                return lock.tryLock();
            }
            if (timeoutNanos < 0) {
                lock.lockInterruptibly();
                return true;
            }
            return lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcInterrupted(op, uri, "interrupted while waiting for another thread's " + op
                    + " on this handle; interrupt status kept");
        }
    }

    private void checkOpen(String op) {
        if (closing) {
            throw new IpcClosed(op, uri);
        }
    }

    /** Waits until {@code fd} is ready for {@code events}; {@code false} at the deadline. */
    private boolean await(long pollfd, int fd, short events, long deadline, boolean interruptible, String op) {
        for (;;) {
            checkOpen(op);
            if (interruptible && Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, uri, "interrupted while waiting; interrupt status kept");
            }
            int ms = SLICE_MILLIS;
            if (deadline != FOREVER) {
                long rem = deadline - System.nanoTime();
                if (rem <= 0) {
                    return false;
                }
                ms = (int) Math.min(SLICE_MILLIS, (rem + 999_999) / 1_000_000);
            }
            NativeMemory.putInt(pollfd + PollfdLayout.FD, fd);
            NativeMemory.putShort(pollfd + PollfdLayout.EVENTS, events);
            NativeMemory.putShort(pollfd + PollfdLayout.REVENTS, (short) 0);
            int r = SysPoll.LIB.poll(pollfd, 1, ms);
            if (r > 0) {
                return true;
            }
            if (r < 0) {
                int e = Native.errno();
                if (e != Errno.EINTR) {
                    throw Errno.exception("poll", uri, e);
                }
            }
        }
    }

    /**
     * Closes both descriptors (once) after any operation in progress has left: blocked callers
     * notice within one poll slice and fail with {@link IpcClosed}.
     */
    public void close() {
        closing = true;
        rxLock.lock();
        txLock.lock();
        try {
            if (rfd >= 0) {
                Unistd.LIB.close(rfd);
            }
            if (wfd >= 0 && wfd != rfd) {
                Unistd.LIB.close(wfd);
            }
            if (peekRead >= 0) {
                Unistd.LIB.close(peekRead);
                Unistd.LIB.close(peekWrite);
            }
            NativeMemory.free(memory);
        } finally {
            txLock.unlock();
            rxLock.unlock();
        }
    }
}
