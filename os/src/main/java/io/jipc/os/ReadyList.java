package io.jipc.os;

/**
 * The channels one {@link EpollPoller#await} found ready: slot numbers with their ready
 * operations, one entry per slot (the operations of its descriptors merged). Owned by the
 * awaiting thread; allocation-free except when {@link #ensureCapacity} grows it.
 */
final class ReadyList {
    private int[] slot = new int[8];
    private int[] ops = new int[8];
    private int count;

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    void ensureCapacity(int n) {
        if (n > slot.length) {
            slot = new int[n];
            ops = new int[n];
        }
    }

    /** Adds {@code readyOps} to the entry of slot {@code s}, making one if there is none. */
    void add(int s, int readyOps) {
        int j = 0;
        while (j < count && slot[j] != s) {
            j++;
        }
        if (j == count) {
            slot[count] = s;
            ops[count] = readyOps;
            count++;
        } else {
            ops[j] |= readyOps;
        }
    }

    /** The slot of entry {@code i}, checked against the count ({@code what} names the call). */
    int slot(int i, String what) {
        check(i, what);
        return slot[i];
    }

    /** The ready operations of entry {@code i}. */
    int ops(int i, String what) {
        check(i, what);
        return ops[i];
    }

    private void check(int i, String what) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(what + "(" + i + "): the last await reported " + count);
        }
    }
}
