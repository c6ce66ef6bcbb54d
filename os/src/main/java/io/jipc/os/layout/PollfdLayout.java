package io.jipc.os.layout;

/**
 * {@code struct pollfd}: {@code int fd; short events; short revents;}. Checked against the C
 * compiler by {@code SocketLayoutTest}.
 */
public final class PollfdLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 8;
    /** The offset of {@code fd}. */
    public static final int FD = 0;
    /** The offset of {@code events}. */
    public static final int EVENTS = 4;
    /** The offset of {@code revents}. */
    public static final int REVENTS = 6;

    private PollfdLayout() {
    }
}
