package io.jipc.spi;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcNotFound;
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
 *
 * <p>A backend also knows the objects of its scheme that exist on this machine:
 * {@link #objects()} lists them, {@link #locate(IpcUri)} finds those a URI names and
 * {@link #remove(ObjectInfo)} removes one, each described by an {@link ObjectInfo}. These three
 * never create, register or lock anything. Backends without objects that outlive their
 * processes keep the defaults (nothing listed, nothing found).
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

    /**
     * Lists the objects of this scheme that exist now ({@code jipc ls}, the leak guard): only what
     * the scheme names or jipc provably created, never a user's file that a URI merely pointed at.
     * Never creates or changes anything.
     *
     * @return the objects, possibly none (the default: no persistent objects)
     */
    default List<ObjectInfo> objects() {
        return List.of();
    }

    /**
     * {@return why some objects of this scheme cannot be listed here (a file system not
     * mounted...), in words, or null (the default)}
     */
    default String objectsNote() {
        return null;
    }

    /**
     * Finds the existing objects {@code uri} names, one per primitive at most ({@code posix:/x}
     * may name a queue, a semaphore and a segment). Never creates anything: the URI's
     * {@code open=} is ignored. The default looks {@code uri} up in {@link #objects()} by scheme
     * and path.
     *
     * @param uri the parsed URI, whose scheme is {@link #scheme()}
     * @return the objects it names, possibly none
     * @throws io.jipc.api.IpcUriException when the URI is malformed for this scheme
     */
    default List<ObjectInfo> locate(IpcUri uri) {
        List<ObjectInfo> out = new java.util.ArrayList<>();
        for (ObjectInfo o : objects()) {
            try {
                if (IpcUri.parse(o.uri()).path().equals(uri.path())) {
                    out.add(o);
                }
            } catch (io.jipc.api.IpcUriException e) {
                // a name no URI can carry: reachable by its path only
            }
        }
        return out;
    }

    /**
     * Removes one object this backend described (the operator's {@code jipc rm}); whoever
     * still uses it sees the mechanism's own removal semantics. Refuses an object the backend
     * cannot prove to be one of its own (such as a user's file at a lock path).
     *
     * @param object a description from {@link #objects()} or {@link #locate(IpcUri)} of this backend
     * @throws IpcNotFound when it is gone already
     * @throws io.jipc.api.IpcException when it cannot be removed, naming it and why
     */
    default void remove(ObjectInfo object) {
        throw new IpcUnsupported("remove", object.uri(), "scheme '" + scheme() + "' keeps no objects to remove");
    }
}
