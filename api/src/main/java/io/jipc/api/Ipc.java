package io.jipc.api;

import io.jipc.spi.Backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The entry point: one URI picks the mechanism.
 *
 * <pre>{@code
 * try (MessageChannel orders = Ipc.channel("posix:/orders?maxmsg=10")) {   // or "sysv:/etc/app?proj=7"
 *     orders.send(ByteBuffer.wrap("hello".getBytes()));
 * }
 * }</pre>
 *
 * Backends are found with {@link ServiceLoader} ({@link Backend}); an unknown scheme fails with
 * the list of installed schemes, and a scheme without the asked primitive names those that have
 * it. See {@link IpcUri} for the grammar.
 */
public final class Ipc {
    /** Debug lines: which backends were found, which backend opens each URI. */
    private static final System.Logger LOG = System.getLogger(Ipc.class.getName());

    private static volatile Map<String, Backend> backends;

    private Ipc() {
    }

    /**
     * Opens the message channel named by a URI.
     *
     * @param uri the channel's URI, e.g. {@code "posix:/orders?maxmsg=10"} (see {@link IpcUri})
     * @return an open handle, which the caller closes
     * @throws IpcUriException when the URI is malformed or has a bad option
     * @throws IpcUnsupported when no installed backend offers channels for the scheme
     */
    public static MessageChannel channel(String uri) {
        IpcUri u = IpcUri.parse(uri);
        return opening(backend(u, Primitive.CHANNEL), Primitive.CHANNEL, uri).openChannel(u);
    }

    /**
     * Opens the mutex named by a URI.
     *
     * @param uri the mutex's URI, e.g. {@code "flock:/tmp/app.lock"} (see {@link IpcUri})
     * @return an open handle, unlocked, which the caller closes
     * @throws IpcUriException when the URI is malformed or has a bad option
     * @throws IpcUnsupported when no installed backend offers mutexes for the scheme
     */
    public static Mutex mutex(String uri) {
        IpcUri u = IpcUri.parse(uri);
        return opening(backend(u, Primitive.MUTEX), Primitive.MUTEX, uri).openMutex(u);
    }

    /**
     * Opens the shared region named by a URI.
     *
     * @param uri the region's URI, e.g. {@code "posix:/frame?size=1m"} (see {@link IpcUri})
     * @return an open handle whose memory stays mapped until the caller closes it
     * @throws IpcUriException when the URI is malformed or has a bad option
     * @throws IpcUnsupported when no installed backend offers regions for the scheme
     */
    public static SharedRegion region(String uri) {
        IpcUri u = IpcUri.parse(uri);
        return opening(backend(u, Primitive.REGION), Primitive.REGION, uri).openRegion(u);
    }

    private static Backend opening(Backend b, Primitive p, String uri) {
        LOG.log(System.Logger.Level.DEBUG, () -> "opening " + p.label() + " " + uri + " with " + b.module()
                + " (" + b.getClass().getSimpleName() + ")");
        return b;
    }

    /** {@return the backends found on the class path, sorted by scheme, unmodifiable} */
    public static List<Backend> backends() {
        return Collections.unmodifiableList(new ArrayList<>(registry().values()));
    }

    /**
     * Finds an installed backend by its scheme.
     *
     * @param scheme a URI scheme such as {@code "sysv"}
     * @return the backend, or {@code null} when none on the class path has that scheme
     */
    public static Backend backend(String scheme) {
        return registry().get(scheme);
    }

    /**
     * The backend that serves {@code primitive} for {@code uri}'s scheme.
     *
     * @param uri a parsed URI; only its scheme is used
     * @param primitive the kind of object the caller wants to open
     * @return the backend, never {@code null}
     * @throws IpcUnsupported when no backend has the scheme, or the scheme lacks the primitive
     */
    public static Backend backend(IpcUri uri, Primitive primitive) {
        Map<String, Backend> all = registry();
        Backend b = all.get(uri.scheme());
        if (b == null) {
            String installed = all.isEmpty() ? "none (add a backend module such as jipc-sysv to the class path)"
                    : all.values().stream().map(x -> x.scheme() + " (" + x.module() + ": "
                            + x.primitives().stream().map(Primitive::label).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining("; "));
            throw new IpcUnsupported("open " + primitive.label(), uri.toString(),
                    "no backend for scheme '" + uri.scheme() + "'; installed schemes: " + installed);
        }
        if (!b.primitives().contains(primitive)) {
            String offering = all.values().stream().filter(x -> x.primitives().contains(primitive))
                    .map(Backend::scheme).collect(Collectors.joining(", "));
            throw new IpcUnsupported("open " + primitive.label(), uri.toString(),
                    "scheme '" + b.scheme() + "' offers no " + primitive.label() + " (it offers "
                            + b.primitives().stream().map(Primitive::label).collect(Collectors.joining(", "))
                            + "); schemes with a " + primitive.label() + ": " + (offering.isEmpty() ? "none installed" : offering));
        }
        return b;
    }

    private static Map<String, Backend> registry() {
        Map<String, Backend> r = backends;
        if (r == null) {
            synchronized (Ipc.class) {
                r = backends;
                if (r == null) {
                    Map<String, Backend> m = new TreeMap<>();
                    for (Backend b : ServiceLoader.load(Backend.class, Ipc.class.getClassLoader())) {
                        Backend prev = m.putIfAbsent(b.scheme(), b);
                        if (prev != null && prev.getClass() != b.getClass()) {
                            throw new IllegalStateException("two backends claim scheme '" + b.scheme() + "': "
                                    + prev.getClass().getName() + " and " + b.getClass().getName());
                        }
                    }
                    r = Collections.unmodifiableMap(m);
                    backends = r;
                    Map<String, Backend> found = r;
                    LOG.log(System.Logger.Level.DEBUG, () -> found.size() + " backend(s) found on the class path: "
                            + found.values().stream().map(b -> b.scheme() + " (" + b.module() + ")").collect(Collectors.joining(", ")));
                }
            }
        }
        return r;
    }
}
