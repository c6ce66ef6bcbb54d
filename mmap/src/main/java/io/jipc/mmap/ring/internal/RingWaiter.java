package io.jipc.mmap.ring.internal;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcRemoved;
import io.jipc.mmap.ring.RingLayout;
import io.jipc.os.Futexes;
import io.jipc.os.NativeMemory;
import io.jipc.os.RawMemory;
import io.jipc.os.layout.TimespecLayout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How one side of a ring waits for the other: spin, then yield, then sleep on a futex word, and
 * how it wakes the other side. One instance per side of a handle, used under that side's lock.
 *
 * <p>The waiter watches one word (the commit word of the record the consumer waits for; {@code HEAD}
 * for the producer) and sleeps on its side's futex word (the low half of {@code TAIL} for the
 * consumer, of {@code HEAD} for the producer). Before sleeping it announces itself (its
 * {@code *_SLEEPING} flag = 1, a volatile store), re-reads both words and only then calls
 * {@code FUTEX_WAIT} expecting the futex word it saw; the other side publishes its index with a
 * volatile store, then reads the flag and wakes only when it wins the flag's 1 &rarr; 0
 * compare-and-set ({@link #wakePeer()}). Either the re-read sees the change or the waker sees the
 * flag, and the kernel's compare closes the gap before the sleep: no wake-up is lost.
 *
 * <p>Sleeps last one slice at most; between slices the waiter checks the interrupt status, the
 * handle's closed flag and the deadline. Whether the other side's process is alive is asked only
 * when the wait has lasted {@link #LIVENESS_AFTER_NANOS} (a {@code kill} and a {@code /proc} read
 * cost microseconds: a busy ring never pays them), then at most once per slice.
 */
public final class RingWaiter {
    /**
     * The part of the spin budget spent in {@link Thread#onSpinWait()}; the rest yields the CPU.
     * Short on purpose: a peer running on another core answers within a fraction of a microsecond
     * (a round trip of 64 B takes ~0.5 µs here), while a peer that shares this core cannot run
     * at all until this thread yields: a 20 µs busy spin made every round trip between two
     * processes placed on one core cost ~46 µs (two spins), 0.5 µs makes it ~5 µs.
     */
    public static final long BUSY_SPIN_NANOS = 500;
    /** How long a wait lasts before it asks whether the other side's process is still alive. */
    public static final long LIVENESS_AFTER_NANOS = 1_000_000;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int CHANGED = 0;
    private static final int TIMED_OUT = 1;
    private static final int SPUN = 2;

    private final IpcHandle handle;
    private final RingRoles roles;
    private final ByteBuffer map;
    private final RawMemory raw;
    private final int futexWord;
    private final long futexAddress;
    private final int sleeping;
    private final int peerSleeping;
    private final long peerFutexAddress;
    private final int peerRoleWord;
    private final String peerRole;
    private final long spinNanos;
    private final long sliceNanos;
    private final ByteBuffer timespecMemory;
    private final long timespec;

    /**
     * The waiter of one side.
     *
     * @param handle the ring handle (closed flag, URI for errors)
     * @param roles the handle's roles (liveness of the other side)
     * @param region the ring's mapping
     * @param consumer {@code true} for the consumer's side, {@code false} for the producer's
     * @param spinNanos the spin budget before sleeping ({@code spin=})
     * @param sliceNanos the longest single sleep
     */
    public RingWaiter(IpcHandle handle, RingRoles roles, RingRegion region, boolean consumer, long spinNanos,
                      long sliceNanos) {
        this.handle = handle;
        this.roles = roles;
        this.map = region.map();
        this.raw = region.raw();
        this.futexWord = consumer ? RingLayout.TAIL : RingLayout.HEAD;
        this.futexAddress = region.base() + futexWord + RingLayout.FUTEX_IN_WORD;
        this.sleeping = consumer ? RingLayout.CONSUMER_SLEEPING : RingLayout.PRODUCER_SLEEPING;
        this.peerSleeping = consumer ? RingLayout.PRODUCER_SLEEPING : RingLayout.CONSUMER_SLEEPING;
        this.peerFutexAddress = region.base() + (consumer ? RingLayout.HEAD : RingLayout.TAIL) + RingLayout.FUTEX_IN_WORD;
        this.peerRoleWord = consumer ? RingLayout.PRODUCER : RingLayout.CONSUMER;
        this.peerRole = consumer ? "producer" : "consumer";
        this.spinNanos = spinNanos;
        this.sliceNanos = sliceNanos;
        this.timespecMemory = NativeMemory.allocateBuffer(TimespecLayout.SIZE);
        this.timespec = NativeMemory.address(timespecMemory);
    }

    /**
     * Waits until the word at {@code watch} differs from {@code observed}, or this side's futex word
     * changes (the caller then looks again).
     *
     * @param op the operation named in errors
     * @param watch the offset of the watched {@code long}
     * @param observed the value it had
     * @param deadline the {@link System#nanoTime()} to give up at, unless {@code forever}
     * @param forever whether to wait without a deadline
     * @return {@code true} when something changed, {@code false} at the deadline
     * @throws IpcInterrupted when the thread is interrupted (its status stays set)
     * @throws IpcClosed when the handle is closed meanwhile
     * @throws IpcRemoved when the other side's process is dead and nothing changed
     */
    public boolean await(String op, int watch, long observed, long deadline, boolean forever) {
        long start = System.nanoTime();
        int spun = spin(watch, observed, start, deadline, forever);
        return spun == SPUN ? sleep(op, watch, observed, start, deadline, forever) : spun == CHANGED;
    }

    /** Spins ({@link Thread#onSpinWait()}, then {@link Thread#yield()}) for the spin budget. */
    private int spin(int watch, long observed, long start, long deadline, boolean forever) {
        RawMemory m = raw;
        for (long now = start; now - start < spinNanos; now = System.nanoTime()) {
            if (!forever && now - deadline >= 0) {
                return TIMED_OUT;
            }
            boolean busy = now - start < BUSY_SPIN_NANOS;
            for (int k = busy ? 8 : 1; k > 0; k--) { // onSpinWait is ~50 ns here: look at the clock every ~0.4 µs
                if (m.getLongVolatile(watch) != observed) {
                    return CHANGED;
                }
                if (busy) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
        return m.getLongVolatile(watch) != observed ? CHANGED : SPUN;
    }

    /** Announce, re-check, {@code FUTEX_WAIT} in slices, until something changed. */
    private boolean sleep(String op, int watch, long observed, long start, long deadline, boolean forever) {
        ByteBuffer m = map;
        long livenessDue = start + LIVENESS_AFTER_NANOS;
        for (;;) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IpcInterrupted(op, handle.uri().toString(), "interrupted while waiting for the "
                        + peerRole + "; the thread's interrupt status is still set");
            }
            if (handle.isClosed()) {
                throw new IpcClosed(op, handle.uri().toString());
            }
            long now = System.nanoTime();
            long slice = sliceNanos;
            if (!forever) {
                if (deadline - now <= 0) {
                    return false;
                }
                slice = Math.min(slice, deadline - now);
            }
            long f = (long) LONGS.getVolatile(m, futexWord);
            if ((long) LONGS.getVolatile(m, watch) != observed) {
                return true;
            }
            if (now - livenessDue >= 0) {
                livenessDue = now + Math.min(sliceNanos, LIVENESS_AFTER_NANOS * 50);
                checkPeer(op, watch, observed);
            }
            INTS.setVolatile(m, sleeping, 1); // announce ...
            if ((long) LONGS.getVolatile(m, futexWord) != f || (long) LONGS.getVolatile(m, watch) != observed) {
                INTS.setVolatile(m, sleeping, 0); // ... then re-check
                return true;
            }
            TimespecLayout.putRelative(timespec, slice);
            Futexes.wait(futexAddress, (int) f, timespec); // EAGAIN: changed already
            INTS.setVolatile(m, sleeping, 0);
            if ((long) LONGS.getVolatile(m, futexWord) != f || (long) LONGS.getVolatile(m, watch) != observed) {
                return true;
            }
        }
    }

    private void checkPeer(String op, int watch, long observed) {
        long dead = roles.deadHolder(peerRoleWord);
        if (dead != 0 && (long) LONGS.getVolatile(map, watch) == observed) {
            throw new IpcRemoved(op, handle.uri().toString(), "the " + peerRole + " (pid " + dead
                    + ") is dead and left the ring " + (futexWord == RingLayout.TAIL ? "empty" : "full"));
        }
    }

    /**
     * Wakes the other side when it announced itself asleep. Call right after publishing this side's
     * index with a volatile store (the store-load order the protocol needs).
     */
    public void wakePeer() {
        if (raw.getIntVolatile(peerSleeping) != 0 && INTS.compareAndSet(map, peerSleeping, 1, 0)) { // the CAS: see RawMemory
            Futexes.wake(peerFutexAddress, 1);
        }
    }

    /** Wakes every thread asleep on this side's futex word (close: they see the closed flag and leave). */
    public void wakeAll() {
        Futexes.wake(futexAddress, Integer.MAX_VALUE);
    }
}
