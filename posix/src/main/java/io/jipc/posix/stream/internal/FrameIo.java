package io.jipc.posix.stream.internal;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.os.BlockedThreads;
import io.jipc.os.Errno;
import io.jipc.os.Fd;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.PollWait;
import io.jipc.os.Socket;
import io.jipc.os.SysPoll;
import io.jipc.os.Unistd;
import io.jipc.os.layout.PollfdLayout;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Message framing over a pair of descriptors (one may serve both directions): sending, the
 * locks, waiting and closing, shared by the three ways of receiving ({@link StreamFrameIo} for
 * pipes and stream sockets, {@link RecordFrameIo} for seqpacket sockets, {@link SharedFifoFrameIo}
 * for FIFOs that several handles read).
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
 * A receiver never consumes bytes of the next frame (so a message still queued always keeps the
 * descriptor readable for {@code poll}/{@code epoll}, e.g. a {@code Poller}), and a frame larger
 * than the caller's buffer raises {@link MessageTooLarge} while it stays queued. A frame is
 * delivered only when complete. End of stream with an incomplete frame buffered is reported as
 * {@link IpcRemoved} ("peer closed the stream mid-message") and the partial bytes are discarded: a
 * half message is never delivered.
 *
 * <h2>Waiting</h2>
 * The send descriptor is {@code O_NONBLOCK}: a send tries the call and on {@code EAGAIN} waits
 * with {@code poll} ({@link PollWait}). Pipes and sockets read in blocking mode when
 * {@link BlockedThreads} can get a blocked thread out (the usual case): a blocking receive then
 * waits inside {@code read}/{@code recv} itself — one system call per read, as a C program
 * would — and {@code close} or a Java interrupt signal it out
 * ({@link BlockedThreads#registerInterruptible()}). Try and timed receives wait with
 * {@code poll} (native timeouts) and read only what is there. FIFOs, read by several handles,
 * stay {@code O_NONBLOCK}.
 */
public abstract class FrameIo {
    /** Frame header size in bytes. */
    public static final int HEADER = 16;
    /** Header magic. */
    public static final int MAGIC = 0x4A495043;
    /** Poll slice for blocking waits, in milliseconds. */
    public static final int SLICE_MILLIS = PollWait.SLICE_MILLIS;
    static final long FOREVER = PollWait.FOREVER;
    /** {@link #readSome} found nothing within the time given. */
    static final long NOTHING = -2;

    final String uri;
    final int rfd;
    final int wfd;
    final boolean socket;
    final int maxPayload;
    final String limitName;
    private final ReentrantLock rxLock = new ReentrantLock();
    private final ReentrantLock txLock = new ReentrantLock();

    private final long memory;
    final int capacity;
    final long rxAddr;
    private final long txAddr;
    private final long rxPoll;
    private final long txPoll;
    final ByteBuffer rx;
    private final ByteBuffer tx;
    /** Bytes of the current frame read and not yet delivered. */
    int rxEnd;
    boolean eof;
    private volatile boolean closing;
    private final BooleanSupplier closed = () -> closing;
    /** The receive descriptor is in blocking mode and {@link #rxWaiters} gets a blocked reader out. */
    final boolean blockingReads;
    /** The receiver blocked in {@code read}/{@code recv}, for close and interrupts to signal; {@code null} without blocking reads. */
    private final BlockedThreads rxWaiters;

    /**
     * @param uri the channel, for messages
     * @param rfd the descriptor read from ({@code -1}: this end only sends)
     * @param wfd the descriptor written to ({@code -1}: this end only receives); may equal {@code rfd}
     * @param socket use {@code send(MSG_NOSIGNAL)}/{@code recv} instead of {@code write}/{@code read}
     * @param blockingReads put {@code rfd} in blocking mode and block in {@code read}/{@code recv}
     *        (when signals can get a thread out; otherwise it stays non-blocking)
     * @param maxPayload the largest payload accepted and expected
     * @param limitName how to name {@code maxPayload} in errors ({@code "msgsize"})
     */
    FrameIo(String uri, int rfd, int wfd, boolean socket, boolean blockingReads, int maxPayload, String limitName) {
        this.uri = uri;
        this.rfd = rfd;
        this.wfd = wfd;
        this.socket = socket;
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
        this.blockingReads = blockingReads && rfd >= 0 && BlockedThreads.available()
                && BlockedThreads.interruptsRestartableCalls() && clearNonBlocking(rfd);
        this.rxWaiters = this.blockingReads ? new BlockedThreads(2) : null;
    }

    /**
     * Framing for a pipe pair or a stream socket.
     *
     * @param socket {@code rfd}/{@code wfd} are a (the same) stream socket
     * @return a framing engine that owns both descriptors
     */
    public static FrameIo forStream(String uri, int rfd, int wfd, boolean socket, int maxPayload, String limitName) {
        return new StreamFrameIo(uri, rfd, wfd, socket, maxPayload, limitName);
    }

    /** Framing for a seqpacket socket {@code fd}: each record is one frame. */
    public static FrameIo forRecords(String uri, int fd, int maxPayload, String limitName) {
        return new RecordFrameIo(uri, fd, maxPayload, limitName);
    }

    /**
     * Framing for a FIFO that several handles and processes may read: frames are peeked and
     * taken whole (see {@link SharedFifoFrameIo}). {@code rfd} and {@code wfd} are FIFO descriptors.
     */
    public static FrameIo forSharedReaders(String uri, int rfd, int wfd, int maxPayload, String limitName) {
        return new SharedFifoFrameIo(uri, rfd, wfd, maxPayload, limitName);
    }

    private static boolean clearNonBlocking(int fd) {
        int fl = Fcntl.LIB.fcntl(fd, Fcntl.F_GETFL, 0);
        return fl >= 0 && Fcntl.LIB.fcntl(fd, Fcntl.F_SETFL, fl & ~Fcntl.O_NONBLOCK) == 0;
    }

    /** The largest payload. */
    public int maxPayload() {
        return maxPayload;
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
            if (!FrameWriter.write(this, txAddr, HEADER + len, txPoll, timeoutNanos, deadline)) {
                return false;
            }
            msg.position(msg.limit());
            return true;
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
            int slot = timeoutNanos < 0 && blockingReads ? rxWaiters.registerInterruptible() : -1;
            try {
                return receiveFrame(dst, slot >= 0, timeoutNanos, deadline);
            } finally {
                if (slot >= 0) {
                    rxWaiters.deregisterInterruptible(slot);
                }
            }
        } finally {
            rxLock.unlock();
        }
    }

    /**
     * Receives one frame, under the receive lock.
     *
     * @param blocking this thread may block in {@code read}/{@code recv} (registered in {@code rxWaiters})
     * @param deadline the {@link System#nanoTime()} deadline of a timed receive, else {@link #FOREVER}
     * @return the tag, or {@link MessageChannel#NO_MESSAGE}
     */
    abstract long receiveFrame(ByteBuffer dst, boolean blocking, long timeoutNanos, long deadline);

    /**
     * One {@code read}/{@code recv} of at most {@code count} bytes into {@code addr}.
     *
     * @param recvFlags more {@code recv} flags ({@code MSG_PEEK}); sockets only
     * @param blocking wait inside the call (see {@link #receiveFrame})
     * @return the bytes read, 0 at end of stream, or {@link #NOTHING} when nothing came in time
     */
    final long readSome(long addr, long count, int recvFlags, boolean blocking, long timeoutNanos, long deadline) {
        // a pipe in blocking mode is read only when poll said it is readable (try and timed calls)
        boolean pollFirst = !blocking && blockingReads && !socket;
        for (;;) {
            if (blocking) {
                checkOpen("receive");
                checkInterrupt("receive");
            } else if (pollFirst && !awaitReadable(timeoutNanos, deadline)) {
                return NOTHING;
            }
            long n = socket ? Socket.LIB.recv(rfd, addr, count, recvFlags | (blocking ? 0 : Socket.MSG_DONTWAIT))
                    : Unistd.LIB.read(rfd, addr, count);
            if (n >= 0) {
                return n;
            }
            int e = Native.errno();
            if (e == Errno.ECONNRESET) {
                return 0;
            }
            if (e == Errno.EAGAIN) {
                // non-blocking call, or a descriptor someone else made O_NONBLOCK again
                if (timeoutNanos == 0 || (!pollFirst && !awaitReadable(timeoutNanos, deadline))) {
                    return NOTHING;
                }
            } else if (e != Errno.EINTR) {
                throw Errno.exception(socket ? "recv" : "read", uri, e);
            }
        }
    }

    /** Waits until the receive descriptor is readable; {@code false} when not in time. */
    final boolean awaitReadable(long timeoutNanos, long deadline) {
        if (timeoutNanos == 0) {
            return PollWait.ready(rxPoll, rfd, SysPoll.POLLIN);
        }
        return await(rxPoll, rfd, SysPoll.POLLIN, deadline, true, "receive");
    }

    /** Waits, whatever the interrupt status, until the receive descriptor is readable. */
    final void awaitReadableUninterruptibly() {
        await(rxPoll, rfd, SysPoll.POLLIN, FOREVER, false, "receive");
    }

    /**
     * The payload length of the frame header at the start of {@code rx}, checked: a wrong magic or
     * length is a corrupt stream; a payload larger than {@code dst.remaining()} is
     * {@link MessageTooLarge}, whose message says where the message stays ({@code stays}).
     */
    final int headerLength(ByteBuffer dst, String stays) {
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

    /** Hands the complete frame in {@code rx} (payload {@code len}) to {@code dst}; its tag. */
    final long deliver(ByteBuffer dst, int len) {
        long tag = NativeMemory.getLong(rxAddr + 8);
        dst.put(dst.position(), rx, HEADER, len);
        dst.position(dst.position() + len);
        rxEnd = 0;
        return tag;
    }

    final IpcException corrupt(int magic, int len) {
        return new IpcException("receive", uri, IpcException.NO_ERRNO, null, "corrupt stream: frame header with magic 0x"
                + Integer.toHexString(magic) + " and length " + len + " (expected magic 0x" + Integer.toHexString(MAGIC)
                + ", length 0.." + maxPayload + " = " + limitName + "); a writer that is not jipc, or a different "
                + limitName + " on the two ends?");
    }

    final IpcRemoved endOfStreamError() {
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

    final void checkOpen(String op) {
        if (closing) {
            throw new IpcClosed(op, uri);
        }
    }

    final void checkInterrupt(String op) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IpcInterrupted(op, uri, "interrupted while waiting; interrupt status kept");
        }
    }

    /** Waits until {@code fd} is ready for {@code events}; {@code false} at the deadline. */
    final boolean await(long pollfd, int fd, short events, long deadline, boolean interruptible, String op) {
        return PollWait.await(pollfd, fd, events, deadline, closed, interruptible, op, uri);
    }

    /** Frees the native memory of a handle whose construction failed (its descriptors stay the caller's). */
    final void freeMemory() {
        NativeMemory.free(memory);
    }

    /** More to release at close (after both descriptors), under both locks. */
    void closeMore() {
    }

    /**
     * Closes both descriptors (once) after any operation in progress has left: a receiver blocked
     * in the kernel is signalled out, one waiting in {@code poll} notices within one slice; both
     * fail with {@link IpcClosed}.
     */
    public void close() {
        closing = true;
        if (rxWaiters != null) {
            rxWaiters.wakeAll();
        }
        rxLock.lock();
        txLock.lock();
        try {
            Fd.close(rfd); // ignores a negative descriptor
            if (wfd != rfd) {
                Fd.close(wfd);
            }
            closeMore();
            NativeMemory.free(memory);
        } finally {
            txLock.unlock();
            rxLock.unlock();
        }
    }
}
