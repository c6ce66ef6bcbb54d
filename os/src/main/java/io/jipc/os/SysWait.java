package io.jipc.os;

import jnr.ffi.annotations.SaveError;

/** {@code <sys/wait.h>}: reaping child processes. */
public interface SysWait {
    /** {@code WNOHANG}: return 0 at once if no child has changed state. */
    int WNOHANG = 1;

    /** The bindings, loaded once. */
    SysWait LIB = Native.load(SysWait.class);

    /**
     * {@code waitpid(pid, wstatus, options)}.
     *
     * @param pid the child
     * @param wstatus the address of an {@code int} that receives the status, or 0
     * @param options {@link #WNOHANG} or 0
     * @return the child's pid, 0 (with {@code WNOHANG}) while it runs, or -1 with errno saved
     */
    @SaveError
    int waitpid(int pid, long wstatus, int options);
}
