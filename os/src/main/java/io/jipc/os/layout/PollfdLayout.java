package io.jipc.os.layout;

/**
 * {@code struct pollfd}: {@code int fd; short events; short revents;}. Checked against the C
 * compiler by {@code SocketLayoutTest}.
 */
public final class PollfdLayout {
    public static final int SIZE = 8;
    public static final int FD = 0;
    public static final int EVENTS = 4;
    public static final int REVENTS = 6;

    private PollfdLayout() {
    }
}
