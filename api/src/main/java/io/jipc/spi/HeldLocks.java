package io.jipc.spi;

/**
 * The per-JVM registry of what each thread holds, keyed by the locked object's identity (a file's
 * device and inode, a SysV semaphore set's id, a POSIX semaphore file's inode...), so that the
 * holder thread locking the same object through a <em>second</em> handle fails with an
 * {@link IllegalStateException} at once instead of waiting for itself for ever.
 *
 * <p>Each thread keeps its own small list (a thread-local array): a lookup scans the few
 * identities that thread holds, and nothing is allocated once the thread's list exists. Entries
 * are added and removed by the holder thread only ({@link AbstractMutex} does both), so the list
 * needs no synchronisation; the list of a thread that ends goes with it.
 */
final class HeldLocks {
    private static final ThreadLocal<HeldLocks> MINE = ThreadLocal.withInitial(HeldLocks::new);

    private Object[] keys = new Object[4];
    private int count;

    private HeldLocks() {
    }

    /** Does the current thread hold the object {@code key} names, through any handle? */
    static boolean holds(Object key) {
        HeldLocks h = MINE.get();
        for (int i = 0; i < h.count; i++) {
            if (h.keys[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Records that the current thread now holds {@code key}. */
    static void add(Object key) {
        HeldLocks h = MINE.get();
        if (h.count == h.keys.length) {
            h.keys = java.util.Arrays.copyOf(h.keys, h.count * 2);
        }
        h.keys[h.count++] = key;
    }

    /** Forgets one hold of {@code key} by the current thread. */
    static void remove(Object key) {
        HeldLocks h = MINE.get();
        for (int i = h.count - 1; i >= 0; i--) {
            if (h.keys[i].equals(key)) {
                h.keys[i] = h.keys[--h.count];
                h.keys[h.count] = null;
                return;
            }
        }
    }
}
