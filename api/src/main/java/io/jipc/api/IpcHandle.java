package io.jipc.api;

/**
 * A process's handle on an IPC object. {@link #close()} releases this handle only and is
 * idempotent; {@link #remove()} removes the object from the system with the mechanism's own
 * semantics (SysV: at once, blocked peers fail with {@link IpcRemoved}; POSIX and files: the name
 * goes, open handles keep working).
 *
 * <h2>Threads and the lifecycle</h2>
 * The same rules hold on every backend, and the contract suites check each of them:
 * <ul>
 *   <li><b>Thread safety.</b> A handle may be shared by any number of threads: every method may
 *       be called from any thread at any time, concurrently with any other, with no external
 *       locking. In particular:
 *       <ul>
 *         <li>{@link MessageChannel}: any number of threads may send and any number may receive
 *             through one handle at the same time (blocking, {@code try} and timed forms mixed).
 *             Every message sent is received exactly once, whole: the bytes of two concurrent sends
 *             never interleave, even on stream mechanisms. Messages one thread sends with one tag
 *             are received in the order it sent them; no order is promised between threads.</li>
 *         <li>{@link Mutex}: the lock is owned by a thread, not by the handle: threads locking
 *             through one handle exclude each other exactly as threads using separate handles or
 *             separate processes do.</li>
 *         <li>{@link SharedRegion}: the atomic accessors may be used by any number of threads;
 *             {@link SharedRegion#buffer()} returns one buffer whose position and limit are not
 *             thread-safe (use its absolute get/put methods, or a {@code duplicate()} per
 *             thread).</li>
 *       </ul></li>
 *   <li><b>Close racing other calls.</b> {@link #close()} may be called by any thread while others
 *       are inside the handle. {@link #isClosed()} is {@code true} from the moment it begins. A
 *       call running at that moment either completes normally or fails with {@link IpcClosed};
 *       it never fails otherwise, never crashes the JVM and never half-sends or half-receives a
 *       message; a region's accessor racing close reaches the shared memory or the inert memory
 *       that replaces it.</li>
 *   <li><b>Close wakes waiters.</b> A thread blocked in the handle ({@code lock}, {@code send},
 *       {@code receive} and their timed forms) when another thread calls {@link #close()} wakes
 *       promptly (within the backend's wait slice, about 100 ms at most) and fails with
 *       {@link IpcClosed}. A message is never lost or half-sent by that race: the woken call either
 *       completed before the close (and returns normally) or did nothing.</li>
 *   <li><b>After close.</b> Every operation on a closed handle fails with {@link IpcClosed}, except
 *       {@link #close()} (a no-op), {@link #isClosed()}, {@link #uri()}, {@link #capabilities()}
 *       and {@link #remove()}, which removes the object by name where the mechanism has one.
 *       No native memory or descriptor of the handle is touched after it is released.</li>
 *   <li><b>Mutexes.</b> See {@link Mutex}: a lock held through a handle that another thread
 *       closes keeps excluding until its holder unlocks; a holder closing its own handle
 *       releases the lock.</li>
 *   <li><b>Remove while in use.</b> {@link #remove()} while peers are blocked: on SysV objects they
 *       fail at once with {@link IpcRemoved}; on POSIX and file-system objects the name goes and
 *       handles already open keep working until they are closed.</li>
 * </ul>
 */
public interface IpcHandle extends AutoCloseable {
    /** {@return the URI this handle was opened with} */
    IpcUri uri();

    /** {@return what this backend can do, with the limits in force for this object} */
    Capabilities capabilities();

    /**
     * Removes the object from the system. The handle stays usable as far as the mechanism allows
     * (a POSIX queue keeps working until closed; a SysV queue fails at once). Removing an object
     * already removed by someone else is not an error.
     */
    void remove();

    /** {@return whether {@link #close()} has been called on this handle} */
    boolean isClosed();

    /** Releases this process's handle; never removes the object. Idempotent. */
    @Override
    void close();
}
