package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Open;
import io.jipc.api.Pollable;
import io.jipc.api.Select;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.PosixMq;
import io.jipc.os.SystemLimits;
import io.jipc.os.layout.MqAttrLayout;
import io.jipc.os.layout.TimespecLayout;
import io.jipc.spi.AbstractMessageChannel;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * (the epoch), so they never touch the descriptor's shared {@code O_NONBLOCK} flag; timed
 * operations are native ({@code CLOCK_REALTIME} deadlines, waited in slices of at most
 * {@value #SLICE_MILLIS} ms so that a Java interrupt and a concurrent {@link #close()} are seen).
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
    /** Longest single native wait. */
    static final long SLICE_MILLIS = 100;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;
    /** An absolute timeout already past ({@code {0, 0}}): makes the timed calls non-blocking. */
    private static final long EXPIRED = NativeMemory.allocate(TimespecLayout.SIZE);

    private static final int TS = 0;
    private static final int PRIO = 16;
    private static final int ATTR = 32;
    private static final int MSG = 128;

    private static final int TRY = 0;
    private static final int TIMED = 1;
    private static final int FOREVER = 2;

    private final String name;
    private final int mqd;
    private final long maxmsg;
    private final int msgsize;
    private final Capabilities caps;
    private final ThreadLocal<Scratch> scratch;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Per-thread native memory: timespec, priority, mq_attr, one message. */
    private static final class Scratch {
        final ByteBuffer buffer;
        final long base;

        Scratch(int msgsize) {
            buffer = NativeMemory.allocateBuffer(MSG + msgsize);
            base = NativeMemory.address(buffer);
        }
    }

    private PosixMessageChannel(IpcUri uri, String name, int mqd, long maxmsg, int msgsize) {
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
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(msgsize));
    }

    /** Opens or creates the queue {@code uri} names; validates everything before any system call. */
    static PosixMessageChannel open(IpcUri uri) {
        uri.checkOptions("posix channel", OPTIONS);
        String name = PosixNames.validate(uri, PosixNames.NAME_MAX);
        Open how = uri.open();
        int mode = uri.mode();
        long askMax = uri.longOption("maxmsg", -1, 1, PosixMq.HARD_MSGMAX);
        long askSize = uri.sizeOption("msgsize", -1, 1, PosixMq.HARD_MSGSIZEMAX);
        long wantMax = askMax > 0 ? askMax : SystemLimits.read("/proc/sys/fs/mqueue/msg_default", 10);
        long wantSize = askSize > 0 ? askSize : SystemLimits.read("/proc/sys/fs/mqueue/msgsize_default", 8192);

        long attr = NativeMemory.allocate(MqAttrLayout.SIZE);
        try {
            NativeMemory.putLong(attr + MqAttrLayout.MQ_MAXMSG, wantMax);
            NativeMemory.putLong(attr + MqAttrLayout.MQ_MSGSIZE, wantSize);
            int fd;
            boolean created = false;
            while (true) {
                if (how.mayCreate()) {
                    fd = PosixMq.LIB.mq_open(name, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode, attr);
                    if (fd >= 0) {
                        created = true;
                        break;
                    }
                    int e = Native.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    if (e != Errno.EEXIST) {
                        throw createError(uri, e, wantMax, wantSize);
                    }
                    if (how == Open.CREATE) {
                        throw new IpcAlreadyExists("mq_open", uri.toString(), e, Errno.name(e),
                                "the queue " + name + " exists and open=create was asked");
                    }
                }
                fd = PosixMq.LIB.mq_open(name, Fcntl.O_RDWR, 0, 0);
                if (fd >= 0) {
                    break;
                }
                int e = Native.errno();
                if (e == Errno.EINTR || (e == Errno.ENOENT && how.mayCreate())) {
                    continue; // removed between our two calls: create it
                }
                if (e == Errno.ENOENT) {
                    throw new IpcNotFound("mq_open", uri.toString(), e, Errno.name(e),
                            "no queue " + name + " (open=open was asked)");
                }
                throw openError(uri, e);
            }
            if (created && Native.posix().fchmod(fd, mode) != 0) {
                int e = Native.errno();
                PosixMq.LIB.mq_close(fd);
                PosixMq.LIB.mq_unlink(name);
                throw Errno.exception("fchmod", uri, e, "setting mode " + Integer.toOctalString(mode) + " failed");
            }
            if (PosixMq.LIB.mq_getattr(fd, attr) != 0) {
                int e = Native.errno();
                PosixMq.LIB.mq_close(fd);
                throw Errno.exception("mq_getattr", uri, e);
            }
            long maxmsg = NativeMemory.getLong(attr + MqAttrLayout.MQ_MAXMSG);
            long msgsize = NativeMemory.getLong(attr + MqAttrLayout.MQ_MSGSIZE);
            if (!created && ((askMax > 0 && askMax != maxmsg) || (askSize > 0 && askSize != msgsize))) {
                PosixMq.LIB.mq_close(fd);
                throw new IpcException("mq_open", uri.toString(), IpcException.NO_ERRNO, null,
                        "the queue " + name + " exists with maxmsg=" + maxmsg + ", msgsize=" + msgsize
                                + ", not the maxmsg/msgsize asked; drop those options to open it as it is,"
                                + " or remove it first");
            }
            return new PosixMessageChannel(uri, name, fd, maxmsg, (int) msgsize);
        } finally {
            NativeMemory.free(attr);
        }
    }

    private static IpcException createError(IpcUri uri, int e, long maxmsg, long msgsize) {
        String u = uri.toString();
        String n = Errno.name(e);
        switch (e) {
            case Errno.EINVAL: {
                long msgMax = SystemLimits.mqMsgMax();
                long sizeMax = SystemLimits.mqMsgsizeMax();
                if (maxmsg > msgMax) {
                    return new IpcLimitExceeded("mq_open", u, e, n, "maxmsg=" + maxmsg + " exceeds msg_max=" + msgMax
                            + ", the limit for unprivileged processes; raise it with"
                            + " 'sysctl -w fs.mqueue.msg_max=" + maxmsg + "' (/proc/sys/fs/mqueue/msg_max)");
                }
                if (msgsize > sizeMax) {
                    return new IpcLimitExceeded("mq_open", u, e, n, "msgsize=" + msgsize + " exceeds msgsize_max="
                            + sizeMax + ", the limit for unprivileged processes; raise it with"
                            + " 'sysctl -w fs.mqueue.msgsize_max=" + msgsize + "' (/proc/sys/fs/mqueue/msgsize_max)");
                }
                return Errno.exception("mq_open", u, e, "the kernel refused maxmsg=" + maxmsg + ", msgsize=" + msgsize);
            }
            case Errno.ENOSPC:
                return new IpcLimitExceeded("mq_open", u, e, n, "queues_max="
                        + SystemLimits.read("/proc/sys/fs/mqueue/queues_max", -1)
                        + " POSIX queues exist system-wide; remove unused ones or raise it with"
                        + " 'sysctl -w fs.mqueue.queues_max=N' (/proc/sys/fs/mqueue/queues_max)");
            case Errno.EMFILE: {
                long r = SystemLimits.rlimitMsgqueue();
                return new IpcLimitExceeded("mq_open", u, e, n, "RLIMIT_MSGQUEUE="
                        + (r < 0 ? "unlimited" : r + " bytes")
                        + " per user would be exceeded (this queue needs about " + estimateBytes(maxmsg, msgsize)
                        + " bytes on top of the user's other queues: raise it with 'ulimit -q' or 'msgqueue' in"
                        + " /etc/security/limits.conf), or the process is out of descriptors (ulimit -n)");
            }
            case Errno.ENOSYS:
                return Errno.exception("mq_open", u, e, "this kernel has no POSIX message queues (CONFIG_POSIX_MQUEUE)");
            default:
                return openError(uri, e);
        }
    }

    private static IpcException openError(IpcUri uri, int e) {
        if (e == Errno.EACCES) {
            return Errno.exception("mq_open", uri, e, "the queue's mode does not let this user read and write it");
        }
        return Errno.exception("mq_open", uri, e);
    }

    /** Bytes a queue counts against {@code RLIMIT_MSGQUEUE} (Linux 3.5+; an estimate). */
    static long estimateBytes(long maxmsg, long msgsize) {
        long msgMsg = 48;      // struct msg_msg
        long treeNode = 40;    // struct posix_msg_tree_node
        return maxmsg * (msgsize + msgMsg) + Math.min(maxmsg, PosixMq.HARD_MSGMAX) * treeNode;
    }

    // ---------------------------------------------------------------- in-flight guard

    private void enter(String op) {
        inFlight.incrementAndGet();
        if (isClosed()) {
            inFlight.decrementAndGet();
            ensureOpen(op);
        }
    }

    private void exit() {
        inFlight.decrementAndGet();
    }

    // ---------------------------------------------------------------- send

    @Override
    public void send(ByteBuffer msg, long tag) {
        send0("send", msg, tag, FOREVER, 0);
    }

    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        return send0("trySend", msg, tag, TRY, 0);
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("send", timeout, unit);
        return send0("send", msg, tag, timeout == 0 ? TRY : TIMED, nanos);
    }

    private boolean send0(String op, ByteBuffer msg, long tag, int how, long timeoutNanos) {
        checkTag(op, caps, tag);
        int n = msg.remaining();
        if (n > msgsize) {
            throw new MessageTooLarge(op, uri().toString(), n, msgsize,
                    "mq_msgsize of this queue (set by msgsize= at creation; system ceiling msgsize_max in"
                            + " /proc/sys/fs/mqueue/msgsize_max)");
        }
        enter(op);
        try {
            Scratch sc = scratch.get();
            int pos = msg.position();
            long addr;
            if (msg.isDirect()) {
                addr = NativeMemory.address(msg) + pos;
            } else {
                sc.buffer.put(MSG, msg, pos, n);
                addr = sc.base + MSG;
            }
            long deadline = how == TIMED ? System.nanoTime() + timeoutNanos : 0;
            long ts = EXPIRED;
            while (true) {
                int r = PosixMq.LIB.mq_timedsend(mqd, addr, n, (int) tag, ts);
                if (r == 0) {
                    msg.position(pos + n);
                    return true;
                }
                int e = Native.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.ETIMEDOUT && e != Errno.EAGAIN) {
                    throw fail("mq_timedsend", e);
                }
                if (how == TRY) {
                    return false;
                }
                ts = nextSlice(op, sc, how, deadline);
                if (ts == 0) {
                    return false;
                }
            }
        } finally {
            exit();
        }
    }

    /** Arms the next wait slice; 0 when the deadline has passed. Throws on interrupt or close. */
    private long nextSlice(String op, Scratch sc, int how, long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IpcInterrupted(op, uri().toString(), "the waiting thread was interrupted");
        }
        if (isClosed()) {
            throw new IpcClosed(op, uri().toString());
        }
        long wait = SLICE_NANOS;
        if (how == TIMED) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            wait = Math.min(wait, left);
        }
        TimespecLayout.putAbsoluteRealtime(sc.base + TS, wait);
        return sc.base + TS;
    }

    private IpcException fail(String call, int e) {
        if (e == Errno.EBADF) {
            return new IpcException(call, uri().toString(), e, Errno.name(e), "the queue descriptor is not usable");
        }
        return Errno.exception(call, uri(), e);
    }

    // ---------------------------------------------------------------- receive

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        return receive0("receive", dst, sel, FOREVER, 0);
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        return receive0("tryReceive", dst, sel, TRY, 0);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("receive", timeout, unit);
        return receive0("receive", dst, sel, timeout == 0 ? TRY : TIMED, nanos);
    }

    private long receive0(String op, ByteBuffer dst, Select sel, int how, long timeoutNanos) {
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
        enter(op);
        try {
            Scratch sc = scratch.get();
            int pos = dst.position();
            boolean straight = dst.isDirect();
            long addr = straight ? NativeMemory.address(dst) + pos : sc.base + MSG;
            long deadline = how == TIMED ? System.nanoTime() + timeoutNanos : 0;
            long ts = EXPIRED;
            while (true) {
                long n = PosixMq.LIB.mq_timedreceive(mqd, addr, msgsize, sc.base + PRIO, ts);
                if (n >= 0) {
                    int len = (int) n;
                    if (!straight) {
                        dst.put(pos, sc.buffer, MSG, len);
                    }
                    dst.position(pos + len);
                    return NativeMemory.getInt(sc.base + PRIO);
                }
                int e = Native.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.ETIMEDOUT && e != Errno.EAGAIN) {
                    throw fail("mq_timedreceive", e);
                }
                if (how == TRY) {
                    return NO_MESSAGE;
                }
                ts = nextSlice(op, sc, how, deadline);
                if (ts == 0) {
                    return NO_MESSAGE;
                }
            }
        } finally {
            exit();
        }
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public ChannelStats stats() {
        enter("stats");
        try {
            Scratch sc = scratch.get();
            if (PosixMq.LIB.mq_getattr(mqd, sc.base + ATTR) != 0) {
                throw fail("mq_getattr", Native.errno());
            }
            long cur = NativeMemory.getLong(sc.base + ATTR + MqAttrLayout.MQ_CURMSGS);
            long bytes = queuedBytes();
            return new ChannelStats(cur, bytes, maxmsg, maxmsg * msgsize,
                    Capabilities.UNKNOWN, Capabilities.UNKNOWN, Capabilities.UNKNOWN, Capabilities.UNKNOWN);
        } finally {
            exit();
        }
    }

    /**
     * {@code QSIZE} (payload bytes queued) from {@code /dev/mqueue/NAME} when the mqueue file
     * system is mounted there and that file is this queue (same inode: not a newer queue created
     * after an unlink); {@link Capabilities#UNKNOWN} otherwise. Not a hot path.
     */
    private long queuedBytes() {
        java.nio.file.Path p = java.nio.file.Path.of("/dev/mqueue", name.substring(1));
        try {
            Object ino = java.nio.file.Files.getAttribute(p, "unix:ino");
            if (!(ino instanceof Long) || (Long) ino != Native.posix().fstat(mqd).ino()) {
                return Capabilities.UNKNOWN;
            }
            String text;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(p)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            int at = text.indexOf("QSIZE:");
            if (at < 0) {
                return Capabilities.UNKNOWN;
            }
            int end = at + 6;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(at + 6, end));
        } catch (java.io.IOException | RuntimeException e) {
            return Capabilities.UNKNOWN;
        }
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
        // wait for calls in progress: they leave within one slice once they see the handle closed,
        // so the descriptor number is never closed (and reused) under a running mq_* call
        while (inFlight.get() > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        PosixMq.LIB.mq_close(mqd);
    }
}
