package io.jipc.api;

/**
 * A process's handle on an IPC object. {@link #close()} releases this handle only and is
 * idempotent; {@link #remove()} removes the object from the system with the mechanism's own
 * semantics (SysV: at once, blocked peers fail with {@link IpcRemoved}; POSIX and files: the name
 * goes, open handles keep working).
 */
public interface IpcHandle extends AutoCloseable {
    /** The URI this handle was opened with. */
    IpcUri uri();

    /** What this backend can do, with the limits in force for this object. */
    Capabilities capabilities();

    /**
     * Removes the object from the system. The handle stays usable as far as the mechanism allows
     * (a POSIX queue keeps working until closed; a SysV queue fails at once). Removing an object
     * already removed by someone else is not an error.
     */
    void remove();

    /** Has {@link #close()} been called? */
    boolean isClosed();

    /** Releases this process's handle; never removes the object. Idempotent. */
    @Override
    void close();
}
