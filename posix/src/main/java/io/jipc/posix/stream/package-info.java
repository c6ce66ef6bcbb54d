/**
 * The stream alternatives to message queues, as GaPiL weighs them: {@code pipe:} (a pipe pair
 * with a spawned child), {@code fifo:} (a named pipe as a multi-writer queue) and {@code unix:}
 * (Unix-domain sockets, named or {@code socketpair}, stream or seqpacket). Message boundaries are
 * kept by a 16-byte frame header (length, magic, tag); every channel is {@link io.jipc.api.Pollable}.
 */
package io.jipc.posix.stream;
