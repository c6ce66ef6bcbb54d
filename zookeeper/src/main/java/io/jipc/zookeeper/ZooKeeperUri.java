package io.jipc.zookeeper;

import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import org.apache.zookeeper.common.PathUtils;

import java.util.Locale;
import java.util.Set;

/**
 * The grammar of {@code zookeeper:} URIs, checked before any connection is made:
 *
 * <pre>
 * zookeeper:/lock/path[?connect=HOST:PORT[,HOST:PORT...][/chroot]][&amp;session-timeout=10s][&amp;connect-timeout=15s]
 * </pre>
 *
 * <ul>
 *   <li>the path is the lock's znode (absolute, no trailing {@code /}, as ZooKeeper requires);</li>
 *   <li>{@code connect}: ZooKeeper's connection string, default {@code localhost:2181};</li>
 *   <li>{@code session-timeout}: how long after a holder dies (or loses the network) its lock is
 *       released, default 10 s, negotiated by the server within its
 *       {@code [2, 20] x tickTime};</li>
 *   <li>{@code connect-timeout}: how long {@code open} waits for a first connection, default 15 s.</li>
 * </ul>
 * Durations are a number with {@code ms}, {@code s} or {@code m} (plain numbers are milliseconds).
 */
public final class ZooKeeperUri {
    static final Set<String> OPTIONS = Set.of("connect", "session-timeout", "connect-timeout", "mode", "open");

    private final IpcUri uri;
    private final String path;
    private final String connect;
    private final int sessionTimeoutMs;
    private final int connectTimeoutMs;

    private ZooKeeperUri(IpcUri uri) {
        this.uri = uri;
        uri.checkOptions("zookeeper mutex", OPTIONS);
        path = uri.path();
        try {
            PathUtils.validatePath(path);
        } catch (IllegalArgumentException e) {
            throw uri.error("path '" + path + "'", "not a ZooKeeper path: " + e.getMessage());
        }
        if (path.equals("/") || path.equals("/zookeeper") || path.startsWith("/zookeeper/")) {
            throw uri.error("path '" + path + "'", "the root and /zookeeper are not lock paths");
        }
        connect = uri.option("connect", "localhost:2181");
        for (String hostPort : connect.replaceFirst("/.*$", "").split(",")) {
            int colon = hostPort.lastIndexOf(':');
            boolean ok = colon > 0;
            if (ok) {
                try {
                    int port = Integer.parseInt(hostPort.substring(colon + 1));
                    ok = port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw uri.error("option 'connect'", "'" + hostPort + "' is not HOST:PORT (e.g. connect=zk1:2181,zk2:2181)");
            }
        }
        sessionTimeoutMs = duration("session-timeout", 10_000);
        connectTimeoutMs = duration("connect-timeout", 15_000);
    }

    /**
     * Parses and checks a {@code zookeeper:} URI.
     *
     * @param uri the parsed URI
     * @return its path, connection string and timeouts
     * @throws io.jipc.api.IpcUriException for a bad path, connection string or timeout
     */
    public static ZooKeeperUri parse(IpcUri uri) {
        return new ZooKeeperUri(uri);
    }

    private int duration(String key, int def) {
        String v = uri.option(key);
        if (v == null) {
            return def;
        }
        String s = v.toLowerCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
            mult = 1000;
        } else if (s.endsWith("m")) {
            s = s.substring(0, s.length() - 1);
            mult = 60_000;
        }
        long ms;
        try {
            ms = Long.parseLong(s) * mult;
        } catch (NumberFormatException e) {
            throw bad(key, v);
        }
        if (ms < 100 || ms > 3_600_000) {
            throw uri.error("option '" + key + "'", v + " is outside 100ms..60m");
        }
        return (int) ms;
    }

    private IpcUriException bad(String key, String v) {
        return uri.error("option '" + key + "'", "'" + v + "' is not a duration such as 500ms, 10s or 1m");
    }

    /** {@return the jipc URI} */
    public IpcUri uri() { return uri; }
    /** {@return the lock's znode path} */
    public String path() { return path; }
    /** {@return ZooKeeper's connection string} */
    public String connect() { return connect; }
    /** {@return the session timeout asked for, ms} */
    public int sessionTimeoutMs() { return sessionTimeoutMs; }
    /** {@return the first-connection timeout, ms} */
    public int connectTimeoutMs() { return connectTimeoutMs; }
    /** The key identifying the lock in this JVM ({@code connect} + path). */
    String lockKey() { return connect + path; }
}
