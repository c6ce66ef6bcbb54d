package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/stat.h>}: file types, {@code stat}, creating FIFOs and directories, and setting
 * permission bits exactly (after {@code umask}). {@code lstat}/{@code fstat} take the address of
 * {@link io.jipc.os.layout.StatLayout#SIZE} bytes of native memory; they need glibc 2.33 or later
 * (the first to export those symbols). Every call saves {@code errno} ({@link Native#errno()}).
 */
public interface SysStat {
    /** {@code S_IFMT}: the file-type bits of {@code st_mode}. */
    int S_IFMT = 0170000;
    /** {@code S_IFIFO}: a pipe or FIFO. */
    int S_IFIFO = 0010000;
    /** {@code S_IFSOCK}: a socket. */
    int S_IFSOCK = 0140000;
    /** {@code S_IFREG}: a regular file. */
    int S_IFREG = 0100000;
    /** {@code S_IFDIR}: a directory. */
    int S_IFDIR = 0040000;
    /** {@code S_IFLNK}: a symbolic link. */
    int S_IFLNK = 0120000;
    /** {@code S_IFCHR}: a character device. */
    int S_IFCHR = 0020000;
    /** {@code S_IFBLK}: a block device. */
    int S_IFBLK = 0060000;

    /** The bindings, loaded once. */
    SysStat LIB = Native.load(SysStat.class);

    /**
     * {@code mkfifo(path, mode)}.
     *
     * @param path the FIFO to create
     * @param mode its permission bits (before the umask)
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int mkfifo(String path, int mode);

    /**
     * {@code chmod(path, mode)}.
     *
     * @param path the file
     * @param mode the permission bits, exactly
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int chmod(String path, int mode);

    /**
     * {@code fchmod(fd, mode)}.
     *
     * @param fd the descriptor
     * @param mode the permission bits, exactly
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int fchmod(int fd, int mode);

    /**
     * {@code mkdir(path, mode)}.
     *
     * @param path the directory to create
     * @param mode its permission bits (before the umask)
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int mkdir(String path, int mode);

    /**
     * {@code lstat(path, buf)}: like {@code stat}, but a symbolic link is described itself.
     *
     * @param path the file
     * @param buf the address of {@link io.jipc.os.layout.StatLayout#SIZE} bytes
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int lstat(String path, long buf);

    /**
     * {@code fstat(fd, buf)}.
     *
     * @param fd the descriptor
     * @param buf the address of {@link io.jipc.os.layout.StatLayout#SIZE} bytes
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int fstat(int fd, long buf);
}
