package io.jipc.mmap.ring;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.mmap.ring.internal.RingChecks;
import io.jipc.mmap.ring.internal.RingOptions;
import io.jipc.mmap.ring.internal.RingReader;
import io.jipc.mmap.ring.internal.RingRegion;
import io.jipc.mmap.ring.internal.RingRoles;
import io.jipc.mmap.ring.internal.RingWaiter;
import io.jipc.mmap.ring.internal.RingWriter;
import io.jipc.os.Futex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.jipc.mmap.ring.RingLayout.CONSUMER;
import static io.jipc.mmap.ring.RingLayout.PRODUCER;
import static io.jipc.mmap.ring.RingLayout.RECEIVED_BYTES;
import static io.jipc.mmap.ring.RingLayout.RECEIVED_MESSAGES;
import static io.jipc.mmap.ring.RingLayout.RECORD_HEADER;
import static io.jipc.mmap.ring.RingLayout.SENT_BYTES;
import static io.jipc.mmap.ring.RingLayout.SENT_MESSAGES;

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
 * Before it sleeps, a side that has spun for its {@code spin=} budget (busy at first, then
 * yielding the CPU) announces itself as above.
 * Sleeps last at most 50 ms per slice; between slices the waiter checks its thread's interrupt
 * status ({@link IpcInterrupted}, status kept set), whether the handle was closed and the deadline of
 * a timed call; once a wait has lasted a millisecond, it also asks (at most once per slice)
 * whether the other side's process is still alive. Details: {@code RingWaiter}.
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
 * Raw loads, stores and copies of the mapping (the os layer's {@code RawMemory}: every offset
 * checked against the mapping, acquire/release/volatile as the protocol needs, no compare-and-set);
 * {@code VarHandle} views of the mapped buffer for setup, roles, sleeping and statistics; JNR only
 * for setup and {@code futex}. No allocation per message, no exception for empty or full, no
 * read-modify-write of shared memory per message (the statistics are plain stores of each side's
 * own counts on its own cache line), one compare-and-set of the handle's per-direction lock.
 * The mapping is a {@code RingRegion}, the mapped-region base every mapped backend shares.
 */
public final class RingChannel extends io.jipc.spi.AbstractMessageChannel {
    /** Where ring files live: tmpfs. */
    public static final String DIRECTORY = "/dev/shm";
    /** File name prefix under {@link #DIRECTORY}. */
    public static final String PREFIX = "jipc.ring.";
    /**
     * Default spin before sleeping, in nanoseconds: the first half microsecond with
     * {@link Thread#onSpinWait()} (a peer on another core answers within that), the rest with
     * {@link Thread#yield()} (a peer on this core runs meanwhile). Measured here (2-core VM, JDK 17,
     * loaded): a futex sleep-and-wake costs ~7 µs each way (a 64 B round trip that sleeps on both
     * sides: ~14 µs), a round trip between two cores ~0.5 µs, one that hands the core over with a
     * yield ~5 µs; a peer descheduled by other load comes back after a scheduler slice, and a
     * sleep then costs more than the yields that let it run. 200 µs of yielding before sleeping
     * keeps the round trip's tail short without burning a core for long when the peer is idle.
     */
    public static final long DEFAULT_SPIN_NANOS = 200_000;
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
    private static final VarHandle SEND_LOCK;
    private static final VarHandle RECEIVE_LOCK;
    private static final long WAIT_FOREVER = -1;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEND_LOCK = l.findVarHandle(RingChannel.class, "sendLock", int.class);
            RECEIVE_LOCK = l.findVarHandle(RingChannel.class, "receiveLock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RingRegion region;
    private final ByteBuffer map;
    private final int capacity;
    private final int maxMessage;
    private final long spinNanos;
    private final Capabilities caps;
    private final RingRoles roles;
    private final RingWaiter producerWaiter;
    private final RingWaiter consumerWaiter;
    private final RingWriter writer;
    private final RingReader reader;

    @SuppressWarnings("unused") // through SEND_LOCK
    private volatile int sendLock;
    @SuppressWarnings("unused") // through RECEIVE_LOCK
    private volatile int receiveLock;
    private boolean producer; // guarded by sendLock
    private boolean consumer; // guarded by receiveLock

    private RingChannel(IpcUri uri, RingRegion region, long spinNanos) {
        super(uri);
        this.region = region;
        this.map = region.map();
        this.capacity = region.capacity();
        this.maxMessage = (int) RingLayout.maxMessage(capacity);
        this.spinNanos = spinNanos;
        this.caps = RingBackend.capabilities(capacity);
        this.roles = new RingRoles(uri, map);
        long slice = sliceForNewHandles;
        this.producerWaiter = new RingWaiter(this, roles, region, false, spinNanos, slice);
        this.consumerWaiter = new RingWaiter(this, roles, region, true, spinNanos, slice);
        this.writer = new RingWriter(region, producerWaiter);
        this.reader = new RingReader(uri, region, consumerWaiter);
    }

    /**
     * Opens or creates the ring {@code uri} names. All options are checked before any system call.
     *
     * @param uri the parsed URI, {@code ring:/name?capacity=...}
     * @return the open channel, which the caller closes
     * @throws IpcUriException for a bad name, capacity or spin
     */
    public static RingChannel open(IpcUri uri) {
        uri.checkOptions("ring channel", OPTIONS);
        String name = RingOptions.name(uri, DIRECTORY + "/" + PREFIX + "<name>");
        if (Futex.SYS_FUTEX < 0) {
            throw new IpcUnsupported("open", uri.toString(), "no futex system call number known for os.arch "
                    + System.getProperty("os.arch") + " (x86-64 and aarch64 Linux only)");
        }
        long requested = uri.has("capacity") ? RingOptions.capacity(uri) : -1;
        long spin = uri.longOption("spin", DEFAULT_SPIN_NANOS, 0, 10_000_000_000L);
        RingRegion region = RingRegion.open(uri, Path.of(DIRECTORY, PREFIX + name), requested);
        try {
            return new RingChannel(uri, region, spin);
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@return the shared file backing this ring} */
    public Path file() {
        return region.file();
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
        region.remove();
    }

    @Override
    protected void closeOnce() {
        // Wake our own sleepers (they see the closed flag and leave), then wait until no thread of
        // this handle is inside the ring, release our roles and retire the mapping.
        acquireForClose(SEND_LOCK);
        acquireForClose(RECEIVE_LOCK);
        try {
            if (RingChecks.headerReadable(map)) { // truncated by another process: a CAS there would kill the JVM
                roles.releaseAll();
            }
        } catch (InternalError e) { // a fault the JDK reports late (compiled code): close still succeeds
            RingChecks.ignoreFault(e);
        } finally {
            region.close();
        }
        // the locks stay taken: a later call fails with IpcClosed before touching the memory
    }

    @Override
    public ChannelStats stats() {
        ensureOpen("stats");
        long sent = (long) LONGS.getAcquire(map, SENT_MESSAGES);
        long sentBytes = (long) LONGS.getAcquire(map, SENT_BYTES);
        long received = (long) LONGS.getAcquire(map, RECEIVED_MESSAGES);
        long receivedBytes = (long) LONGS.getAcquire(map, RECEIVED_BYTES);
        return new ChannelStats(Math.max(0, sent - received), Math.max(0, sentBytes - receivedBytes),
                capacity / RECORD_HEADER, capacity, roles.holder(PRODUCER), roles.holder(CONSUMER),
                Capabilities.UNKNOWN, Capabilities.UNKNOWN);
    }

    // ------------------------------------------------------------------ send and receive

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
        lock(SEND_LOCK, op);
        try {
            ensureOpen(op);
            if (!producer) {
                roles.claim(op, PRODUCER, "producer");
                RingChecks.checkIndexes(op, uri(), file(), map, capacity);
                writer.start();
                producer = true;
            }
            return writer.write(op, msg, tag, timeoutNanos);
        } catch (InternalError e) {
            throw RingChecks.fault(op, uri(), file(), region.size(), e);
        } finally {
            SEND_LOCK.setRelease(this, 0);
        }
    }

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
        lock(RECEIVE_LOCK, op);
        try {
            ensureOpen(op);
            if (!consumer) {
                roles.claim(op, CONSUMER, "consumer");
                RingChecks.checkIndexes(op, uri(), file(), map, capacity);
                reader.start();
                consumer = true;
            }
            return reader.read(op, dst, timeoutNanos);
        } catch (InternalError e) {
            throw RingChecks.fault(op, uri(), file(), region.size(), e);
        } finally {
            RECEIVE_LOCK.setRelease(this, 0);
        }
    }

    // ------------------------------------------------------------------ this handle's locks

    /**
     * Takes this handle's lock for one direction: a compare-and-set, then spin/yield/park while
     * another thread has it. The caller checks the closed flag once it holds the lock (a close
     * raises the flag before it takes the locks, for good).
     */
    private void lock(VarHandle lock, String op) {
        if (lock.compareAndSet(this, 0, 1)) {
            return;
        }
        for (int i = 0; !lock.compareAndSet(this, 0, 1); i++) {
            ensureOpen(op); // closed meanwhile: the lock stays taken for good
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

    /**
     * Takes a direction's lock for {@link #closeOnce()}: a thread of ours may be asleep in
     * {@code FUTEX_WAIT} holding it, so wake both index words (again and again: a wake can come
     * just before that thread's wait) until it has seen the closed flag and left.
     */
    private void acquireForClose(VarHandle lock) {
        while (!lock.compareAndSet(this, 0, 1)) {
            consumerWaiter.wakeAll();
            producerWaiter.wakeAll();
            LockSupport.parkNanos(1_000_000);
        }
    }
}
