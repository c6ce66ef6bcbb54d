package io.jipc.mmap.ring;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Open;
import io.jipc.api.Select;
import io.jipc.mmap.ring.internal.Liveness;
import io.jipc.mmap.ring.internal.RingChecks;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Futex;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.layout.TimespecLayout;
import jnr.posix.POSIX;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.jipc.mmap.ring.RingLayout.*;

/**
 * A single-producer, single-consumer ring buffer of framed records in shared memory
 * ({@code ring:/name?capacity=N}), the file {@code /dev/shm/jipc.ring.<name>} mapped
 * {@code MAP_SHARED} by every process that opens it. Layout: {@link RingLayout}.
 *
 * <h2>Roles</h2>
 * A handle becomes the producer on its first send and the consumer on its first receive (one
 * handle may be both: a loop-back). The role is claimed by a compare-and-set of the
 * {@code PRODUCER}/{@code CONSUMER} word from 0 to {@code pid << 32 | handle serial} and released
 * on {@link #close()}. A second producer (or consumer) — another process, or another handle in the
 * same process — is refused with {@link IpcUnsupported} naming the holder's pid, unless the holder
 * is dead (no such pid, or a zombie): then its role is taken over. Within one handle, sends (and
 * receives) from several threads are serialized by a per-direction lock.
 *
 * <h2>Waiting</h2>
 * A side that finds the ring empty (full) spins for {@code spin=} nanoseconds (default
 * {@link #DEFAULT_SPIN_NANOS}) with {@link Thread#onSpinWait()} — the consumer on the commit word
 * of the record it waits for, the producer on {@code HEAD} — then announces itself ({@code CONSUMER_SLEEPING}/{@code PRODUCER_SLEEPING} = 1, a volatile store),
 * re-reads the index, and sleeps with {@code FUTEX_WAIT} on the low 32 bits of that index, expecting
 * the value it saw. The other side publishes its index with a volatile store, then reads the flag
 * (a volatile load: store-load ordered, Dekker style) and issues {@code FUTEX_WAKE} only when it
 * finds a sleeper announced and wins the flag's 1 &rarr; 0 compare-and-set. Either the sleeper's
 * re-read sees the new index, or the waker sees the flag; and the kernel's compare in
 * {@code FUTEX_WAIT} closes the gap between re-read and sleep: no wake-up is lost.
 * Sleeps last at most 50 ms per slice; between slices the waiter checks its thread's interrupt
 * status ({@link IpcInterrupted}, status kept set), whether the handle was closed, the deadline of
 * a timed call, and whether the other side's process is still alive.
 *
 * <h2>Crashes</h2>
 * A record is committed by the release store of its commit word after its last byte (see
 * {@link RingLayout}): a producer killed while writing leaves no visible trace, and the next
 * producer, which starts after the last committed record, overwrites the partial bytes. A blocking
 * or timed receive that finds the ring empty while the producer role is held by a dead process
 * ends with {@link IpcRemoved} ("producer pid N is dead") instead of waiting; messages the dead
 * producer published are still delivered first. Symmetrically, a blocked send fails with
 * {@link IpcRemoved} when the consumer died. {@link #tryReceive}/{@link #trySend} never throw for
 * that: they just report empty/full. A peer that closed its handle normally is not "dead": the
 * role is free and a new peer may come.
 *
 * <h2>Hot path</h2>
 * Plain Java memory access through {@code VarHandle} views of the mapped buffer; JNR only for
 * setup and {@code futex}. No allocation per message, no exception for empty or full.
 */
public final class RingChannel extends io.jipc.spi.AbstractMessageChannel {
    /** Where ring files live: tmpfs. */
    public static final String DIRECTORY = "/dev/shm";
    /** File name prefix under {@link #DIRECTORY}. */
    public static final String PREFIX = "jipc.ring.";
    /**
     * Default spin before sleeping, in nanoseconds. Measured here (2-core VM, JDK 17, loaded): a
     * ping-pong between two JVMs where every message sleeps ({@code spin=0}) costs ~47 µs per round
     * trip, i.e. ~23 µs per futex sleep-and-wake, while a message on a busy ring costs about a
     * microsecond; spinning about as long as a sleep would cost (20 µs) is the two-competitive
     * choice, and does not burn a core for long when the peer is idle.
     */
    public static final long DEFAULT_SPIN_NANOS = 20_000;
    /**
     * Longest single futex sleep (50 ms); checks for interrupt, close, deadline and a dead peer in
     * between. The system property {@code jipc.ring.slice-nanos} changes it: the wake-up stress
     * test sets it to minutes so that a lost wake-up shows as a hang instead of a 50 ms delay.
     */
    static final long SLICE_NANOS = Math.max(1_000_000L, Long.getLong("jipc.ring.slice-nanos", 50_000_000L));
    /** The slice new handles use; tests of this package may change it (see {@link #SLICE_NANOS}). */
    static volatile long sliceForNewHandles = SLICE_NANOS;
    /** The options this backend accepts besides {@code mode} and {@code open}. */
    static final Set<String> OPTIONS = Set.of("capacity", "spin");

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle SEND_BUSY;
    private static final VarHandle RECEIVE_BUSY;
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();
    private static final long WAIT_FOREVER = -1;
    private static final long OPEN_WAIT_NANOS = 5_000_000_000L;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEND_BUSY = l.findVarHandle(RingChannel.class, "sendBusy", int.class);
            RECEIVE_BUSY = l.findVarHandle(RingChannel.class, "receiveBusy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final ByteBuffer map;
    private final long address;
    private final long mappedSize;
    private final int capacity;
    private final int mask;
    private final int maxMessage;
    private final long spinNanos;
    private final long sliceNanos = sliceForNewHandles;
    private final long token;
    private final Capabilities caps;
    private final ByteBuffer scratch;
    private final long sendTimespec;
    private final long receiveTimespec;

    @SuppressWarnings("unused") // through SEND_BUSY
    private volatile int sendBusy;
    @SuppressWarnings("unused") // through RECEIVE_BUSY
    private volatile int receiveBusy;

    // producer state, guarded by sendBusy
    private boolean producer;
    private long tail;
    private long headCache;
    // consumer state, guarded by receiveBusy
    private boolean consumer;
    private long head;

    private RingChannel(IpcUri uri, Path file, long address, long mappedSize, int capacity, long spinNanos) {
        super(uri);
        this.file = file;
        this.address = address;
        this.mappedSize = mappedSize;
        this.map = NativeMemory.buffer(address, mappedSize);
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessage = (int) RingLayout.maxMessage(capacity);
        this.spinNanos = spinNanos;
        this.token = (PID << 32) | (SERIAL.incrementAndGet() & 0xFFFF_FFFFL);
        this.caps = RingBackend.capabilities(capacity);
        this.scratch = NativeMemory.allocateBuffer(2 * TimespecLayout.SIZE);
        long s = NativeMemory.address(scratch);
        this.sendTimespec = s;
        this.receiveTimespec = s + TimespecLayout.SIZE;
    }

    // ------------------------------------------------------------------ opening

    /**
     * Opens or creates the ring {@code uri} names. All options are checked before any system call.
     *
     * @param uri the parsed URI, {@code ring:/name?capacity=...}
     * @return the open channel, which the caller closes
     * @throws IpcUriException for a bad name, capacity or spin
     */
    public static RingChannel open(IpcUri uri) {
        uri.checkOptions("ring channel", OPTIONS);
        String name = name(uri);
        if (Futex.SYS_FUTEX < 0) {
            throw new IpcUnsupported("open", uri.toString(), "no futex system call number known for os.arch "
                    + System.getProperty("os.arch") + " (x86-64 and aarch64 Linux only)");
        }
        long requested = uri.has("capacity") ? capacity(uri) : -1;
        long spin = uri.longOption("spin", DEFAULT_SPIN_NANOS, 0, 10_000_000_000L);
        Path file = Path.of(DIRECTORY, PREFIX + name);
        int mode = uri.mode();
        Open open = uri.open();
        POSIX px = Native.posix();
        String path = file.toString();
        int fd;
        boolean created = false;
        for (int attempt = 0; ; attempt++) {
            if (open.mayCreate()) {
                fd = px.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_CLOEXEC | Fcntl.O_NOFOLLOW, mode);
                if (fd >= 0) {
                    created = true;
                    break;
                }
                int e = px.errno();
                if (e != Errno.EEXIST || !open.mayOpenExisting()) {
                    throw Errno.exception("open", uri, e, path + ": " + Errno.describe(e));
                }
            }
            fd = px.open(path, Fcntl.O_RDWR | Fcntl.O_CLOEXEC | Fcntl.O_NOFOLLOW, 0);
            if (fd >= 0) {
                break;
            }
            int e = px.errno();
            if (e == Errno.ENOENT && open.mayCreate() && attempt < 10) {
                continue; // removed between our two opens: try creating again
            }
            throw Errno.exception("open", uri, e, path + ": " + Errno.describe(e));
        }
        try {
            return created ? create(uri, file, fd, requested < 0 ? DEFAULT_CAPACITY : requested, mode, spin)
                    : attach(uri, file, fd, requested, spin);
        } catch (RuntimeException e) {
            if (created) {
                px.unlink(path);
            }
            throw e;
        } finally {
            px.close(fd);
        }
    }

    private static RingChannel create(IpcUri uri, Path file, int fd, long capacity, int mode, long spin) {
        POSIX px = Native.posix();
        String path = file.toString();
        if (px.fchmod(fd, mode) != 0) { // exactly mode=, whatever the umask
            throw Errno.exception("fchmod", uri, px.errno(), path + ": " + Errno.describe(px.errno()));
        }
        long size = fileSize(capacity);
        if (px.ftruncate(fd, size) != 0) {
            int e = px.errno();
            throw Errno.exception("ftruncate", uri, e, path + " to " + size + " bytes: " + Errno.describe(e));
        }
        // Write every page now: tmpfs allocates lazily, and a page it cannot allocate later would
        // be a SIGBUS on the hot path. write() reports ENOSPC instead.
        ByteBuffer zeros = ByteBuffer.allocateDirect(64 * 1024);
        for (long off = 0; off < size; ) {
            int n = (int) Math.min(zeros.capacity(), size - off);
            long w = px.pwrite(fd, zeros, n, off);
            if (w <= 0) {
                int e = px.errno();
                throw Errno.exception("write", uri, e, "filling " + path + " (" + size + " bytes): " + Errno.describe(e));
            }
            off += w;
        }
        long address = NativeMemory.mapShared(fd, size, 0, uri.toString());
        RingChannel ch = new RingChannel(uri, file, address, size, (int) capacity, spin);
        ByteBuffer m = ch.map;
        INTS.set(m, VERSION, VERSION_VALUE);
        INTS.set(m, HEADER_SIZE_FIELD, HEADER_SIZE);
        LONGS.set(m, CAPACITY, capacity);
        LONGS.set(m, MAX_MESSAGE, RingLayout.maxMessage(capacity));
        LONGS.setRelease(m, MAGIC, MAGIC_VALUE);
        RingBackend.CREATED.add(file);
        return ch;
    }

    private static RingChannel attach(IpcUri uri, Path file, int fd, long requested, long spin) {
        POSIX px = Native.posix();
        long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
        RingChecks.requireRegularFile(uri, file, px.fstat(fd).mode()); // a FIFO or device there: say so, do not wait on it
        long size = px.fstat(fd).st_size();
        while (size == 0 && System.nanoTime() < deadline) { // the creator has not sized it yet
            LockSupport.parkNanos(1_000_000);
            size = px.fstat(fd).st_size();
        }
        long capacity = RingChecks.capacityOfFile(uri, file, size);
        long address = NativeMemory.mapShared(fd, size, 0, uri.toString());
        RingChannel ch = new RingChannel(uri, file, address, size, (int) capacity, spin);
        try {
            RingChecks.awaitMagic(uri, file, ch.map, deadline); // waits for a creator still writing the header
            RingChecks.checkHeader(uri, file, ch.map, capacity, requested);
            return ch;
        } catch (InternalError e) {
            ch.close();
            throw RingChecks.fault("open", uri, file, size, e);
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The ring's name from the URI path: one non-empty component of letters, digits, '.', '_', '-'. */
    static String name(IpcUri uri) {
        String p = uri.path();
        String n = p.startsWith("/") ? p.substring(1) : p;
        if (n.isEmpty()) {
            throw new IpcUriException(uri.toString(), "path", "a ring needs a name: ring:/name?capacity=64k");
        }
        if (n.length() > 200) {
            throw new IpcUriException(uri.toString(), "path", "the name is longer than 200 characters");
        }
        if (n.equals(".") || n.equals("..")) {
            throw new IpcUriException(uri.toString(), "path", "'" + n + "' is not a ring name");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IpcUriException(uri.toString(), "path", "character '" + c + "' is not allowed in a ring name"
                        + " (one component of letters, digits, '.', '_', '-'; the ring is the file "
                        + DIRECTORY + "/" + PREFIX + "<name>)");
            }
        }
        return n;
    }

    /** The {@code capacity=} option, checked: a power of two in {@code 64 .. 1g}. */
    static long capacity(IpcUri uri) {
        long c = uri.sizeOption("capacity", DEFAULT_CAPACITY, Long.MIN_VALUE, Long.MAX_VALUE);
        if (c <= 0) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", "'" + uri.option("capacity")
                    + "' is not positive: the capacity is " + RingChecks.validCapacities());
        }
        if (Long.bitCount(c) != 1) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", "'" + uri.option("capacity")
                    + "' (" + c + " bytes) is not a power of two: the capacity is " + RingChecks.validCapacities());
        }
        if (c < MIN_CAPACITY || c > MAX_CAPACITY) {
            throw new IpcUriException(uri.toString(), "option 'capacity'", "'" + uri.option("capacity")
                    + "' (" + c + " bytes) is outside " + MIN_CAPACITY + " .. " + MAX_CAPACITY + " bytes: the capacity is "
                    + RingChecks.validCapacities());
        }
        return c;
    }

    // ------------------------------------------------------------------ handle

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@return the shared file backing this ring} */
    public Path file() {
        return file;
    }

    /** {@return the data capacity in bytes} */
    public int capacity() {
        return capacity;
    }

    /** {@return the largest payload accepted ({@code capacity / 2 - 24}, see {@link RingLayout#maxMessage(long)})} */
    public int maxMessage() {
        return maxMessage;
    }

    /** {@return the spin time before sleeping, in nanoseconds} */
    public long spinNanos() {
        return spinNanos;
    }

    @Override
    public void remove() {
        POSIX px = Native.posix();
        if (px.unlink(file.toString()) != 0) {
            int e = px.errno();
            if (e != Errno.ENOENT) {
                throw Errno.exception("unlink", uri(), e, file + ": " + Errno.describe(e));
            }
        }
        RingBackend.CREATED.remove(file);
    }

    @Override
    protected void closeOnce() {
        // Wake our own sleepers (they see the closed flag and leave), then wait until no thread of
        // this handle is inside the ring, release our roles and retire the mapping.
        acquireForClose(SEND_BUSY);
        acquireForClose(RECEIVE_BUSY);
        try {
            if (RingChecks.headerReadable(map)) { // truncated by another process: a CAS there would kill the JVM
                LONGS.compareAndSet(map, PRODUCER, token, 0L);
                LONGS.compareAndSet(map, CONSUMER, token, 0L);
            }
        } catch (InternalError e) { // a fault the JDK reports late (compiled code): close still succeeds
            RingChecks.ignoreFault(e);
        } finally {
            NativeMemory.retire(address, mappedSize, map);
        }
        // the busy flags stay set: a later call fails in ensureOpen before touching the memory
    }

    @Override
    public ChannelStats stats() {
        ensureOpen("stats");
        long sent = (long) LONGS.getAcquire(map, SENT_MESSAGES);
        long sentBytes = (long) LONGS.getAcquire(map, SENT_BYTES);
        long received = (long) LONGS.getAcquire(map, RECEIVED_MESSAGES);
        long receivedBytes = (long) LONGS.getAcquire(map, RECEIVED_BYTES);
        long p = (long) LONGS.getAcquire(map, PRODUCER);
        long c = (long) LONGS.getAcquire(map, CONSUMER);
        return new ChannelStats(Math.max(0, sent - received), Math.max(0, sentBytes - receivedBytes),
                capacity / RECORD_HEADER, capacity,
                p == 0 ? Capabilities.UNKNOWN : p >>> 32, c == 0 ? Capabilities.UNKNOWN : c >>> 32,
                Capabilities.UNKNOWN, Capabilities.UNKNOWN);
    }

    // ------------------------------------------------------------------ send

    @Override
    public void send(ByteBuffer msg, long tag) {
        sendImpl("send", msg, tag, WAIT_FOREVER);
    }

    @Override
    public boolean trySend(ByteBuffer msg, long tag) {
        return sendImpl("trySend", msg, tag, 0);
    }

    @Override
    public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
        return sendImpl("send", msg, tag, timeoutNanos("send", timeout, unit));
    }

    /** {@code timeoutNanos}: {@link #WAIT_FOREVER}, 0 = try once, or a bound. */
    private boolean sendImpl(String op, ByteBuffer msg, long tag, long timeoutNanos) {
        int len = msg.remaining();
        if (tag < 0) {
            checkTag(op, caps, tag);
        }
        if (len > maxMessage) {
            throw new MessageTooLarge(op, uri().toString(), len, maxMessage,
                    "ring max message (capacity / 2 - " + RECORD_HEADER + ")");
        }
        ensureOpen(op);
        acquire(SEND_BUSY, op);
        try {
            ensureOpen(op);
            if (!producer) {
                claim(op, PRODUCER, "producer");
                RingChecks.checkIndexes(op, uri(), file, map, capacity);
                tail = committedEnd(map, (long) LONGS.getVolatile(map, TAIL));
                headCache = (long) LONGS.getVolatile(map, HEAD);
                producer = true;
            }
            ByteBuffer m = map;
            long t = tail;
            int rec = (int) RingLayout.recordSize(len);
            int off = (int) (t & mask);
            int toEnd = capacity - off;
            long need = rec <= toEnd ? rec : (long) toEnd + rec;
            if (t + need - headCache > capacity) {
                headCache = (long) LONGS.getAcquire(m, HEAD);
                long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
                while (t + need - headCache > capacity) {
                    if (timeoutNanos == 0) {
                        return false;
                    }
                    if (!await(op, HEAD, headCache, PRODUCER_SLEEPING, CONSUMER, "consumer", deadline,
                            timeoutNanos == WAIT_FOREVER, sendTimespec)) {
                        return false;
                    }
                    headCache = (long) LONGS.getAcquire(m, HEAD);
                }
            }
            if (rec > toEnd) {
                if (toEnd >= RECORD_HEADER) {
                    int p = HEADER_SIZE + off;
                    INTS.set(m, p + REC_LENGTH, toEnd);
                    INTS.set(m, p + REC_KIND, KIND_PADDING);
                    LONGS.set(m, p + REC_TAG, 0L);
                    LONGS.setRelease(m, p + REC_COMMIT, commit(t));
                }
                t += toEnd;
                off = 0;
            }
            int p = HEADER_SIZE + off;
            INTS.set(m, p + REC_LENGTH, len);
            INTS.set(m, p + REC_KIND, KIND_MESSAGE);
            LONGS.set(m, p + REC_TAG, tag);
            int pos = msg.position();
            m.put(p + RECORD_HEADER, msg, pos, len);
            LONGS.setRelease(m, p + REC_COMMIT, commit(t)); // commit: the consumer may read it now
            msg.position(pos + len);
            t += rec;
            tail = t;
            LONGS.setOpaque(m, SENT_MESSAGES, (long) LONGS.get(m, SENT_MESSAGES) + 1);
            LONGS.setOpaque(m, SENT_BYTES, (long) LONGS.get(m, SENT_BYTES) + len);
            LONGS.setVolatile(m, TAIL, t); // publish: everything above is visible before this
            if ((int) INTS.getVolatile(m, CONSUMER_SLEEPING) != 0 && INTS.compareAndSet(m, CONSUMER_SLEEPING, 1, 0)) {
                io.jipc.os.Futexes.wake(address + TAIL + FUTEX_IN_WORD, 1);
            }
            return true;
        } catch (InternalError e) {
            throw RingChecks.fault(op, uri(), file, mappedSize, e);
        } finally {
            SEND_BUSY.setRelease(this, 0);
        }
    }

    // ------------------------------------------------------------------ receive

    @Override
    public long receive(ByteBuffer dst, Select sel) {
        return receiveImpl("receive", dst, sel, WAIT_FOREVER);
    }

    @Override
    public long tryReceive(ByteBuffer dst, Select sel) {
        return receiveImpl("tryReceive", dst, sel, 0);
    }

    @Override
    public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
        return receiveImpl("receive", dst, sel, timeoutNanos("receive", timeout, unit));
    }

    private long receiveImpl(String op, ByteBuffer dst, Select sel, long timeoutNanos) {
        if (sel != Select.any()) {
            checkSelect(op, caps, sel);
        }
        checkDestination(op, dst);
        ensureOpen(op);
        acquire(RECEIVE_BUSY, op);
        try {
            ensureOpen(op);
            if (!consumer) {
                claim(op, CONSUMER, "consumer");
                RingChecks.checkIndexes(op, uri(), file, map, capacity);
                head = (long) LONGS.getVolatile(map, HEAD);
                consumer = true;
            }
            ByteBuffer m = map;
            long h = head;
            long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
            for (;;) {
                int off = (int) (h & mask);
                int toEnd = capacity - off;
                if (toEnd < RECORD_HEADER) { // too short for a record: skipped by rule
                    h += toEnd;
                    head = h;
                    continue;
                }
                int p = HEADER_SIZE + off;
                int commitAt = p + REC_COMMIT;
                long committed = commit(h);
                if ((long) LONGS.getAcquire(m, commitAt) != committed
                        && (timeoutNanos == 0 || !awaitRecord(op, commitAt, committed, h, deadline,
                                timeoutNanos == WAIT_FOREVER))) {
                    if ((long) LONGS.getAcquire(m, TAIL) - h > 0 && (long) LONGS.getAcquire(m, commitAt) != committed) {
                        throw corrupted(op, h, "published up to " + (long) LONGS.getAcquire(m, TAIL)
                                + " but the record's commit word is " + (long) LONGS.getAcquire(m, commitAt)
                                + ", not " + committed);
                    }
                    return NO_MESSAGE;
                }
                int len = (int) INTS.get(m, p + REC_LENGTH);
                int kind = (int) INTS.get(m, p + REC_KIND);
                if (kind == KIND_PADDING && len == toEnd) {
                    h += toEnd;
                    head = h;
                    continue;
                }
                if (kind != KIND_MESSAGE || len < 0 || len > maxMessage || RingLayout.recordSize(len) > toEnd) {
                    throw corrupted(op, h, "kind 0x" + Integer.toHexString(kind) + ", length " + len);
                }
                if (len > dst.remaining()) {
                    publishHead(m, h, 0, 0); // the padding skipped so far is consumed; the message stays
                    throw new MessageTooLarge(op, uri().toString(), len, dst.remaining(),
                            "the destination buffer's remaining bytes; the message stays queued");
                }
                long tag = (long) LONGS.get(m, p + REC_TAG);
                int pos = dst.position();
                dst.put(pos, m, p + RECORD_HEADER, len);
                dst.position(pos + len);
                publishHead(m, h + RingLayout.recordSize(len), 1, len);
                return tag;
            }
        } catch (InternalError e) {
            throw RingChecks.fault(op, uri(), file, mappedSize, e);
        } finally {
            RECEIVE_BUSY.setRelease(this, 0);
        }
    }

    private void publishHead(ByteBuffer m, long h, int messages, int bytes) {
        head = h;
        if (messages != 0) {
            LONGS.setOpaque(m, RECEIVED_MESSAGES, (long) LONGS.get(m, RECEIVED_MESSAGES) + messages);
            LONGS.setOpaque(m, RECEIVED_BYTES, (long) LONGS.get(m, RECEIVED_BYTES) + bytes);
        }
        LONGS.setVolatile(m, HEAD, h);
        if ((int) INTS.getVolatile(m, PRODUCER_SLEEPING) != 0 && INTS.compareAndSet(m, PRODUCER_SLEEPING, 1, 0)) {
            io.jipc.os.Futexes.wake(address + HEAD + FUTEX_IN_WORD, 1);
        }
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits until the index word at {@code indexOffset} differs from {@code observed}: spin, then
     * announce-recheck-sleep in slices.
     *
     * @return {@code true} when it changed, {@code false} at the deadline
     * @throws IpcInterrupted when the thread is interrupted (status kept)
     * @throws IpcRemoved when the other side's process is dead and nothing changed
     */
    private boolean await(String op, int indexOffset, long observed, int sleepingOffset, int peerOffset,
                          String peerRole, long deadline, boolean forever, long timespec) {
        ByteBuffer m = map;
        long start = System.nanoTime();
        if (spinNanos > 0) {
            do {
                for (int k = 0; k < 64; k++) {
                    if ((long) LONGS.getAcquire(m, indexOffset) != observed) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
                if (!forever && System.nanoTime() - deadline >= 0) {
                    return false;
                }
            } while (System.nanoTime() - start < spinNanos);
        }
        return sleepUntilChanged(op, indexOffset, observed, sleepingOffset, peerOffset, peerRole, deadline, forever,
                timespec);
    }

    /**
     * The consumer's wait for the record at {@code h}: spin on its commit word alone (the line the
     * producer's write brings over anyway; reading {@code TAIL} too would pull a second line each
     * way), then sleep on {@code TAIL} as {@link #await} does.
     *
     * @return {@code true} when the record is committed, {@code false} at the deadline
     */
    private boolean awaitRecord(String op, int commitAt, long committed, long h, long deadline, boolean forever) {
        ByteBuffer m = map;
        long start = System.nanoTime();
        if (spinNanos > 0) {
            do {
                for (int k = 0; k < 64; k++) {
                    if ((long) LONGS.getAcquire(m, commitAt) == committed) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
                if (!forever && System.nanoTime() - deadline >= 0) {
                    return false;
                }
            } while (System.nanoTime() - start < spinNanos);
        }
        for (;;) {
            long t = (long) LONGS.getAcquire(m, TAIL);
            if ((long) LONGS.getAcquire(m, commitAt) == committed) {
                return true;
            }
            if (t - h > 0) {
                throw corrupted(op, h, "published up to " + t + " but the record is not committed");
            }
            if (!sleepUntilChanged(op, TAIL, t, CONSUMER_SLEEPING, PRODUCER, "producer", deadline, forever,
                    receiveTimespec)) {
                return false;
            }
        }
    }

    /** Announce, re-check, {@code FUTEX_WAIT} in slices, until the index word differs from {@code observed}. */
    private boolean sleepUntilChanged(String op, int indexOffset, long observed, int sleepingOffset, int peerOffset,
                                      String peerRole, long deadline, boolean forever, long timespec) {
        ByteBuffer m = map;
        long futexAddress = address + indexOffset + FUTEX_IN_WORD;
        for (;;) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, uri().toString(), "interrupted while waiting for the "
                        + peerRole + "; the thread's interrupt status is still set");
            }
            if (isClosed()) {
                throw new io.jipc.api.IpcClosed(op, uri().toString());
            }
            long slice = sliceNanos;
            if (!forever) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                slice = Math.min(slice, left);
            }
            long peer = (long) LONGS.getVolatile(m, peerOffset);
            if (peer != 0 && !Liveness.alive(peer >>> 32)) {
                if ((long) LONGS.getVolatile(m, indexOffset) != observed) {
                    return true;
                }
                throw new IpcRemoved(op, uri().toString(), "the " + peerRole + " (pid " + (peer >>> 32)
                        + ") is dead and left the ring " + (indexOffset == TAIL ? "empty" : "full"));
            }
            INTS.setVolatile(m, sleepingOffset, 1); // announce ...
            if ((long) LONGS.getVolatile(m, indexOffset) != observed) { // ... then re-check
                INTS.setVolatile(m, sleepingOffset, 0);
                return true;
            }
            TimespecLayout.putRelative(timespec, slice);
            io.jipc.os.Futexes.wait(futexAddress, (int) observed, timespec); // EAGAIN: changed already
            INTS.setVolatile(m, sleepingOffset, 0);
            if ((long) LONGS.getVolatile(m, indexOffset) != observed) {
                return true;
            }
        }
    }

    /**
     * Where a producer taking over the ring must write: after the last record committed from
     * {@code tail} on. A producer killed between committing records and publishing {@code TAIL}
     * leaves committed records beyond it, which the consumer may read; skipping them keeps both
     * sides in step. Stops at the first record not committed (a half-written one is overwritten).
     */
    private long committedEnd(ByteBuffer m, long tail) {
        long h = (long) LONGS.getVolatile(m, HEAD);
        long pos = tail;
        while (pos - h < capacity) {
            int off = (int) (pos & mask);
            int toEnd = capacity - off;
            if (toEnd < RECORD_HEADER) {
                pos += toEnd;
                continue;
            }
            int p = HEADER_SIZE + off;
            if ((long) LONGS.getAcquire(m, p + REC_COMMIT) != commit(pos)) {
                break;
            }
            int len = (int) INTS.get(m, p + REC_LENGTH);
            int kind = (int) INTS.get(m, p + REC_KIND);
            if (kind == KIND_PADDING && len == toEnd) {
                pos += toEnd;
            } else if (kind == KIND_MESSAGE && len >= 0 && len <= maxMessage && RingLayout.recordSize(len) <= toEnd) {
                pos += RingLayout.recordSize(len);
            } else {
                break;
            }
        }
        return pos;
    }

    private IpcException corrupted(String op, long index, String what) {
        return RingChecks.corruptRecord(op, uri(), file, index, what);
    }

    // ------------------------------------------------------------------ roles and local locks

    private void claim(String op, int offset, String role) {
        for (;;) {
            long w = (long) LONGS.getVolatile(map, offset);
            if (w == token) {
                return;
            }
            if (w == 0) {
                if (LONGS.compareAndSet(map, offset, 0L, token)) {
                    return;
                }
                continue;
            }
            long pid = w >>> 32;
            if (pid != PID && !Liveness.alive(pid)) {
                if (LONGS.compareAndSet(map, offset, w, token)) {
                    return; // the previous holder died: take over
                }
                continue;
            }
            throw new IpcUnsupported(op, uri().toString(), "a ring has a single " + role + " and pid " + pid
                    + (pid == PID ? " (this process, another handle)" : "") + " holds that role;"
                    + " it is released when that handle is closed or its process dies");
        }
    }

    /**
     * Takes a direction's lock for {@link #closeOnce()}: a thread of ours may be asleep in
     * {@code FUTEX_WAIT} holding it, so wake the index words (again and again: a wake can come
     * just before that thread's wait) until it has seen the closed flag and left.
     */
    private void acquireForClose(VarHandle busy) {
        while (!busy.compareAndSet(this, 0, 1)) {
            io.jipc.os.Futexes.wake(address + TAIL + FUTEX_IN_WORD, Integer.MAX_VALUE);
            io.jipc.os.Futexes.wake(address + HEAD + FUTEX_IN_WORD, Integer.MAX_VALUE);
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Takes this handle's lock for one direction: a CAS, then spin/yield/park while another thread
     * has it.
     */
    private void acquire(VarHandle busy, String op) {
        if (busy.compareAndSet(this, 0, 1)) {
            return;
        }
        for (int i = 0; !busy.compareAndSet(this, 0, 1); i++) {
            ensureOpen(op); // closed meanwhile: the flag stays taken for good
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, uri().toString(),
                        "interrupted while another thread used this handle; the interrupt status is still set");
            }
            if (i < 100) {
                Thread.onSpinWait();
            } else if (i < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
