package io.jipc.os.layout;

/**
 * {@code struct ucred} (Linux, {@code SO_PEERCRED}): {@code pid_t pid; uid_t uid; gid_t gid;}.
 * Checked against the C compiler by {@code SocketLayoutTest}.
 */
public final class UcredLayout {
    public static final int SIZE = 12;
    public static final int PID = 0;
    public static final int UID = 4;
    public static final int GID = 8;

    private UcredLayout() {
    }
}
