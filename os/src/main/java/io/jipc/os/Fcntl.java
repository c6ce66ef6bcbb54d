package io.jipc.os;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <fcntl.h>} (Linux, x86-64 and aarch64 values): opening files, descriptor and lock
 * commands, {@code posix_fallocate}, and the GNU {@code tee}.
 *
 * <p>{@code open} and {@code fcntl} are variadic in C; they are declared here with all their
 * arguments, which is the same call on x86-64 and aarch64. {@code fcntl}'s third argument is the
 * address of a {@code struct flock} ({@link io.jipc.os.layout.FlockLayout}) for the lock commands,
 * an integer otherwise. Every call but {@code posix_fallocate} saves {@code errno}
 * ({@link Native#errno()}).
 */
public interface Fcntl {
    /** {@code O_RDONLY}: open for reading only. */
    int O_RDONLY = 0;
    /** {@code O_WRONLY}: open for writing only. */
    int O_WRONLY = 1;
    /** {@code O_RDWR}: open for reading and writing. */
    int O_RDWR = 2;
    /** {@code O_ACCMODE}: the access-mode bits of the status flags. */
    int O_ACCMODE = 3;
    /** {@code O_CREAT}: create the file if it does not exist. */
    int O_CREAT = 0100;
    /** {@code O_EXCL}: with {@code O_CREAT}, fail with {@code EEXIST} if it exists. */
    int O_EXCL = 0200;
    /** {@code O_NOCTTY}: never become the controlling terminal. */
    int O_NOCTTY = 0400;
    /** {@code O_TRUNC}: truncate a regular file to length 0. */
    int O_TRUNC = 01000;
    /** {@code O_APPEND}: every write appends. */
    int O_APPEND = 02000;
    /** {@code O_NONBLOCK}: calls that would block fail with {@code EAGAIN} instead. */
    int O_NONBLOCK = 04000;
    /** {@code O_DIRECTORY}: fail unless the path is a directory. */
    int O_DIRECTORY = 0200000;
    /** {@code O_NOFOLLOW}: fail with {@code ELOOP} if the last component is a symbolic link. */
    int O_NOFOLLOW = 0400000;
    /** {@code O_CLOEXEC}: close the descriptor on {@code exec}. */
    int O_CLOEXEC = 02000000;

    /** {@code F_DUPFD}: duplicate to the lowest free descriptor at least {@code arg}. */
    int F_DUPFD = 0;
    /** {@code F_GETFD}: read the descriptor flags ({@link #FD_CLOEXEC}). */
    int F_GETFD = 1;
    /** {@code F_SETFD}: set the descriptor flags. */
    int F_SETFD = 2;
    /** {@code F_GETFL}: read the file status flags ({@code O_*}). */
    int F_GETFL = 3;
    /** {@code F_SETFL}: set the file status flags ({@code O_NONBLOCK}, {@code O_APPEND}). */
    int F_SETFL = 4;
    /** {@code F_DUPFD_CLOEXEC}: {@link #F_DUPFD} with {@link #FD_CLOEXEC} set on the copy. */
    int F_DUPFD_CLOEXEC = 1030;
    /** {@code FD_CLOEXEC}: the close-on-exec descriptor flag. */
    int FD_CLOEXEC = 1;
    /** {@code F_SETPIPE_SZ}: set the pipe's capacity in bytes (Linux). */
    int F_SETPIPE_SZ = 1031;
    /** {@code F_GETPIPE_SZ}: get the pipe's capacity in bytes (Linux). */
    int F_GETPIPE_SZ = 1032;

    /** {@code F_GETLK}: test a process-associated record lock ({@code struct flock}, see {@link io.jipc.os.layout.FlockLayout}). */
    int F_GETLK = 5;
    /** {@code F_SETLK}: take or release a process-associated record lock without waiting. */
    int F_SETLK = 6;
    /** {@code F_SETLKW}: take a process-associated record lock, waiting. */
    int F_SETLKW = 7;
    /** {@code F_OFD_GETLK}: test an open-file-description lock (Linux 3.15+). */
    int F_OFD_GETLK = 36;
    /** {@code F_OFD_SETLK}: take or release an open-file-description lock without waiting. */
    int F_OFD_SETLK = 37;
    /** {@code F_OFD_SETLKW}: take an open-file-description lock, waiting. */
    int F_OFD_SETLKW = 38;
    /** {@code l_type}: a read (shared) lock. */
    short F_RDLCK = 0;
    /** {@code l_type}: a write (exclusive) lock. */
    short F_WRLCK = 1;
    /** {@code l_type}: unlock. */
    short F_UNLCK = 2;
    /** {@code l_whence} / {@code lseek} origin: the start of the file. */
    short SEEK_SET = 0;

    /** {@code AT_FDCWD}: {@link #openat} resolves a relative path from the working directory. */
    int AT_FDCWD = -100;

    /** {@code SPLICE_F_NONBLOCK}: {@link #tee} does not block on the pipes ({@code EAGAIN} instead). */
    int SPLICE_F_NONBLOCK = 2;

    /** The bindings, loaded once. */
    Fcntl LIB = Native.load(Fcntl.class);

    /**
     * {@code open(path, flags, mode)} (variadic in C: always given all three).
     *
     * @param path the file
     * @param flags {@code O_*} flags
     * @param mode the permission bits of a created file (before the umask)
     * @return the descriptor, or -1 with errno saved
     */
    @SaveError
    int open(String path, int flags, int mode);

    /**
     * {@code openat(dirfd, path, flags, mode)} with the path as the address of a NUL-terminated
     * string in native memory: the form that allocates nothing (used by {@link ProcStat}).
     *
     * @param dirfd a directory descriptor, or {@link #AT_FDCWD}
     * @param path the address of the NUL-terminated path
     * @param flags {@code O_*} flags
     * @param mode the permission bits of a created file (before the umask)
     * @return the descriptor, or -1 with errno saved
     */
    @SaveError
    int openat(int dirfd, long path, int flags, int mode);

    /**
     * {@code fcntl(fd, cmd, arg)} with the variadic argument always given.
     *
     * @param fd the descriptor
     * @param cmd the {@code F_*} command
     * @param arg an integer, or the address of a {@code struct flock} for the lock commands, or ignored
     * @return the command's result, or -1 with errno saved
     */
    @SaveError
    int fcntl(int fd, int cmd, long arg);

    /**
     * {@code posix_fallocate(fd, offset, len)}: allocates the blocks (tmpfs: pages) of the range.
     *
     * @param fd the descriptor of a regular file open for writing
     * @param offset the range's start
     * @param len the range's length
     * @return 0, or an error number (it does not set errno): {@code ENOSPC}, {@code EOPNOTSUPP}...
     */
    int posix_fallocate(int fd, long offset, long len);

    /**
     * {@code tee(fd_in, fd_out, len, flags)}: duplicates up to {@code len} bytes queued in one pipe
     * into another without consuming them — the only way to peek at a pipe or FIFO.
     *
     * @param fdIn the pipe to copy from (its bytes stay)
     * @param fdOut the pipe to copy to
     * @param len at most this many bytes
     * @param flags {@link #SPLICE_F_NONBLOCK} or 0
     * @return the bytes duplicated, or -1 with errno saved
     */
    @SaveError
    @ssize_t long tee(int fdIn, int fdOut, @size_t long len, int flags);
}
