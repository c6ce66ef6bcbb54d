package io.jipc.os;

/**
 * {@code <fcntl.h>} constants (Linux, x86-64 and aarch64 values). Calls go through
 * {@link Native#posix()} or the topic interfaces that need them.
 */
public final class Fcntl {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int FD_CLOEXEC = 1;

    /** {@code fcntl} record locks ({@code struct flock}, see {@link io.jipc.os.layout.FlockLayout}). */
    public static final int F_GETLK = 5;
    public static final int F_SETLK = 6;
    public static final int F_SETLKW = 7;
    /** Open-file-description locks (Linux 3.15+): owned by the open file description, not the process. */
    public static final int F_OFD_GETLK = 36;
    public static final int F_OFD_SETLK = 37;
    public static final int F_OFD_SETLKW = 38;
    /** {@code l_type} values. */
    public static final short F_RDLCK = 0;
    public static final short F_WRLCK = 1;
    public static final short F_UNLCK = 2;
    /** {@code l_whence} / {@code lseek} origin. */
    public static final short SEEK_SET = 0;
    /** {@code <sys/file.h>} {@code flock(2)} operations. */
    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;
    /** {@code <unistd.h>} {@code access(2)} modes. */
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    private Fcntl() {
    }
}
