package io.jipc.os.layout;

import io.jipc.os.NativeMemory;

/**
 * {@code struct flock} (LP64 Linux, x86-64 and aarch64):
 * {@code short l_type; short l_whence; off_t l_start; off_t l_len; pid_t l_pid;} — 4 bytes of
 * padding after {@code l_whence} and 4 of tail padding after {@code l_pid} (size 32). Checked
 * against the C compiler by {@code FlockLayoutTest}.
 */
public final class FlockLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 32;
    /** The offset of {@code l_type}. */
    public static final int L_TYPE = 0;
    /** The offset of {@code l_whence}. */
    public static final int L_WHENCE = 2;
    /** The offset of {@code l_start}. */
    public static final int L_START = 8;
    /** The offset of {@code l_len}. */
    public static final int L_LEN = 16;
    /** The offset of {@code l_pid}. */
    public static final int L_PID = 24;

    private FlockLayout() {
    }

    /**
     * Writes a request for the whole file ({@code l_whence = SEEK_SET}, {@code l_start = 0},
     * {@code l_len = 0}, {@code l_pid = 0} as OFD locks require) of lock type {@code type}
     * ({@code F_WRLCK}, {@code F_UNLCK}...) at {@code address}.
     *
     * @param address the native address
     * @param type the type
     */
    public static void putWholeFile(long address, short type) {
        NativeMemory.clear(address, SIZE);
        NativeMemory.putShort(address + L_TYPE, type);
        NativeMemory.putShort(address + L_WHENCE, (short) 0);
        NativeMemory.putLong(address + L_START, 0);
        NativeMemory.putLong(address + L_LEN, 0);
        NativeMemory.putInt(address + L_PID, 0);
    }
}
