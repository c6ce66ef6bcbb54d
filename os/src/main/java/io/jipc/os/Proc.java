package io.jipc.os;

/**
 * This process and others: ids, signals, liveness and resource limits — what backends, the CLI
 * and tests used to ask JNR-POSIX for. Nothing here allocates but {@link #rlimit}.
 */
public final class Proc {
    private static final int PID = (int) ProcessHandle.current().pid();

    private Proc() {
    }

    /** {@return this process's id} */
    public static int pid() {
        return PID;
    }

    /** {@return the parent process's id ({@code getppid()}: changes when the parent dies)} */
    public static int ppid() {
        return Unistd.LIB.getppid();
    }

    /** {@return the real user id} */
    public static int uid() {
        return Unistd.LIB.getuid();
    }

    /** {@return the effective user id} */
    public static int euid() {
        return Unistd.LIB.geteuid();
    }

    /** {@return the real group id} */
    public static int gid() {
        return Unistd.LIB.getgid();
    }

    /**
     * Does a process with this id exist ({@code kill(pid, 0)})? A zombie exists; see
     * {@link ProcStat#alive} to tell it from a running process.
     *
     * @param pid the process
     * @return {@code true} unless the kernel says {@code ESRCH} ({@code EPERM}: it exists, another user's)
     */
    public static boolean exists(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        return Signal.LIB.kill((int) pid, 0) == 0 || Native.errno() != Errno.ESRCH;
    }

    /**
     * Sends a signal ({@code kill(pid, sig)}).
     *
     * @param pid the process
     * @param sig the signal ({@link Signal#SIGKILL}, {@link Signal#SIGTERM}...)
     * @return 0, or the errno ({@code ESRCH}, {@code EPERM})
     */
    public static int signal(long pid, int sig) {
        return Signal.LIB.kill((int) pid, sig) == 0 ? 0 : Native.errno();
    }

    /**
     * A resource limit ({@code getrlimit}).
     *
     * @param resource an {@code RLIMIT_*} value of {@link SysResource}
     * @return {@code [soft, hard]}, {@link SysResource#RLIM_INFINITY} for unlimited
     * @throws io.jipc.api.IpcException when the call fails
     */
    public static long[] rlimit(int resource) {
        long buf = NativeMemory.allocate(16);
        try {
            if (SysResource.LIB.getrlimit(resource, buf) != 0) {
                throw Errno.last("getrlimit", "resource " + resource);
            }
            return new long[] {NativeMemory.getLong(buf), NativeMemory.getLong(buf + 8)};
        } finally {
            NativeMemory.free(buf);
        }
    }

    /**
     * Sets a resource limit of this process ({@code setrlimit}).
     *
     * @param resource an {@code RLIMIT_*} value of {@link SysResource}
     * @param soft the soft limit
     * @param hard the hard limit
     * @return 0, or the errno ({@code EPERM} when raising the hard limit unprivileged)
     */
    public static int setRlimit(int resource, long soft, long hard) {
        long buf = NativeMemory.allocate(16);
        try {
            NativeMemory.putLong(buf, soft);
            NativeMemory.putLong(buf + 8, hard);
            return SysResource.LIB.setrlimit(resource, buf) == 0 ? 0 : Native.errno();
        } finally {
            NativeMemory.free(buf);
        }
    }
}
