package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/**
 * {@code <sys/stat.h>}: creating FIFOs and setting permission bits exactly (after {@code umask}).
 * File types of open descriptors are read with {@link Native#posix()}'s {@code fstat}.
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

    @SaveError
    int mkfifo(String path, int mode);

    @SaveError
    int chmod(String path, int mode);
}
