package io.jipc.os;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The libc file calls the file-lock backends need, with C names and fixed-arity prototypes:
 * {@code <fcntl.h>} ({@code open}, {@code fcntl}), {@code <sys/file.h>} ({@code flock}),
 * {@code <unistd.h>} ({@code close}, {@code pread}, {@code write}, {@code link}, {@code unlink},
 * {@code access}, {@code fsync}), {@code <stdio.h>} ({@code rename}), {@code <sys/stat.h>}
 * ({@code lstat}, {@code fstat}, {@code fchmod}, {@code chmod}, {@code mkdir}), {@code rmdir} and {@code <signal.h>} ({@code kill}).
 *
 * <p>Every call saves {@code errno} ({@link Native#errno()}). {@code open} and {@code fcntl} are
 * variadic in C; they are declared here with all their arguments (same call on x86-64 and
 * aarch64). {@code fcntl}'s third argument is the address of a {@code struct flock}
 * ({@link io.jipc.os.layout.FlockLayout}) or an integer; {@code lstat}/{@code fstat} take the
 * address of a {@code struct stat} ({@link io.jipc.os.layout.StatLayout}). No prototype has more
 * than five arguments. Needs glibc 2.33 or later for the {@code lstat}/{@code fstat} symbols.
 */
public interface FileCalls {
    /** The bindings, loaded once. */
    FileCalls LIB = Native.load(FileCalls.class);

    @SaveError
    int open(String path, int flags, int mode);

    @SaveError
    int close(int fd);

    /** {@code fcntl(fd, cmd, arg)}: {@code arg} is a {@code struct flock *} for the lock commands. */
    @SaveError
    int fcntl(int fd, int cmd, long arg);

    @SaveError
    int flock(int fd, int operation);

    @SaveError
    long pread(int fd, @Out byte[] buf, long count, long offset);

    @SaveError
    long write(int fd, @In byte[] buf, long count);

    @SaveError
    int fsync(int fd);

    @SaveError
    int fchmod(int fd, int mode);

    @SaveError
    int link(String oldpath, String newpath);

    @SaveError
    int unlink(String path);

    @SaveError
    int rename(String oldpath, String newpath);

    @SaveError
    int mkdir(String path, int mode);

    @SaveError
    int rmdir(String path);

    @SaveError
    int chmod(String path, int mode);

    @SaveError
    int access(String path, int mode);

    /** {@code lstat(path, buf)}: {@code buf} is the address of {@link io.jipc.os.layout.StatLayout#SIZE} bytes. */
    @SaveError
    int lstat(String path, long buf);

    /** {@code fstat(fd, buf)}: {@code buf} is the address of {@link io.jipc.os.layout.StatLayout#SIZE} bytes. */
    @SaveError
    int fstat(int fd, long buf);

    @SaveError
    int kill(int pid, int sig);
}
