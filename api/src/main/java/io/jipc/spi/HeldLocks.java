package io.jipc.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The per-JVM record of which thread holds each locked object, keyed by the object's identity (a
 * file's device and inode, a SysV semaphore set's id, a POSIX semaphore file's inode...), so that
 * the holder thread locking the same object through a <em>second</em> handle fails with an
 * {@link IllegalStateException} at once instead of waiting for itself for ever.
 *
 * <p>Every handle on one object shares one {@link Slot} (looked up once, when the handle is
 * opened), and the slot names (by id) the thread holding the object through any of them. A mutex lets one
 * thread of the JVM hold the object at a time, so one field is enough, and the lock path costs a
 * field read and a field write: no thread-local lookup, no allocation. The holder writes its
 * thread before it returns from {@code lock} and clears it before the native release, so the next
 * holder's write (after its native acquire) always comes last. A slot lives as long as a handle
 * refers to it.
 */
final class HeldLocks {
    private static final Map<Object, WeakReference<Slot>> SLOTS = new WeakHashMap<>();

    private HeldLocks() {
    }

    /** The shared record of one locked object. */
    static final class Slot {
        private static final VarHandle HOLDER;

        static {
            try {
                HOLDER = MethodHandles.lookup().findVarHandle(Slot.class, "holderId", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The map's key: kept reachable by the slot, so that the entry lives as long as the slot. */
        @SuppressWarnings("unused")
        private final Object key;
        /** The holder thread's id, 0 when none: a {@code long}, so that no write barrier runs per lock. */
        @SuppressWarnings("unused") // through HOLDER
        private volatile long holderId;

        private Slot(Object key) {
            this.key = key;
        }

        /** Does the current thread hold the object, through any handle? */
        boolean heldByCurrentThread() {
            return (long) HOLDER.getOpaque(this) == Thread.currentThread().getId();
        }

        /** Records that the current thread now holds the object. */
        void take() {
            HOLDER.setRelease(this, Thread.currentThread().getId());
        }

        /** Forgets the current thread's hold (nothing when another thread is recorded). */
        void drop() {
            if ((long) HOLDER.getOpaque(this) == Thread.currentThread().getId()) {
                HOLDER.setRelease(this, 0L);
            }
        }
    }

    /** The slot shared by every handle whose identity equals {@code key}. */
    static Slot slot(Object key) {
        synchronized (SLOTS) {
            WeakReference<Slot> ref = SLOTS.get(key);
            Slot s = ref == null ? null : ref.get();
            if (s == null) {
                s = new Slot(key);
                SLOTS.remove(key); // a stale entry keeps its old key object: replace it with this one
                SLOTS.put(key, new WeakReference<>(s));
            }
            return s;
        }
    }
}
