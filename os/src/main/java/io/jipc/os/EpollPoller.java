package io.jipc.os;

import io.jipc.api.IpcException;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.Pollable;
import io.jipc.api.Poller;
import io.jipc.os.layout.EpollEventLayout;
import io.jipc.spi.PollerProvider;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Poller} on Linux {@code epoll}, level-triggered, with an {@code eventfd} for
 * {@link #wakeup()}. Each registered channel takes a slot; the {@code epoll_data} of its
 * descriptors holds {@code slot * 4 + kind} (kind 1: its receive descriptor, 2: its send
 * descriptor, 3: one descriptor for both), so that a wait maps events back to channels with an
 * array lookup and allocates nothing. A blocking wait sleeps in slices of
 * {@value #SLICE_MILLIS} ms so that {@link Thread#interrupt()} is honoured.
 */
public final class EpollPoller implements Poller {
    /** Longest single {@code epoll_wait}, so that interrupts are seen. */
    static final int SLICE_MILLIS = 100;
    private static final long WAKE = -1L;
    private static final int KIND_RECEIVE = 1;
    private static final int KIND_SEND = 2;

    /** The {@link PollerProvider} registered in {@code META-INF/services}. */
    public static final class Provider implements PollerProvider {
        @Override
        public Poller open() {
            return new EpollPoller();
        }
    }

    private final int epfd;
    private final int wakeFd;
    private final long scratch;          // one epoll_event for epoll_ctl + 8 bytes for eventfd_read
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Pollable, Integer> slotOf = new IdentityHashMap<>();
    private volatile Pollable[] slots = new Pollable[8];
    private int[] interest = new int[8];
    private int[] rfd = new int[8];
    private int[] wfd = new int[8];
    private int registered;

    private final Object eventsLock = new Object();
    private Thread waiter;
    private long events;                 // native epoll_event array, owned by the awaiting thread
    private int eventsCapacity;
    private final ReadyList ready = new ReadyList();

    /** Creates the epoll instance and its wake-up eventfd (both {@code O_CLOEXEC}). */
    public EpollPoller() {
        epfd = Epoll.LIB.epoll_create1(Epoll.EPOLL_CLOEXEC);
        if (epfd < 0) {
            throw Errno.last("epoll_create1", null);
        }
        int w = Eventfd.LIB.eventfd(0, Eventfd.EFD_CLOEXEC | Eventfd.EFD_NONBLOCK);
        if (w < 0) {
            int e = Native.errno();
            Fd.close(epfd);
            throw Errno.exception("eventfd", null, e);
        }
        wakeFd = w;
        scratch = NativeMemory.allocate(EpollEventLayout.SIZE + 8L);
        ctl(Epoll.EPOLL_CTL_ADD, wakeFd, Epoll.EPOLLIN, WAKE);
        eventsCapacity = 16;
        events = NativeMemory.allocate((long) eventsCapacity * EpollEventLayout.SIZE);
    }

    private void ctl(int op, int fd, int ev, long data) {
        synchronized (this) {
            NativeMemory.putInt(scratch + EpollEventLayout.EVENTS, ev);
            NativeMemory.putLong(scratch + EpollEventLayout.DATA, data);
            if (Epoll.LIB.epoll_ctl(epfd, op, fd, scratch) != 0) {
                int e = Native.errno();
                if (op == Epoll.EPOLL_CTL_DEL && (e == Errno.ENOENT || e == Errno.EBADF)) {
                    return; // closed (the kernel dropped it) or never added
                }
                throw Errno.exception("epoll_ctl", null, e, "descriptor " + fd + ": " + Errno.describe(e)
                        + (e == Errno.EPERM ? " (the descriptor does not support poll, e.g. a regular file)" : ""));
            }
        }
    }

    private void ensureOpen(String op) {
        if (closed.get()) {
            throw closedError(op, "the poller is closed");
        }
    }

    private static IpcException closedError(String op, String what) {
        return new IpcException(op, null, IpcException.NO_ERRNO, null, what);
    }

    @Override
    public synchronized void register(Pollable channel, int ops) {
        ensureOpen("Poller.register");
        if (channel == null) {
            throw new NullPointerException("Poller.register: channel is null");
        }
        if (ops == 0 || (ops & ~(RECEIVE | SEND)) != 0) {
            throw new IllegalArgumentException("Poller.register: interest " + ops
                    + " is not RECEIVE (1), SEND (2) or RECEIVE | SEND (3)");
        }
        if (channel instanceof IpcHandle && ((IpcHandle) channel).isClosed()) {
            throw new IllegalArgumentException("Poller.register: " + channel + " is closed");
        }
        int r = (ops & RECEIVE) != 0 ? channel.receiveDescriptor() : -1;
        int w = (ops & SEND) != 0 ? channel.sendDescriptor() : -1;
        if ((ops & RECEIVE) != 0 && r < 0) {
            throw new IllegalArgumentException("Poller.register: " + channel + " cannot receive (no receive descriptor)");
        }
        if ((ops & SEND) != 0 && w < 0) {
            throw new IllegalArgumentException("Poller.register: " + channel + " cannot send (no send descriptor)");
        }
        Integer existing = slotOf.get(channel);
        if (existing != null) {
            removeDescriptors(existing);
        }
        int slot = existing != null ? existing : freeSlot();
        try {
            if (r >= 0 && r == w) {
                ctl(Epoll.EPOLL_CTL_ADD, r, Epoll.EPOLLIN | Epoll.EPOLLOUT, (long) slot * 4 + 3);
            } else {
                if (r >= 0) {
                    ctl(Epoll.EPOLL_CTL_ADD, r, Epoll.EPOLLIN, (long) slot * 4 + KIND_RECEIVE);
                }
                if (w >= 0) {
                    try {
                        ctl(Epoll.EPOLL_CTL_ADD, w, Epoll.EPOLLOUT, (long) slot * 4 + KIND_SEND);
                    } catch (IpcException e) {
                        if (r >= 0) {
                            ctl(Epoll.EPOLL_CTL_DEL, r, 0, 0);
                        }
                        throw e;
                    }
                }
            }
        } catch (IpcException e) {
            if (existing != null) {
                forget(channel, slot);
            }
            throw e;
        }
        Pollable[] s = slots;
        s[slot] = channel;
        interest[slot] = ops;
        rfd[slot] = r;
        wfd[slot] = w;
        if (existing == null) {
            slotOf.put(channel, slot);
            registered++;
        }
        slots = s; // publish
    }

    private int freeSlot() {
        Pollable[] s = slots;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == null) {
                return i;
            }
        }
        int n = s.length * 2;
        Pollable[] ns = Arrays.copyOf(s, n);
        interest = Arrays.copyOf(interest, n);
        rfd = Arrays.copyOf(rfd, n);
        wfd = Arrays.copyOf(wfd, n);
        slots = ns;
        return s.length;
    }

    private void removeDescriptors(int slot) {
        if (rfd[slot] >= 0) {
            ctl(Epoll.EPOLL_CTL_DEL, rfd[slot], 0, 0);
        }
        if (wfd[slot] >= 0 && wfd[slot] != rfd[slot]) {
            ctl(Epoll.EPOLL_CTL_DEL, wfd[slot], 0, 0);
        }
        rfd[slot] = -1;
        wfd[slot] = -1;
    }

    private void forget(Pollable channel, int slot) {
        slotOf.remove(channel);
        slots[slot] = null;
        interest[slot] = 0;
        registered--;
    }

    @Override
    public synchronized void unregister(Pollable channel) {
        Integer slot = slotOf.get(channel);
        if (slot == null || closed.get()) {
            return;
        }
        removeDescriptors(slot);
        forget(channel, slot);
    }

    @Override
    public synchronized int size() {
        return registered;
    }

    @Override
    public int await() {
        return await(-1, TimeUnit.MILLISECONDS);
    }

    @Override
    public int await(long timeout, TimeUnit unit) {
        synchronized (eventsLock) {
            ensureOpen("Poller.await");
            if (waiter != null) {
                throw new IllegalStateException("Poller.await: thread " + waiter.getName() + " is already waiting");
            }
            waiter = Thread.currentThread();
        }
        try {
            return awaitInternal(timeout, unit);
        } finally {
            synchronized (eventsLock) {
                waiter = null;
                if (closed.get() && events != 0) {
                    NativeMemory.free(events);
                    events = 0;
                }
            }
        }
    }

    private int awaitInternal(long timeout, TimeUnit unit) {
        ready.clear();
        ensureEventCapacity();
        long deadline = timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(timeout);
        boolean first = true;
        while (true) {
            int wait;
            if (first && timeout == 0) {
                wait = 0;
            } else {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IpcInterrupted("Poller.await", null, "the waiting thread was interrupted");
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                wait = (int) Math.min(SLICE_MILLIS, (left + 999_999) / 1_000_000);
            }
            first = false;
            int n = Epoll.LIB.epoll_wait(epfd, events, eventsCapacity, wait);
            if (closed.get()) {
                throw closedError("Poller.await", "the poller was closed");
            }
            if (n < 0) {
                int e = Native.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                throw Errno.exception("epoll_wait", null, e);
            }
            boolean woken = collect(n);
            if (ready.count() > 0 || woken || timeout == 0) {
                return ready.count();
            }
        }
    }

    private void ensureEventCapacity() {
        int want = 2 * slots.length + 1;
        if (want > eventsCapacity) {
            long a = NativeMemory.allocate((long) want * EpollEventLayout.SIZE);
            NativeMemory.free(events);
            events = a;
            eventsCapacity = want;
            ready.ensureCapacity(want);
        }
    }

    private boolean collect(int n) {
        boolean woken = false;
        Pollable[] s = slots;
        for (int i = 0; i < n; i++) {
            long at = events + (long) i * EpollEventLayout.SIZE;
            int ev = NativeMemory.getInt(at + EpollEventLayout.EVENTS);
            long data = NativeMemory.getLong(at + EpollEventLayout.DATA);
            if (data == WAKE) {
                Eventfd.LIB.eventfd_read(wakeFd, scratch + EpollEventLayout.SIZE);
                woken = true;
                continue;
            }
            int slot = (int) (data >>> 2);
            int kind = (int) (data & 3);
            if (slot >= s.length || s[slot] == null) {
                continue; // unregistered meanwhile
            }
            int want = interest[slot];
            int ops = 0;
            boolean trouble = (ev & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) != 0;
            if ((kind & KIND_RECEIVE) != 0 && ((ev & Epoll.EPOLLIN) != 0 || trouble)) {
                ops |= RECEIVE;
            }
            if ((kind & KIND_SEND) != 0 && ((ev & Epoll.EPOLLOUT) != 0 || trouble)) {
                ops |= SEND;
            }
            ops &= want;
            if (ops == 0) {
                continue;
            }
            ready.add(slot, ops);
        }
        return woken;
    }

    @Override
    public Pollable ready(int i) {
        return slots[ready.slot(i, "Poller.ready")];
    }

    @Override
    public int readyOps(int i) {
        return ready.ops(i, "Poller.readyOps");
    }

    @Override
    public synchronized void wakeup() {
        if (!closed.get()) {
            Eventfd.LIB.eventfd_write(wakeFd, 1);
        }
    }

    /**
     * Closes the epoll and eventfd descriptors. A thread blocked in {@code await} is woken and
     * fails with an {@link IpcException}; the native event array is freed by whichever of the two
     * finishes last.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            Eventfd.LIB.eventfd_write(wakeFd, 1);
        }
        synchronized (eventsLock) {
            if (waiter == null) {
                closeDescriptors();
                if (events != 0) {
                    NativeMemory.free(events);
                    events = 0;
                }
                return;
            }
        }
        // a waiter is inside epoll_wait: it sees closed at once (woken) and frees the array;
        // the descriptors are closed when it has left, so their numbers cannot be reused under it
        while (true) {
            synchronized (eventsLock) {
                if (waiter == null) {
                    break;
                }
            }
            Thread.yield();
        }
        closeDescriptors();
    }

    private synchronized void closeDescriptors() {
        Fd.close(wakeFd);
        Fd.close(epfd);
        NativeMemory.free(scratch);
    }

    @Override
    public String toString() {
        return "EpollPoller[epfd=" + epfd + ", registered=" + registered + (closed.get() ? ", closed" : "") + "]";
    }
}
