package io.jipc.api;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A channel of messages whose boundaries are kept: one {@code send} is one {@code receive}.
 * Stream mechanisms (pipes, FIFOs, stream sockets) frame each message to keep that promise.
 *
 * <p><b>Tags.</b> Each message carries a tag: the SysV message type (&gt; 0), the POSIX priority
 * (0 &le; p &lt; {@code MQ_PRIO_MAX}), or for untagged mechanisms only the default tag.
 * {@link #send(ByteBuffer)} uses {@link Capabilities#defaultTag()}.
 *
 * <p><b>Buffers.</b> {@code send} takes the bytes between the message's position and limit and
 * advances its position to the limit. {@code receive} writes at {@code dst.position()} and
 * advances it by the message's length. A message larger than {@code dst.remaining()} raises
 * {@link MessageTooLarge} and stays queued, unless the channel was opened with truncation
 * explicitly allowed.
 *
 * <p><b>Hot path.</b> The blocking, try and timed forms allocate nothing per message when given
 * direct buffers, and report "full" and "empty" by return value, never by exception.
 *
 * <p><b>Interrupts.</b> A thread interrupted while blocked leaves the call with
 * {@link IpcInterrupted} and its interrupt status still set.
 */
public interface MessageChannel extends IpcHandle {
    /** Returned by {@link #tryReceive} and the timed {@link #receive} when no message came. */
    long NO_MESSAGE = -1;

    /**
     * Sends with the default tag, blocking while the channel is full.
     *
     * @param msg the message: the bytes between its position and limit; its position moves to the limit once sent
     * @throws MessageTooLarge when the message exceeds the channel's limit
     */
    default void send(ByteBuffer msg) {
        send(msg, capabilities().defaultTag());
    }

    /**
     * Sends with {@code tag}, blocking while the channel is full.
     *
     * @param msg the message: the bytes between its position and limit; its position moves to the limit once sent
     * @param tag the message's tag (SysV type, POSIX priority); only the default tag on untagged channels
     * @throws MessageTooLarge when the message exceeds the channel's limit
     */
    void send(ByteBuffer msg, long tag);

    /**
     * Sends with {@code tag} if there is room now.
     *
     * @param msg the message: the bytes between its position and limit; its position moves to the limit once sent
     * @param tag the message's tag (SysV type, POSIX priority); only the default tag on untagged channels
     * @return {@code true} if sent, {@code false} when the channel is full (nothing is sent)
     */
    boolean trySend(ByteBuffer msg, long tag);

    /**
     * Sends with {@code tag}, waiting at most {@code timeout} for room.
     *
     * @param msg the message: the bytes between its position and limit; its position moves to the limit once sent
     * @param tag the message's tag (SysV type, POSIX priority); only the default tag on untagged channels
     * @param timeout how long to wait at most; 0 or less means do not wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if sent, {@code false} when it timed out (nothing is sent)
     */
    boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit);

    /**
     * Receives the first message of the queue's order, blocking while there is none.
     *
     * @param dst where the message's bytes go, from its position, which advances by the message's length
     * @return the message's tag
     * @throws MessageTooLarge when the message is larger than {@code dst.remaining()}; it stays queued
     */
    default long receive(ByteBuffer dst) {
        return receive(dst, Select.any());
    }

    /**
     * Receives the message {@code sel} picks, blocking while there is none.
     *
     * @param dst where the message's bytes go, from its position, which advances by the message's length
     * @param sel which message to take ({@link Select#any()} for the first in the queue's order)
     * @return the message's tag
     * @throws MessageTooLarge when the message is larger than {@code dst.remaining()}; it stays queued
     */
    long receive(ByteBuffer dst, Select sel);

    /**
     * Receives if a message is there now, without waiting.
     *
     * @param dst where the message's bytes go, from its position, which advances by the message's length
     * @param sel which message to take ({@link Select#any()} for the first in the queue's order)
     * @return the message's tag, or {@link #NO_MESSAGE} when none was there
     * @throws MessageTooLarge when the message is larger than {@code dst.remaining()}; it stays queued
     */
    long tryReceive(ByteBuffer dst, Select sel);

    /**
     * Receives, waiting at most {@code timeout} for a message.
     *
     * @param dst where the message's bytes go, from its position, which advances by the message's length
     * @param sel which message to take ({@link Select#any()} for the first in the queue's order)
     * @param timeout how long to wait at most; 0 or less means do not wait
     * @param unit the unit of {@code timeout}
     * @return the message's tag, or {@link #NO_MESSAGE} when it timed out
     * @throws MessageTooLarge when the message is larger than {@code dst.remaining()}; it stays queued
     */
    long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit);

    /** {@return the channel's state now: messages and bytes queued, where the mechanism tells} */
    ChannelStats stats();
}
