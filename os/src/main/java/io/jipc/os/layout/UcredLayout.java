package io.jipc.os.layout;

/**
 * {@code struct ucred} (Linux, {@code SO_PEERCRED}): {@code pid_t pid; uid_t uid; gid_t gid;}.
 * Checked against the C compiler by {@code SocketLayoutTest}.
 */
public final class UcredLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 12;
    /** The offset of {@code pid}. */
    public static final int PID = 0;
    /** The offset of {@code uid}. */
    public static final int UID = 4;
    /** The offset of {@code gid}. */
    public static final int GID = 8;

    private UcredLayout() {
    }
}
