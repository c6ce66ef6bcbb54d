package io.jipc.spi;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;

import java.util.List;
import java.util.Set;

/**
 * A provider of one URI scheme, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.jipc.spi.Backend} (as the JDK finds {@code FileSystemProvider}s).
 * A module may provide several schemes, one {@code Backend} each.
 *
 * <p>Implementations are stateless and thread-safe; the {@code open*} methods parse nothing but
 * their own options and validate everything before any system call.
 */
public interface Backend {
    /** The scheme, e.g. {@code "sysv"}. */
    String scheme();

    /** The Maven module that provides it, e.g. {@code "jipc-sysv"}. */
    String module();

    /** One line saying what the scheme is ({@code "System V IPC: msgget, semget, shmget"}). */
    String description();

    /** The primitives this scheme offers. */
    Set<Primitive> primitives();

    /** The static description of {@code primitive} (limits as configured on this machine where cheap to read). */
    Capabilities capabilities(Primitive primitive);

    /** The system limits relevant to this scheme, each with where it comes from. */
    default List<Limit> limits() {
        return List.of();
    }

    /** Opens a channel; backends without channels keep the default, which refuses. */
    default MessageChannel openChannel(IpcUri uri) {
        throw new IpcUnsupported("open channel", uri.toString(), "scheme '" + scheme() + "' offers no channel");
    }

    /** Opens a mutex; backends without mutexes keep the default, which refuses. */
    default Mutex openMutex(IpcUri uri) {
        throw new IpcUnsupported("open mutex", uri.toString(), "scheme '" + scheme() + "' offers no mutex");
    }

    /** Opens a region; backends without regions keep the default, which refuses. */
    default SharedRegion openRegion(IpcUri uri) {
        throw new IpcUnsupported("open region", uri.toString(), "scheme '" + scheme() + "' offers no region");
    }
}
