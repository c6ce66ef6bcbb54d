package io.jipc.testkit;

import io.jipc.api.IpcClosed;
import io.jipc.api.MessageChannel;

/**
 * The {@link MessageChannel} contract every channel backend passes: open modes, idempotent close,
 * boundaries and order, try/timed operations, full and empty, too-small buffers that lose nothing,
 * oversize sends that name the limit, tags as the capabilities declare, remove semantics,
 * hand-over across real processes (child JVMs), and the lifecycle under threads: one handle
 * shared by several senders and receivers delivers every message once, {@code close()} from
 * another thread wakes a thread blocked in {@code receive}/{@code send} (blocking and timed) with
 * {@link IpcClosed} without losing or half-sending a message, every operation after close is
 * {@link IpcClosed}, {@code remove()} while a receiver is blocked keeps the mechanism's rule, and
 * a read-only receive buffer is one clear {@link IllegalArgumentException}.
 *
 * <p>The suite is split by concern along one line of abstract classes, each adding its tests:
 * {@link ChannelContractSupport} (the hooks and helpers), {@link ChannelSemanticsContract}
 * (boundaries, order, full and empty, sizes, tags, bad input), {@link ChannelProcessesContract}
 * (child JVMs), {@link ChannelLifecycleContract} (close and remove under threads) and
 * {@link ChannelThreadsContract} (one handle shared by threads, {@link io.jipc.api.IpcHandle}'s
 * threading contract).
 *
 * <p>Subclass it with {@link #freshUri()}; override {@link #openPair()} when two handles on one
 * object are not made by opening the peer URI (see {@link ContractSupport}).
 */
public abstract class MessageChannelContract extends ChannelThreadsContract {
}
