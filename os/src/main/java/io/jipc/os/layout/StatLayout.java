package io.jipc.os.layout;

import io.jipc.os.NativeMemory;

/**
 * The fields of {@code struct stat} jipc reads, for the running architecture: x86-64
 * ({@code nlink_t} is 8 bytes and comes before {@code st_mode}) or the generic layout of aarch64
 * ({@code st_mode} then a 4-byte {@code st_nlink}). {@link #SIZE} is the full size, so a buffer
 * of that many bytes can be handed to {@code lstat}/{@code fstat}. Checked against the C compiler
 * by {@code StatLayoutTest}.
 */
public final class StatLayout {
    private static final boolean X86_64 = !"aarch64".equals(System.getProperty("os.arch"));

    /** The size of the structure in bytes. */
    public static final int SIZE = X86_64 ? 144 : 128;
    /** The offset of {@code st_dev}. */
    public static final int ST_DEV = 0;
    /** The offset of {@code st_ino}. */
    public static final int ST_INO = 8;
    /** The offset of {@code st_nlink}. */
    public static final int ST_NLINK = X86_64 ? 16 : 20;
    /** The offset of {@code st_mode}. */
    public static final int ST_MODE = X86_64 ? 24 : 16;
    /** The offset of {@code st_uid}. */
    public static final int ST_UID = X86_64 ? 28 : 24;
    /** The offset of {@code st_size}. */
    public static final int ST_SIZE = 48;
    /** The offset of {@code st_mtim}. */
    public static final int ST_MTIM = 88;

    private StatLayout() {
    }

    /**
     * Reads {@code st_dev}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static long dev(long buf) {
        return NativeMemory.getLong(buf + ST_DEV);
    }

    /**
     * Reads {@code st_ino}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static long ino(long buf) {
        return NativeMemory.getLong(buf + ST_INO);
    }

    /**
     * Reads {@code st_nlink}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static long nlink(long buf) {
        return X86_64 ? NativeMemory.getLong(buf + ST_NLINK) : NativeMemory.getInt(buf + ST_NLINK) & 0xffffffffL;
    }

    /**
     * Reads {@code st_mode}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static int mode(long buf) {
        return NativeMemory.getInt(buf + ST_MODE);
    }

    /**
     * Reads {@code st_uid}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static int uid(long buf) {
        return NativeMemory.getInt(buf + ST_UID);
    }

    /**
     * Reads {@code st_size}.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static long size(long buf) {
        return NativeMemory.getLong(buf + ST_SIZE);
    }

    /**
     * Modification time, seconds since the epoch.
     *
     * @param buf the native address of the buffer (or the structure)
     * @return the value
     */
    public static long mtimeSeconds(long buf) {
        return NativeMemory.getLong(buf + ST_MTIM);
    }

    /**
     * {@return the file type bits of {@code st_mode} (compare with {@code S_IFREG}, {@code S_IFDIR}, {@code S_IFLNK}...)}
     *
     * @param buf the native address of the buffer (or the structure)
     */
    public static int type(long buf) {
        return mode(buf) & io.jipc.os.SysStat.S_IFMT;
    }
}
