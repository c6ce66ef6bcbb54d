package io.jipc.spi;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcUri;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Base of backend handles: keeps the URI and capabilities, makes {@link #close()} idempotent and
 * thread-safe ({@link #closeOnce()} runs once), and offers {@link #ensureOpen(String)}.
 */
public abstract class AbstractHandle implements IpcHandle {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(AbstractHandle.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final IpcUri uri;
    /** The one closed flag: set once by {@link #close()} (compare-and-set), read by every operation. */
    private volatile boolean closed;

    /**
     * A handle, open.
     *
     * @param uri the URI the handle was opened with
     */
    protected AbstractHandle(IpcUri uri) {
        this.uri = uri;
    }

    @Override
    public final IpcUri uri() {
        return uri;
    }

    @Override
    public abstract Capabilities capabilities();

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            closeOnce();
        }
    }

    /** Releases this handle's resources; called exactly once. */
    protected abstract void closeOnce();

    /**
     * Fails with {@link IpcClosed} when the handle is closed.
     *
     * @param operation the public operation about to run, named in the exception
     */
    protected final void ensureOpen(String operation) {
        if (closed) {
            throw new IpcClosed(operation, uri.toString());
        }
    }

    /**
     * {@code timeout} in nanoseconds, for the timed operations of every backend.
     *
     * @param operation the public operation, named in the exception
     * @param timeout the timeout the caller gave
     * @param unit the unit of {@code timeout}
     * @return the timeout in nanoseconds (saturated at {@link Long#MAX_VALUE})
     * @throws IllegalArgumentException naming the operation and the object when it is negative
     */
    protected final long timeoutNanos(String operation, long timeout, TimeUnit unit) {
        if (timeout < 0) {
            throw new IllegalArgumentException(operation + " on " + uri + ": negative timeout " + timeout);
        }
        return unit.toNanos(timeout);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + uri + (closed ? ", closed" : "") + "]";
    }
}
