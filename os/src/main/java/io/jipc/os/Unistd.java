package io.jipc.os;

import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <unistd.h>}: descriptor I/O, links, process identity and {@code sysconf}. Buffers are
 * passed as {@code long} native addresses, so the data path allocates nothing. Every prototype
 * has at most five primitive arguments (see {@link Mman} for why). Every call that can fail saves
 * {@code errno} ({@link Native#errno()}).
 */
public interface Unistd {
    /** {@code access} mode: the file exists. */
    int F_OK = 0;
    /** {@code access} mode: execute (search) permission. */
    int X_OK = 1;
    /** {@code access} mode: write permission. */
    int W_OK = 2;
    /** {@code access} mode: read permission. */
    int R_OK = 4;
    /** {@code sysconf} name of {@code MQ_PRIO_MAX} (glibc). */
    int _SC_MQ_PRIO_MAX = 28;

    /** The bindings, loaded once. */
    Unistd LIB = Native.load(Unistd.class);

    /**
     * {@code pipe2(fds, flags)}.
     *
     * @param fds receives the read end ({@code fds[0]}) and the write end ({@code fds[1]})
     * @param flags {@code O_CLOEXEC}, {@code O_NONBLOCK}
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int pipe2(@Out int[] fds, int flags);

    /**
     * {@code read(fd, buf, count)}.
     *
     * @param fd the descriptor
     * @param buf the native address to read into
     * @param count at most this many bytes
     * @return the bytes read, 0 at end of file, or -1 with errno saved
     */
    @SaveError
    @ssize_t long read(int fd, long buf, @size_t long count);

    /**
     * {@code write(fd, buf, count)}.
     *
     * @param fd the descriptor
     * @param buf the native address of the bytes
     * @param count how many bytes
     * @return the bytes written, or -1 with errno saved
     */
    @SaveError
    @ssize_t long write(int fd, long buf, @size_t long count);

    /**
     * {@code pread(fd, buf, count, offset)}: reads at an offset without moving the file position.
     *
     * @param fd the descriptor
     * @param buf the native address to read into
     * @param count at most this many bytes
     * @param offset where to read in the file
     * @return the bytes read, 0 at end of file, or -1 with errno saved
     */
    @SaveError
    @ssize_t long pread(int fd, long buf, @size_t long count, @off_t long offset);

    /**
     * {@code pwrite(fd, buf, count, offset)}: writes at an offset without moving the file position.
     *
     * @param fd the descriptor
     * @param buf the native address of the bytes
     * @param count how many bytes
     * @param offset where to write in the file
     * @return the bytes written, or -1 with errno saved
     */
    @SaveError
    @ssize_t long pwrite(int fd, long buf, @size_t long count, @off_t long offset);

    /**
     * {@code close(fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1 with errno saved (the descriptor is released either way on Linux)
     */
    @SaveError
    int close(int fd);

    /**
     * {@code dup(fd)}.
     *
     * @param fd the descriptor
     * @return the lowest free descriptor, now a copy of {@code fd}, or -1 with errno saved
     */
    @SaveError
    int dup(int fd);

    /**
     * {@code ftruncate(fd, length)}.
     *
     * @param fd the descriptor of a regular file (or shared memory object) open for writing
     * @param length the new size in bytes
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int ftruncate(int fd, @off_t long length);

    /**
     * {@code fsync(fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int fsync(int fd);

    /**
     * {@code unlink(path)}.
     *
     * @param path the name to remove
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int unlink(String path);

    /**
     * {@code link(oldpath, newpath)}: a new name for an existing file; fails with {@code EEXIST}
     * if {@code newpath} exists.
     *
     * @param oldpath the existing name
     * @param newpath the new name
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int link(String oldpath, String newpath);

    /**
     * {@code rmdir(path)}.
     *
     * @param path an empty directory
     * @return 0, or -1 with errno saved
     */
    @SaveError
    int rmdir(String path);

    /**
     * {@code access(path, mode)}.
     *
     * @param path the file
     * @param mode {@link #F_OK}, or a mask of {@link #R_OK}, {@link #W_OK}, {@link #X_OK}
     * @return 0 when allowed, or -1 with errno saved
     */
    @SaveError
    int access(String path, int mode);

    /**
     * {@code getpid()}.
     *
     * @return this process's id
     */
    int getpid();

    /**
     * {@code getppid()}.
     *
     * @return the parent process's id
     */
    int getppid();

    /**
     * {@code getuid()}.
     *
     * @return the real user id
     */
    int getuid();

    /**
     * {@code geteuid()}.
     *
     * @return the effective user id
     */
    int geteuid();

    /**
     * {@code getgid()}.
     *
     * @return the real group id
     */
    int getgid();

    /**
     * {@code sysconf(name)}.
     *
     * @param name a {@code _SC_*} name
     * @return the value, or -1 when the limit is indeterminate or unknown
     */
    @SaveError
    long sysconf(int name);
}
