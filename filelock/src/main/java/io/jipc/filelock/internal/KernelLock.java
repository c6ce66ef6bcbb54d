package io.jipc.filelock.internal;

import io.jipc.api.IpcException;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.layout.FlockLayout;

/**
 * The three kernel file locks, as one exclusive whole-file lock on a descriptor: a non-blocking
 * attempt, a blocking wait and a release. {@code buf} is the address of a
 * {@link FlockLayout#SIZE}-byte scratch {@code struct flock} owned by the calling thread.
 */
public enum KernelLock {
    /** POSIX record lock ({@code F_SETLK}/{@code F_SETLKW}, {@code F_WRLCK} over the whole file): owned by the process. */
    FCNTL("fcntl(F_SETLK)", "fcntl(F_SETLKW)", Fcntl.F_SETLK, Fcntl.F_SETLKW),
    /** Open-file-description lock ({@code F_OFD_SETLK}/{@code F_OFD_SETLKW}): owned by the open file description. */
    OFD("fcntl(F_OFD_SETLK)", "fcntl(F_OFD_SETLKW)", Fcntl.F_OFD_SETLK, Fcntl.F_OFD_SETLKW),
    /** BSD lock ({@code flock(LOCK_EX)}): owned by the open file description. */
    FLOCK("flock(LOCK_EX|LOCK_NB)", "flock(LOCK_EX)", 0, 0) {
        @Override
        int trySys(int fd, long buf) {
            return io.jipc.os.SysFile.LIB.flock(fd, io.jipc.os.SysFile.LOCK_EX | io.jipc.os.SysFile.LOCK_NB);
        }

        @Override
        int waitSys(int fd, long buf) {
            return io.jipc.os.SysFile.LIB.flock(fd, io.jipc.os.SysFile.LOCK_EX);
        }

        @Override
        int unlockSys(int fd, long buf) {
            return io.jipc.os.SysFile.LIB.flock(fd, io.jipc.os.SysFile.LOCK_UN);
        }
    };


    private final String tryName;
    private final String waitName;
    private final int setCmd;
    private final int setWaitCmd;

    /** {@code setCmd}/{@code setWaitCmd}: the {@code fcntl} commands of a record lock (unused by {@link #FLOCK}). */
    KernelLock(String tryName, String waitName, int setCmd, int setWaitCmd) {
        this.tryName = tryName;
        this.waitName = waitName;
        this.setCmd = setCmd;
        this.setWaitCmd = setWaitCmd;
    }

    /** A write lock on the whole file, without waiting (record locks; {@link #FLOCK} overrides). */
    int trySys(int fd, long buf) {
        FlockLayout.putWholeFile(buf, Fcntl.F_WRLCK);
        return Fcntl.LIB.fcntl(fd, setCmd, buf);
    }

    /** A write lock on the whole file, sleeping until granted. */
    int waitSys(int fd, long buf) {
        FlockLayout.putWholeFile(buf, Fcntl.F_WRLCK);
        return Fcntl.LIB.fcntl(fd, setWaitCmd, buf);
    }

    /** Releases the whole-file lock. */
    int unlockSys(int fd, long buf) {
        FlockLayout.putWholeFile(buf, Fcntl.F_UNLCK);
        return Fcntl.LIB.fcntl(fd, setCmd, buf);
    }

    /** One non-blocking attempt: {@code true} when acquired, {@code false} when another owner holds it. */
    public boolean tryLock(int fd, long buf, String uri) {
        while (true) {
            if (trySys(fd, buf) == 0) {
                return true;
            }
            int e = Native.errno();
            if (e == Errno.EAGAIN || e == Errno.EACCES) {
                return false;
            }
            if (e != Errno.EINTR) {
                throw Errno.exception(tryName, uri, e, errnoDetail(e));
            }
        }
    }

    /** Waits in the kernel until acquired; returns 0 or the errno of the failure ({@code EINTR} retried). */
    public int lockWait(int fd, long buf) {
        while (true) {
            if (waitSys(fd, buf) == 0) {
                return 0;
            }
            int e = Native.errno();
            if (e != Errno.EINTR) {
                return e;
            }
        }
    }

    /** Releases; an error here means a bug (bad descriptor) and is thrown. */
    public void unlock(int fd, long buf, String uri) {
        while (unlockSys(fd, buf) != 0) {
            int e = Native.errno();
            if (e != Errno.EINTR) {
                throw Errno.exception("unlock: " + tryName, uri, e);
            }
        }
    }

    /** The exception for a failed blocking wait. */
    public IpcException waitError(String uri, int errno) {
        return Errno.exception(waitName, uri, errno, errnoDetail(errno));
    }

    private static String errnoDetail(int e) {
        if (e == Errno.EDEADLK) {
            return "the kernel detected a deadlock between processes waiting for each other's record locks";
        }
        if (e == Errno.ENOLCK) {
            return "no lock available (the kernel's lock table is full, or the file system does not support this lock)";
        }
        if (e == Errno.EINVAL) {
            return "invalid lock request (an open-file-description lock needs Linux 3.15 or later)";
        }
        return null;
    }
}
