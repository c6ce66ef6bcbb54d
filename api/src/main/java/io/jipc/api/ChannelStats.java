package io.jipc.api;

/**
 * A snapshot of a channel's state, as far as the mechanism knows it. Values that the mechanism
 * does not keep are {@link Capabilities#UNKNOWN} (-1).
 *
 * @param messages messages queued now
 * @param bytes bytes queued now (payload)
 * @param capacityMessages how many messages fit
 * @param capacityBytes how many bytes fit
 * @param lastSenderPid pid of the last sender
 * @param lastReceiverPid pid of the last receiver
 * @param lastSendEpochSeconds time of the last send, seconds since the epoch
 * @param lastReceiveEpochSeconds time of the last receive, seconds since the epoch
 */
public record ChannelStats(long messages, long bytes, long capacityMessages, long capacityBytes,
                           long lastSenderPid, long lastReceiverPid,
                           long lastSendEpochSeconds, long lastReceiveEpochSeconds) {
}
