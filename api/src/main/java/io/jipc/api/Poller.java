package io.jipc.api;

import io.jipc.spi.PollerProvider;

import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * Waits on several {@link Pollable} channels at once — the way a server listens on many queues,
 * pipes or sockets without a polling loop (claim C10: POSIX queues are descriptors, SysV queues
 * are not and cannot be registered).
 *
 * <pre>{@code
 * try (Poller poller = Poller.open()) {
 *     poller.register((Pollable) orders, Poller.RECEIVE);
 *     poller.register((Pollable) cancels, Poller.RECEIVE);
 *     while (running) {
 *         int n = poller.await(1, TimeUnit.SECONDS);       // 0: timed out or woken up
 *         for (int i = 0; i < n; i++) {
 *             MessageChannel ready = (MessageChannel) poller.ready(i);
 *             ready.tryReceive(buf.clear(), Select.any());     // may still find nothing: another reader won
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Readiness is level-triggered: a channel with messages left is reported again by the next
 * {@code await}. Readiness is a hint — another thread or process may take the message first — so
 * use the {@code try} operations on the channels reported. After {@code await} returns {@code n},
 * {@link #ready(int)} and {@link #readyOps(int)} describe the ready channels {@code 0..n-1} until
 * the next {@code await}; nothing is allocated per wait.
 *
 * <p>Threads: one thread at a time calls {@code await}; {@link #register}, {@link #unregister},
 * {@link #wakeup()} and {@link #close()} may be called from any thread. Unregister a channel
 * before closing it. A thread interrupted in {@code await} leaves it with {@link IpcInterrupted},
 * interrupt status still set.
 *
 * <p>The implementation lives in the native layer ({@code jipc-os}, {@code epoll}) and is found
 * with {@link ServiceLoader} through {@link PollerProvider}.
 */
public interface Poller extends AutoCloseable {
    /** Interest and readiness: a message can be received. */
    int RECEIVE = 1;
    /** Interest and readiness: a message can be sent. */
    int SEND = 2;

    /**
     * A new poller from the first installed {@link PollerProvider}.
     *
     * @return a poller with nothing registered, which the caller closes
     * @throws IpcUnsupported when none is installed (add {@code jipc-os} to the class path)
     */
    static Poller open() {
        Iterator<PollerProvider> it = ServiceLoader.load(PollerProvider.class, Poller.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            it = ServiceLoader.load(PollerProvider.class).iterator();
        }
        if (!it.hasNext()) {
            throw new IpcUnsupported("Poller.open", null, "no PollerProvider installed (add jipc-os to the class path)");
        }
        return it.next().open();
    }

    /**
     * Watches {@code channel} for {@code interest} ({@link #RECEIVE}, {@link #SEND} or both); a
     * channel already registered gets the new interest.
     *
     * @param channel the channel to watch
     * @param interest {@link #RECEIVE}, {@link #SEND}, or both or-ed together
     * @throws IllegalArgumentException when {@code interest} is not a combination of the two
     */
    void register(Pollable channel, int interest);

    /**
     * Stops watching a channel; nothing happens if it was not registered.
     *
     * @param channel the channel to forget
     */
    void unregister(Pollable channel);

    /** {@return how many channels are registered} */
    int size();

    /**
     * Waits until at least one registered channel is ready, {@code timeout} passes or
     * {@link #wakeup()} is called.
     *
     * @param timeout how long to wait; 0 checks without waiting
     * @param unit the unit of {@code timeout}
     * @return the number of ready channels, 0 when the wait timed out or was woken up
     */
    int await(long timeout, TimeUnit unit);

    /**
     * Waits without a time limit, until a channel is ready or {@link #wakeup()}; see {@link #await(long, TimeUnit)}.
     *
     * @return the number of ready channels, 0 when woken up
     */
    int await();

    /**
     * A ready channel of the last {@link #await}.
     *
     * @param i its index, {@code 0 <= i < n} where {@code n} is what {@code await} returned
     * @return the channel, as registered
     */
    Pollable ready(int i);

    /**
     * What a ready channel of the last {@link #await} is ready for.
     *
     * @param i its index, {@code 0 <= i < n} where {@code n} is what {@code await} returned
     * @return {@link #RECEIVE}, {@link #SEND}, or both or-ed together
     */
    int readyOps(int i);

    /** Makes a current or the next {@link #await} return 0 at once. */
    void wakeup();

    /** Releases the poller's descriptors; never closes the registered channels. Idempotent. */
    @Override
    void close();
}
