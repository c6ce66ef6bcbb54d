package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Pollable;
import io.jipc.api.Select;
import io.jipc.os.BlockedThreads;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.PosixMq;
import io.jipc.spi.AbstractMessageChannel;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A POSIX message queue ({@code mq_open}), scheme {@code posix:/name}.
 *
 * <h2>URI</h2>
 * {@code posix:/name?maxmsg=10&msgsize=8192&mode=0600&open=open-or-create}. {@code maxmsg} and
 * {@code msgsize} apply when the queue is created (defaults: {@code /proc/sys/fs/mqueue/msg_default}
 * and {@code msgsize_default}); opening an existing queue whose attributes differ from the ones
 * given fails rather than silently ignoring them. {@code mode} is applied with {@code fchmod} after
 * creation, so the process umask does not narrow it.
 *
 * <h2>Semantics</h2>
 * The tag is the priority, {@code 0 <= p < sysconf(_SC_MQ_PRIO_MAX)}; the highest priority is
 * received first, FIFO within a priority; only {@link Select#any()} is possible. Try operations
 * use {@code mq_timedsend}/{@code mq_timedreceive} with an absolute timeout already in the past
 * (the epoch), so they never touch the descriptor's shared {@code O_NONBLOCK} flag.
 *
 * <h2>Blocking, close and interrupts</h2>
 * A blocking or timed {@code receive} is one {@code mq_timedreceive} with the real deadline (none
 * for the untimed form; a {@code CLOCK_REALTIME} deadline for the timed one), as C would make it: an
 * idle waiter sleeps in the kernel and takes a message the moment it comes. A blocking or timed
 * {@code send} first tries (there is room, most of the time), and on a full queue makes one
 * {@code mq_timedsend} with the real deadline. For the length of that call the thread is
 * registered in the handle ({@link BlockedThreads}): {@link #close()} and {@link Thread#interrupt()}
 * reach it with the JDK's own do-nothing I/O-interrupt signal, the call returns {@code EINTR} having sent or taken nothing,
 * and the thread fails with {@link IpcClosed} or {@link IpcInterrupted} (interrupt status kept).
 * A thread already interrupted still takes a message that is there, or sends into room that is
 * there, then fails rather than wait. When that signal cannot be used in this JVM
 * ({@link BlockedThreads#available()}, or its handler would restart the call), or more than
 * {@value #WAITER_SLOTS} threads wait on one handle at once, the others wait in slices of at most
 * {@value #SLICE_MILLIS} ms, looking at close and interrupts between slices.
 *
 * <h2>Receive buffers: at least {@code mq_msgsize} bytes</h2>
 * A POSIX queue cannot be peeked: {@code mq_receive} takes the head message out of the kernel, and
 * refuses ({@code EMSGSIZE}, dequeuing nothing) any buffer smaller than the queue's
 * {@code mq_msgsize}, whatever the length of the message waiting. This channel keeps exactly that
 * rule, before any system call: a receive whose {@code dst.remaining()} is smaller than
 * {@link #messageSize()} ({@code capabilities().maxMessageSize()}) fails with
 * {@link MessageTooLarge} ({@code EMSGSIZE}, {@link MessageTooLarge#size()} -1 since the message's
 * length cannot be known without taking it) and nothing leaves the queue: the message stays visible
 * to every handle and process, and survives this process's death. The channel never holds a
 * message in the handle. Receive into a buffer of {@code capabilities().maxMessageSize()} bytes.
 *
 * <h2>Hot path</h2>
 * Direct buffers go straight to the kernel; heap buffers are copied through a per-thread native
 * staging area. Nothing is allocated per message; {@code EINTR} is retried.
 */
public final class PosixMessageChannel extends AbstractMessageChannel implements Pollable {
    static final Set<String> OPTIONS = Set.of("maxmsg", "msgsize");
    /** Longest single native wait of a thread that could not register (see the class comment). */
    static final long SLICE_MILLIS = 100;
    /** Threads of one handle that can wait in the kernel at once (more wait in slices). */
    static final int WAITER_SLOTS = 8;

    private final String name;
    private final int mqd;
    private final long maxmsg;
    private final int msgsize;
    private final Capabilities caps;
    /** The system calls and their waits. */
    private final PosixQueueCalls calls;

    PosixMessageChannel(IpcUri uri, String name, int mqd, long maxmsg, int msgsize) {
        super(uri);
        this.name = name;
        this.mqd = mqd;
        this.maxmsg = maxmsg;
        this.msgsize = msgsize;
        this.caps = PosixBackend.channelCapabilities().toBuilder()
                .maxMessageSize(msgsize)
                .capacityMessages(maxmsg)
                .capacityBytes(maxmsg * msgsize)
                .build();
        this.calls = new PosixQueueCalls(this, mqd, msgsize);
    }

    /** Opens or creates the queue {@code uri} names; validates everything before any system call. */
    static PosixMessageChannel open(IpcUri uri) {
        return PosixQueueOpener.open(uri);
    }

    // ---------------------------------------------------------------- send

    @Override
    public void send(ByteBuffer msg, long tag) {
        send0("send", msg, tag, true, Long.MAX_VALUE);
    }

    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        return send0("trySend", msg, tag, false, 0);
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("send", timeout, unit);
        return send0("send", msg, tag, false, nanos);
    }

    private boolean send0(String op, ByteBuffer msg, long tag, boolean forever, long nanos) {
        checkTag(op, caps, tag);
        int n = msg.remaining();
        if (n > msgsize) {
            throw new MessageTooLarge(op, uri().toString(), n, msgsize,
                    "mq_msgsize of this queue (set by msgsize= at creation; system ceiling msgsize_max in"
                            + " /proc/sys/fs/mqueue/msgsize_max)");
        }
        PosixQueueCalls.Scratch sc = calls.scratch();
        int pos = msg.position();
        long addr;
        if (msg.isDirect()) {
            addr = NativeMemory.address(msg) + pos;
        } else {
            sc.buffer.put(PosixQueueCalls.MSG, msg, pos, n);
            addr = sc.base + PosixQueueCalls.MSG;
        }
        if (calls.call(op, true, sc, addr, n, (int) tag, forever, nanos) == PosixQueueCalls.NONE) {
            return false;
        }
        msg.position(pos + n);
        return true;
    }

    // ---------------------------------------------------------------- receive

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        return receive0("receive", dst, sel, true, Long.MAX_VALUE);
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        return receive0("tryReceive", dst, sel, false, 0);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("receive", timeout, unit);
        return receive0("receive", dst, sel, false, nanos);
    }

    private long receive0(String op, ByteBuffer dst, Select sel, boolean forever, long nanos) {
        ensureOpen(op);
        checkSelect(op, caps, sel);
        checkDestination(op, dst);
        int room = dst.remaining();
        if (room < msgsize) {
            // mq_receive would fail with EMSGSIZE and dequeue nothing: say so before the call,
            // never take a message out that might not fit
            throw new MessageTooLarge(op, uri().toString(), Errno.EMSGSIZE, Errno.name(Errno.EMSGSIZE), -1, room,
                    "the receive buffer's remaining space, which must be at least mq_msgsize = " + msgsize
                            + " bytes on a POSIX queue (mq_receive refuses less with EMSGSIZE and dequeues nothing:"
                            + " the message stays queued for every handle; receive into"
                            + " capabilities().maxMessageSize() bytes); remaining");
        }
        PosixQueueCalls.Scratch sc = calls.scratch();
        int pos = dst.position();
        boolean straight = dst.isDirect();
        long addr = straight ? NativeMemory.address(dst) + pos : sc.base + PosixQueueCalls.MSG;
        long n = calls.call(op, false, sc, addr, msgsize, 0, forever, nanos);
        if (n == PosixQueueCalls.NONE) {
            return NO_MESSAGE;
        }
        int len = (int) n;
        if (!straight) {
            dst.put(pos, sc.buffer, PosixQueueCalls.MSG, len);
        }
        dst.position(pos + len);
        return NativeMemory.getInt(sc.base + PosixQueueCalls.PRIO);
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public ChannelStats stats() {
        long cur = calls.queuedMessages();
        long bytes = PosixQueueOpener.queuedBytes(name, mqd);
        return new ChannelStats(cur, bytes, maxmsg, maxmsg * msgsize,
                Capabilities.UNKNOWN, Capabilities.UNKNOWN, Capabilities.UNKNOWN, Capabilities.UNKNOWN);
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@code mq_unlink}: the name goes; open handles (this one too) keep working; a later open makes a new queue. */
    @Override
    public void remove() {
        if (PosixMq.LIB.mq_unlink(name) != 0) {
            int e = Native.errno();
            if (e != Errno.ENOENT) {
                throw Errno.exception("mq_unlink", uri(), e);
            }
        }
    }

    /** {@inheritDoc} The queue's descriptor ({@code mqd_t} is a descriptor on Linux). */
    @Override
    public int receiveDescriptor() {
        return mqd;
    }

    /** {@inheritDoc} The same descriptor as {@link #receiveDescriptor()}. */
    @Override
    public int sendDescriptor() {
        return mqd;
    }

    /** {@return the queue's {@code mq_msgsize}} */
    public int messageSize() {
        return msgsize;
    }

    /** {@return the queue's {@code mq_maxmsg}} */
    public long maxMessages() {
        return maxmsg;
    }

    @Override
    protected void closeOnce() {
        calls.close();
    }

    /** Threads now registered as waiting in the kernel through this handle (tests, diagnostics). */
    int blockedInKernel() {
        return calls.blockedInKernel();
    }
}
