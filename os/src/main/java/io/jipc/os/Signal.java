package io.jipc.os;

/**
 * {@code <signal.h>}: sending a signal to a process or to one thread of this process, and reading
 * a signal's disposition. Pointers ({@code struct sigaction *}) are {@code long} addresses of memory laid out
 * as {@link io.jipc.os.layout.SigactionLayout} says.
 *
 * <p>Used by {@link BlockedThreads} to interrupt a system call (a thread blocked in
 * {@code msgrcv}, {@code msgsnd}, {@code semop}... returns {@code EINTR} when a signal with a
 * handler reaches it). Never send a signal that has no handler: the default action of most
 * signals, and of every real-time signal, terminates the process.
 */
public interface Signal {
    /** {@code SIGKILL}: kills the process; cannot be caught. */
    int SIGKILL = 9;
    /** {@code SIGTERM}: asks the process to end. */
    int SIGTERM = 15;
    /** {@code SIG_DFL} as {@code sa_handler} holds it: the default action. */
    long SIG_DFL = 0;
    /** {@code SIG_IGN} as {@code sa_handler} holds it: the signal is ignored. */
    long SIG_IGN = 1;

    /** The bindings, loaded once. */
    Signal LIB = Native.load(Signal.class);

    /**
     * {@code pthread_kill(thread, sig)}: queues {@code sig} to {@code thread} of this process.
     * Returns the error number ({@code 0} on success, {@code ESRCH}, {@code EINVAL}), not
     * {@code errno}. {@code thread} must be a thread that has not ended: glibc may crash on the
     * {@code pthread_t} of a joined or ended thread.
     *
     * @param thread the {@code pthread_t} of a running thread of this process
     * @param sig the signal
     * @return 0, or an error number ({@code ESRCH}, {@code EINVAL}); errno is not set
     */
    int pthread_kill(long thread, int sig);

    /**
     * {@code sigaction(sig, act, oldact)}: with {@code act = 0} it only reads the disposition into
     * {@code oldact}. Returns 0, or -1 with {@code errno}.
     *
     * @param sig the signal
     * @param act the new disposition's address, or 0
     * @param oldact the address that receives the old disposition, or 0
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @jnr.ffi.annotations.SaveError
    int sigaction(int sig, long act, long oldact);

    /**
     * {@code kill(pid, sig)}; with {@code sig = 0} it only checks that {@code pid} exists
     * ({@code ESRCH} when not, {@code EPERM} when it exists but belongs to another user).
     *
     * @param pid the process
     * @param sig the signal, or 0
     * @return 0, or -1 with errno saved
     */
    @jnr.ffi.annotations.SaveError
    int kill(int pid, int sig);
}
