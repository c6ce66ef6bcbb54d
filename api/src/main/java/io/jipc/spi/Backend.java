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
    /** {@return the URI scheme this backend serves, e.g. {@code "sysv"}} */
    String scheme();

    /** {@return the Maven module that provides it, e.g. {@code "jipc-sysv"}} */
    String module();

    /** {@return one line saying what the scheme is ({@code "System V IPC: msgget, semget, shmget"})} */
    String description();

    /** {@return the primitives this scheme offers} */
    Set<Primitive> primitives();

    /**
     * Describes one primitive of this scheme, before any object is opened.
     *
     * @param primitive one of {@link #primitives()}
     * @return the static description (limits as configured on this machine where cheap to read)
     * @throws io.jipc.api.IpcUnsupported when the scheme does not offer {@code primitive}
     */
    Capabilities capabilities(Primitive primitive);

    /** {@return the system limits relevant to this scheme, each with where it comes from (empty by default)} */
    default List<Limit> limits() {
        return List.of();
    }

    /**
     * Opens a channel; backends without channels keep the default, which refuses.
     *
     * @param uri the parsed URI, whose scheme is {@link #scheme()}
     * @return an open channel, which the caller closes
     * @throws io.jipc.api.IpcUriException when the URI has an option this backend does not know or accept
     */
    default MessageChannel openChannel(IpcUri uri) {
        throw new IpcUnsupported("open channel", uri.toString(), "scheme '" + scheme() + "' offers no channel");
    }

    /**
     * Opens a mutex; backends without mutexes keep the default, which refuses.
     *
     * @param uri the parsed URI, whose scheme is {@link #scheme()}
     * @return an open mutex, unlocked, which the caller closes
     * @throws io.jipc.api.IpcUriException when the URI has an option this backend does not know or accept
     */
    default Mutex openMutex(IpcUri uri) {
        throw new IpcUnsupported("open mutex", uri.toString(), "scheme '" + scheme() + "' offers no mutex");
    }

    /**
     * Opens a region; backends without regions keep the default, which refuses.
     *
     * @param uri the parsed URI, whose scheme is {@link #scheme()}
     * @return an open region, mapped, which the caller closes
     * @throws io.jipc.api.IpcUriException when the URI has an option this backend does not know or accept
     */
    default SharedRegion openRegion(IpcUri uri) {
        throw new IpcUnsupported("open region", uri.toString(), "scheme '" + scheme() + "' offers no region");
    }
}
