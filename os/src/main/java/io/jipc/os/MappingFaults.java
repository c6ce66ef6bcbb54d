package io.jipc.os;

import io.jipc.api.IpcException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the JDK's report of a fault in a shared mapping into an {@link IpcException} that names
 * the object.
 *
 * <p>When another process truncates (or, for SysV, destroys and shrinks) the object behind a
 * {@code MAP_SHARED} mapping, touching a page past the new end raises {@code SIGBUS}. The JVM
 * survives it only where the access went through {@code Unsafe} — every {@code VarHandle} view and
 * bulk copy of a direct {@code ByteBuffer} does — and then throws a bare {@link InternalError}
 * ("a fault occurred in an unsafe memory access operation"). jipc catches that around the
 * accesses it makes itself (ring records, region atomic accessors) and rethrows it through
 * {@link #exception}. A fault inside a native call (a {@code pthread} function on a truncated
 * {@code robust:} file) is not recoverable by any JVM: see the README's guarantees.
 */
public final class MappingFaults {
    private MappingFaults() {
    }

    /**
     * Tells whether a throwable is the JDK's report of a memory fault (SIGBUS/SIGSEGV) in an unsafe access.
     *
     * @param e what an access threw
     * @return {@code true} for such a fault
     */
    public static boolean isFault(Throwable e) {
        if (!(e instanceof InternalError)) {
            return false;
        }
        String m = e.getMessage();
        return m != null && m.contains("fault occurred");
    }

    /**
     * The exception for a fault in the mapping of {@code file} ({@code null} when the object is not
     * a file), {@code mapped} bytes long, during {@code op} on {@code uri}. Rethrows {@code e}
     * unchanged when it is not a memory fault.
     *
     * @param op the operation that faulted
     * @param uri the object's URI
     * @param file the file behind the mapping, or {@code null}
     * @param mapped the mapping's length in bytes
     * @param e the error the JDK raised
     * @return the exception, for the caller to throw
     */
    public static IpcException exception(String op, Object uri, Path file, long mapped, InternalError e) {
        if (!isFault(e)) {
            throw e;
        }
        StringBuilder sb = new StringBuilder("the shared memory faulted (SIGBUS): ");
        if (file != null) {
            String now;
            try {
                now = Files.exists(file) ? Files.size(file) + " bytes" : "removed";
            } catch (IOException | RuntimeException x) {
                now = "unreadable (" + x.getMessage() + ")";
            }
            sb.append(file).append(" was ").append(mapped).append(" bytes when mapped and is now ").append(now)
                    .append(": another process truncated or replaced it. Close this handle; the data past the new end is lost");
        } else {
            sb.append("the object behind the ").append(mapped)
                    .append("-byte mapping was truncated or destroyed by another process. Close this handle");
        }
        return new IpcException(op, String.valueOf(uri), IpcException.NO_ERRNO, null, sb.toString(), e);
    }
}
