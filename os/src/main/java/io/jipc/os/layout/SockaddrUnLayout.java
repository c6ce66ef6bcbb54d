package io.jipc.os.layout;

import io.jipc.os.NativeMemory;

import java.nio.charset.StandardCharsets;

/**
 * {@code struct sockaddr_un} (Linux): {@code sa_family_t sun_family; char sun_path[108];}.
 * Checked against the C compiler by {@code SocketLayoutTest}.
 */
public final class SockaddrUnLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 110;
    /** The offset of {@code sun_family}. */
    public static final int SUN_FAMILY = 0;
    /** The offset of {@code sun_path}. */
    public static final int SUN_PATH = 2;
    /** {@code sizeof(sun_path)}: a path takes at most 107 bytes plus its NUL. */
    public static final int SUN_PATH_SIZE = 108;

    private SockaddrUnLayout() {
    }

    /**
     * Writes an {@code AF_UNIX} address for {@code path} (already checked to fit) at
     * {@code address}.
     *
     * @return the address length to pass to {@code bind}/{@code connect}
     * @param address the native address
     * @param family {@code sun_family}
     * @param path the path
     */
    public static int put(long address, int family, String path) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        if (b.length >= SUN_PATH_SIZE) {
            throw new IllegalArgumentException("socket path of " + b.length + " bytes does not fit sun_path ("
                    + SUN_PATH_SIZE + " bytes including the terminating NUL)");
        }
        NativeMemory.clear(address, SIZE);
        NativeMemory.putShort(address + SUN_FAMILY, (short) family);
        for (int i = 0; i < b.length; i++) {
            NativeMemory.putByte(address + SUN_PATH + i, b[i]);
        }
        return SUN_PATH + b.length + 1;
    }
}
