package io.jipc.mmap.ring.internal;

import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.mmap.ring.RingLayout;
import io.jipc.os.ProcStat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two roles of a ring, producer and consumer, each a header word ({@link RingLayout#PRODUCER},
 * {@link RingLayout#CONSUMER}) holding {@code pid << 32 | handle serial} of its holder, or 0 when
 * free. A handle claims a role with a compare-and-set on its first send (receive), takes it over
 * from a dead holder, and releases it on close. Also: is the holder of the other role alive? (The
 * os layer's allocation-free {@code /proc/<pid>/stat} reader, one per thread.) Nothing here is on
 * the per-message path.
 */
public final class RingRoles {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final IpcUri uri;
    private final ByteBuffer map;
    private final long token;

    /**
     * The roles of one handle.
     *
     * @param uri the ring's URI, named in errors
     * @param map the ring's mapping
     */
    public RingRoles(IpcUri uri, ByteBuffer map) {
        this.uri = uri;
        this.map = map;
        this.token = (PID << 32) | (SERIAL.incrementAndGet() & 0xFFFF_FFFFL);
    }

    /**
     * Claims the role whose word is at {@code offset} for this handle: free, already ours, or held
     * by a dead process (taken over).
     *
     * @param op the operation named in the error
     * @param offset {@link RingLayout#PRODUCER} or {@link RingLayout#CONSUMER}
     * @param role "producer" or "consumer"
     * @throws IpcUnsupported naming the holder's pid when a live process (or another handle of ours) holds it
     */
    public void claim(String op, int offset, String role) {
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
            if (pid != PID && !ProcStat.forThisThread().alive(pid)) {
                if (LONGS.compareAndSet(map, offset, w, token)) {
                    return; // the previous holder died: take over
                }
                continue;
            }
            throw new IpcUnsupported(op, uri.toString(), "a ring has a single " + role + " and pid " + pid
                    + (pid == PID ? " (this process, another handle)" : "") + " holds that role;"
                    + " it is released when that handle is closed or its process dies");
        }
    }

    /** Releases both roles where this handle holds them (close; the header must be readable). */
    public void releaseAll() {
        LONGS.compareAndSet(map, RingLayout.PRODUCER, token, 0L);
        LONGS.compareAndSet(map, RingLayout.CONSUMER, token, 0L);
    }

    /**
     * The pid of the process holding the role at {@code offset} when that process is dead (no such
     * pid, or a zombie), else 0: a free role, or a live holder.
     *
     * @param offset {@link RingLayout#PRODUCER} or {@link RingLayout#CONSUMER}
     * @return the dead holder's pid, or 0
     */
    public long deadHolder(int offset) {
        long w = (long) LONGS.getVolatile(map, offset);
        long pid = w >>> 32;
        return w != 0 && !ProcStat.forThisThread().alive(pid) ? pid : 0;
    }

    /**
     * The pid holding a role, for {@code stats()}.
     *
     * @param offset {@link RingLayout#PRODUCER} or {@link RingLayout#CONSUMER}
     * @return the pid, or {@code -1} when the role is free
     */
    public long holder(int offset) {
        long w = (long) LONGS.getAcquire(map, offset);
        return w == 0 ? -1 : w >>> 32;
    }
}
