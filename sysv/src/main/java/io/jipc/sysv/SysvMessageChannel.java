package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Primitive;
import io.jipc.api.Select;
import io.jipc.os.BlockedThreads;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SysvIpc;
import io.jipc.spi.AbstractMessageChannel;
import io.jipc.sysv.internal.SysvTarget;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A System V message queue ({@code msgget}, {@code msgsnd}, {@code msgrcv}, {@code msgctl}).
 *
 * <p><b>Tags.</b> The tag is the SysV message type, {@code 1..Long.MAX_VALUE} (default 1).
 * {@link Select} maps to {@code msgtyp}: {@code any()} → 0, {@code tag(t)} → t, {@code upTo(t)}
 * → −t (lowest type first: a priority queue), {@code not(t)} → t with {@code MSG_EXCEPT}.
 *
 * <p><b>Wire format.</b> Each message is the C {@code struct msgbuf}: a {@code long mtype} then
 * the bytes, so C programs on the same queue understand it. Each thread using a handle gets its
 * own native staging buffer of {@code 8 + msgmax} bytes (allocated on first use, freed by a
 * {@link java.lang.ref.Cleaner}): the hot path allocates nothing, takes no lock, and two threads on
 * one handle never share a buffer.
 *
 * <p><b>Sizes.</b> A send larger than {@code msgmax} fails with {@link MessageTooLarge} before
 * any system call. A message larger than {@code dst.remaining()} fails with
 * {@link MessageTooLarge} and stays queued ({@code E2BIG}); option {@code truncate=true} sets
 * {@code MSG_NOERROR} instead, which cuts the message to the buffer. A full queue blocks
 * {@code send}; {@code trySend} returns {@code false}.
 *
 * <p><b>Blocking.</b> A blocking {@code send}/{@code receive} makes one blocking
 * {@code msgsnd}/{@code msgrcv}, as C would: the thread sleeps in the kernel and takes a message
 * the moment it comes. To let {@link #close()} reach it there, the thread registers itself in the
 * handle for the duration of the call ({@link BlockedThreads}: a compare-and-set, no allocation),
 * and {@code close()} sends each registered thread the JDK's own I/O-interrupt signal (62,
 * {@code __SIGRTMAX - 2}, whose handler does nothing), repeating until each has left the call: the
 * call returns {@code EINTR} and the thread fails with {@link io.jipc.api.IpcClosed}. Nothing was
 * sent or received by an interrupted call, so no message is lost or half-sent by that race. If the
 * signal has no handler in this JVM ({@link BlockedThreads#available()}), or more than
 * 8 threads block in one handle at once, the extra waiters wait as the timed
 * forms do (below).
 *
 * <p><b>Interrupts.</b> A blocking {@code send}/{@code receive} checks the interrupt status before
 * it blocks (an interrupted thread gets {@link IpcInterrupted}, status kept), but once inside
 * {@code msgrcv}/{@code msgsnd} the kernel cannot see {@code Thread.interrupt()}: the thread stays
 * blocked until a message (or room) comes, the handle is closed, or the queue is removed
 * ({@code remove()} from anywhere wakes it with {@link io.jipc.api.IpcRemoved}). This keeps the
 * blocking path at one system call. Use the timed forms when a thread must be interruptible.
 *
 * <p><b>Timed operations</b> are emulated (the kernel has no timed {@code msgsnd}/{@code msgrcv}):
 * {@code IPC_NOWAIT} attempts, the first 32 separated by {@code Thread.yield()}, then by sleeps
 * that double from 20 µs up to 5 ms, so a waiter never burns a core, wakes at most ~5 ms late,
 * and between two attempts sees the thread's interrupt status ({@link IpcInterrupted}, status
 * kept) and a concurrent {@link #close()} ({@link io.jipc.api.IpcClosed}). Each attempt either
 * takes a whole message or nothing.
 *
 * <p><b>Removal.</b> {@link #remove()} is {@code IPC_RMID}: the queue and its messages go at once,
 * receivers and senders blocked on it (in any process) fail with {@link io.jipc.api.IpcRemoved}.
 */
public final class SysvMessageChannel extends AbstractMessageChannel {
    /** Options of {@code sysv} channels besides the common and addressing ones. */
    public static final Set<String> OPTIONS = Set.of("truncate", "qbytes");

    private static final SysvIpc LIB = SysvIpc.LIB;
    private static final int MTYPE = SysvQueueOpener.MTYPE;
    private static final long FIRST_SLEEP_NANOS = 20_000;
    private static final long MAX_SLEEP_NANOS = 5_000_000;
    /** Attempts separated by {@code Thread.yield()} before the first sleep: a message that comes within tens of µs is taken at once. */
    private static final int YIELD_ATTEMPTS = 32;
    /** Threads of one handle that can block in the kernel at once (more wait as the timed forms do). */
    static final int WAITER_SLOTS = 8;
    /** What {@link #once} returns for a message sent (tags received are 1 or more). */
    private static final long SENT = 0;

    private final int id;
    private final long msgmax;
    private final boolean truncate;
    private final Capabilities caps;
    private final ThreadLocal<Staging> staging;
    /** The threads blocked in {@code msgsnd}/{@code msgrcv} through this handle, for {@link #closeOnce()}. */
    private final BlockedThreads waiters = new BlockedThreads(WAITER_SLOTS);

    /** One thread's {@code struct msgbuf}. */
    private static final class Staging {
        final ByteBuffer buffer;
        final long address;

        Staging(int size) {
            buffer = NativeMemory.allocateBuffer(size);
            address = NativeMemory.address(buffer);
        }
    }

    SysvMessageChannel(IpcUri uri, int id, long msgmax, boolean truncate, long qbytes) {
        super(uri);
        this.id = id;
        this.msgmax = msgmax;
        this.truncate = truncate;
        this.caps = SysvBackend.channelCapabilities().toBuilder()
                .maxMessageSize(msgmax).capacityBytes(qbytes).build();
        int size = (int) (MTYPE + msgmax);
        this.staging = ThreadLocal.withInitial(() -> new Staging(size));
    }

    /** Opens the queue {@code uri} names (see the package comment for the grammar). */
    static SysvMessageChannel open(IpcUri uri) {
        return SysvQueueOpener.open(uri);
    }

    /** {@return the queue's identifier ({@code msqid}, as {@code ipcs -q} shows it)} */
    public int id() {
        return id;
    }

    /** {@return a URI another process can open this queue with: {@code sysv:?id=N} (plus {@code truncate=true} if set)} */
    public String idUri() {
        return "sysv:?id=" + id + (truncate ? "&truncate=true" : "");
    }

    /** {@return the {@code msgmax} in force when this handle was opened} */
    public long msgmax() {
        return msgmax;
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    // ---------------------------------------------------------------- the public operations

    @Override
    public void send(ByteBuffer msg, long tag) {
        blocking("send", msg, tag, null);
    }

    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        return sendOnce("trySend", msg, tag, SysvIpc.IPC_NOWAIT);
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("send", timeout, unit);
        return waitInSlices("send", msg, tag, null, nanos, false) != NO_MESSAGE;
    }

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        return blocking("receive", dst, 0, sel);
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        return receiveOnce("tryReceive", dst, sel, SysvIpc.IPC_NOWAIT);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        long nanos = timeoutNanos("receive", timeout, unit);
        return waitInSlices("receive", dst, 0, sel, nanos, false);
    }

    // ---------------------------------------------------------------- waiting

    /**
     * The untimed send ({@code sel == null}: {@code buf} with {@code tag}) or receive (into
     * {@code buf}, as {@code sel} says): one blocking {@code msgsnd}/{@code msgrcv} while
     * registered in {@link #waiters}; the slice wait when no slot or no signal is available.
     */
    private long blocking(String op, ByteBuffer buf, long tag, Select sel) {
        checkInterrupt(op);
        int slot = waiters.register();
        if (slot < 0) {
            return waitInSlices(op, buf, tag, sel, 0, true); // a wait that sees close by itself
        }
        try {
            // One blocking call; NO_MESSAGE only for EINTR (close's signal, or another): look again.
            // once() checks the closed state first, after the registration close() will see.
            while (true) {
                long r = once(op, buf, tag, sel, 0);
                if (r != NO_MESSAGE) {
                    return r;
                }
                checkInterrupt(op);
            }
        } finally {
            waiters.deregister(slot);
        }
    }

    /**
     * {@code IPC_NOWAIT} attempts with growing sleeps until done, the deadline, an interrupt or
     * close: the timed forms, and the blocking forms' fallback when they cannot register.
     * Returns what {@link #once} returned, or {@code NO_MESSAGE} at the deadline.
     */
    private long waitInSlices(String op, ByteBuffer buf, long tag, Select sel, long nanos, boolean forever) {
        long r = once(op, buf, tag, sel, SysvIpc.IPC_NOWAIT);
        if (r != NO_MESSAGE) {
            return r;
        }
        long deadline = System.nanoTime() + nanos;
        for (int i = 0; i < YIELD_ATTEMPTS && (forever || deadline - System.nanoTime() > 0); i++) {
            Thread.yield();
            checkInterrupt(op);
            r = once(op, buf, tag, sel, SysvIpc.IPC_NOWAIT);
            if (r != NO_MESSAGE) {
                return r;
            }
        }
        long sleep = FIRST_SLEEP_NANOS;
        while (true) {
            long wait = sleep;
            if (!forever) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return NO_MESSAGE;
                }
                wait = Math.min(sleep, left);
            }
            LockSupport.parkNanos(wait);
            checkInterrupt(op);
            r = once(op, buf, tag, sel, SysvIpc.IPC_NOWAIT);
            if (r != NO_MESSAGE) {
                return r;
            }
            sleep = Math.min(sleep * 2, MAX_SLEEP_NANOS);
        }
    }

    /** One send ({@code sel == null}; {@link #SENT} when sent) or receive (the tag), else {@code NO_MESSAGE}. */
    private long once(String op, ByteBuffer buf, long tag, Select sel, int flags) {
        if (sel == null) {
            return sendOnce(op, buf, tag, flags) ? SENT : NO_MESSAGE;
        }
        return receiveOnce(op, buf, sel, flags);
    }

    // ---------------------------------------------------------------- the system calls

    /**
     * One {@code msgsnd}. Returns false when {@code IPC_NOWAIT} found the queue full, or when a
     * blocking call ({@code flags} without {@code IPC_NOWAIT}) was interrupted by a signal.
     */
    private boolean sendOnce(String op, ByteBuffer msg, long tag, int flags) {
        ensureOpen(op);
        checkTag(op, caps, tag);
        int len = msg.remaining();
        if (len > msgmax) {
            throw new MessageTooLarge(op, uri().toString(), len, msgmax, "msgmax");
        }
        Staging s = staging.get();
        NativeMemory.putLong(s.address, tag);
        s.buffer.put(MTYPE, msg, msg.position(), len);
        while (true) {
            if (LIB.msgsnd(id, s.address, len, flags) == 0) {
                msg.position(msg.position() + len);
                return true;
            }
            int e = Native.errno();
            if (e == Errno.EAGAIN) {
                return false; // IPC_NOWAIT and the queue is full
            }
            if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("msgsnd", uri(), id, "message queue", e);
            }
            if ((flags & SysvIpc.IPC_NOWAIT) == 0) {
                return false; // a signal (close() sends one): nothing was sent; the caller looks at the state
            }
        }
    }

    /**
     * One {@code msgrcv}. Returns {@code NO_MESSAGE} when {@code IPC_NOWAIT} found no matching
     * message, or when a blocking call ({@code flags} without {@code IPC_NOWAIT}) was interrupted
     * by a signal.
     */
    private long receiveOnce(String op, ByteBuffer dst, Select sel, int flags) {
        boolean blocking = (flags & SysvIpc.IPC_NOWAIT) == 0;
        ensureOpen(op);
        checkSelect(op, caps, sel);
        checkDestination(op, dst);
        long msgtyp;
        switch (sel.kind()) {
            case ANY:
                msgtyp = 0;
                break;
            case TAG:
                msgtyp = sel.tag();
                break;
            case UP_TO:
                msgtyp = -sel.tag();
                break;
            default:
                msgtyp = sel.tag();
                flags |= SysvIpc.MSG_EXCEPT;
        }
        if (truncate) {
            flags |= SysvIpc.MSG_NOERROR;
        }
        int room = dst.remaining();
        long max = Math.min(room, msgmax);
        Staging s = staging.get();
        while (true) {
            long n = LIB.msgrcv(id, s.address, max, msgtyp, flags);
            if (n >= 0) {
                int pos = dst.position();
                dst.put(pos, s.buffer, MTYPE, (int) n);
                dst.position(pos + (int) n);
                return NativeMemory.getLong(s.address);
            }
            int e = Native.errno();
            if (e == Errno.ENOMSG || e == Errno.EAGAIN) {
                return NO_MESSAGE; // IPC_NOWAIT and nothing matches
            }
            if (e == Errno.E2BIG) {
                throw new MessageTooLarge(op, uri().toString(), e, Errno.name(e), -1, max,
                        "the destination buffer's remaining space (the message stays queued; "
                                + "truncate=true would cut it)");
            }
            if (e != Errno.EINTR) {
                throw SysvTarget.callFailed("msgrcv", uri(), id, "message queue", e);
            }
            if (blocking) {
                return NO_MESSAGE; // a signal (close() sends one): nothing was taken; the caller looks at the state
            }
        }
    }

    private void checkInterrupt(String op) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IpcInterrupted(op, uri().toString(), "the thread was interrupted (its interrupt status is kept)");
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public ChannelStats stats() {
        ensureOpen("stats");
        long[] s = SysvQueueOpener.stat("msgctl(IPC_STAT)", uri(), id, false);
        return new ChannelStats(s[0], s[1], Capabilities.UNKNOWN, s[2], s[3], s[4], s[5], s[6]);
    }

    /** {@code IPC_RMID}: the queue and its messages go now; blocked peers get {@link io.jipc.api.IpcRemoved}. */
    @Override
    public void remove() {
        if (LIB.msgctl(id, SysvIpc.IPC_RMID, 0) != 0) {
            int e = Native.errno();
            if (e != Errno.EINVAL && e != Errno.EIDRM) {
                throw Errno.exception("msgctl(IPC_RMID)", uri(), e, "removing message queue id " + id + ": "
                        + Errno.describe(e));
            }
        }
    }

    @Override
    protected void closeOnce() {
        // The closed state is already visible: signal the threads blocked in msgsnd/msgrcv until
        // each has left (they fail with IpcClosed). Nothing to release in the kernel: a queue has
        // no per-process handle. The staging buffers are freed by their Cleaner once unreachable.
        waiters.wakeAll();
    }

    /** Threads now registered as blocked in the kernel through this handle (tests, diagnostics). */
    int blockedInKernel() {
        return waiters.registered();
    }

    @Override
    public String toString() {
        return "SysvMessageChannel[" + uri() + ", id " + id + (isClosed() ? ", closed" : "") + "]";
    }
}
