package io.jipc.posix.stream;

/**
 * Who is at the other end of a Unix socket, as the kernel recorded it ({@code SO_PEERCRED}): the
 * process that connected (or, for {@code socketpair}, the process that created the pair), with
 * its user and group ids at that moment. Unix sockets are the only jipc channels that can tell
 * (claim C15).
 *
 * @param pid the peer's process id
 * @param uid the peer's effective user id
 * @param gid the peer's effective group id
 */
public record PeerCredentials(int pid, int uid, int gid) {
}
