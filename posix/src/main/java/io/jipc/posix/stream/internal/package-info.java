/**
 * Internal: the framing and descriptor plumbing shared by the {@code pipe:}, {@code fifo:} and
 * {@code unix:} channels. Not an API; may change without notice.
 */
package io.jipc.posix.stream.internal;
