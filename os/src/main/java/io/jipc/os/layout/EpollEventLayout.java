package io.jipc.os.layout;

/**
 * {@code struct epoll_event}: {@code uint32_t events; epoll_data_t data;}. On x86-64 the kernel
 * ABI declares it {@code __attribute__((packed))}: 12 bytes, {@code data} at offset 4. Elsewhere
 * (aarch64) it is naturally aligned: 16 bytes, {@code data} at offset 8. Checked against the C
 * compiler by {@code EpollEventLayoutTest}.
 */
public final class EpollEventLayout {
    private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    /** The size of the structure in bytes. */
    public static final int SIZE = PACKED ? 12 : 16;
    /** The offset of {@code events}. */
    public static final int EVENTS = 0;
    /** The offset of {@code data}. */
    public static final int DATA = PACKED ? 4 : 8;

    private EpollEventLayout() {
    }
}
