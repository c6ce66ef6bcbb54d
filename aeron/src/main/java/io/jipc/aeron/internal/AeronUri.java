package io.jipc.aeron.internal;

import io.aeron.CommonContext;
import io.jipc.api.IpcUri;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The grammar of {@code aeron:} URIs, checked before any driver is touched.
 *
 * <pre>
 * aeron:udp?endpoint=HOST:PORT[&amp;stream=N][&amp;driver=embedded|external][&amp;dir=PATH][&amp;AERON-PARAM=V...]
 * aeron:ipc[?stream=N][&amp;driver=...][&amp;dir=...][&amp;AERON-PARAM=V...]
 * </pre>
 *
 * <ul>
 *   <li>{@code stream}: the Aeron stream id, 1..2^31-1, default {@value #DEFAULT_STREAM};</li>
 *   <li>{@code driver}: {@code embedded} (default: one media driver per JVM, started on first use
 *       in a fresh directory under {@code /dev/shm} and deleted when the last handle closes) or
 *       {@code external} (join a running driver in {@code dir}, default Aeron's own default
 *       directory {@code /dev/shm/aeron-USER});</li>
 *   <li>{@code driver-timeout}: how long the client waits for a silent driver before it declares
 *       it gone, in ms (default 10000);</li>
 *   <li>every Aeron channel parameter ({@code term-length}, {@code mtu}, {@code interface},
 *       {@code control}, {@code so-rcvbuf}...) passes through unchanged. {@code term-length}
 *       defaults to {@value #DEFAULT_TERM_LENGTH} here (Aeron's own default is 16 MiB for UDP and
 *       64 MiB for IPC, three terms each per publication).</li>
 * </ul>
 * The common options {@code mode} and {@code open} are accepted and have no effect: an Aeron
 * stream is not an object that exists before its publishers and subscribers.
 */
public final class AeronUri {
    /** The default stream id. */
    public static final int DEFAULT_STREAM = 1001;
    /** The default term length given to Aeron. */
    public static final String DEFAULT_TERM_LENGTH = "1m";

    private static final Set<String> OWN = Set.of("stream", "driver", "dir", "driver-timeout");
    private static final Set<String> AERON_PARAMS = aeronParams();

    private final IpcUri uri;
    private final boolean udp;
    private final int stream;
    private final boolean embedded;
    private final Path dir;
    private final long driverTimeoutMs;
    private final String channel;
    private final int termLength;
    private final String host;
    private final int port;

    private AeronUri(IpcUri uri) {
        this.uri = uri;
        String media = uri.path();
        if (!media.equals("udp") && !media.equals("ipc")) {
            throw uri.error("path '" + media + "'", "the medium is udp or ipc (aeron:udp?endpoint=host:port, aeron:ipc)");
        }
        udp = media.equals("udp");
        for (String key : uri.options().keySet()) {
            if (!OWN.contains(key) && !AERON_PARAMS.contains(key) && !IpcUri.COMMON_OPTIONS.contains(key)) {
                throw uri.error("option '" + key + "'", "unknown; jipc options are " + new TreeSet<>(OWN)
                        + " and Aeron channel parameters " + new TreeSet<>(AERON_PARAMS));
            }
        }
        stream = uri.intOption("stream", DEFAULT_STREAM, 1, Integer.MAX_VALUE);
        embedded = uri.choiceOption("driver", "embedded", Set.of("embedded", "external")).equals("embedded");
        if (embedded && uri.has("dir")) {
            throw uri.error("option 'dir'", "names an external driver's directory: add driver=external "
                    + "(an embedded driver always gets a fresh directory of its own)");
        }
        dir = embedded ? null : Path.of(uri.option("dir", CommonContext.getAeronDirectoryName()));
        driverTimeoutMs = uri.longOption("driver-timeout", 10_000, 100, 3_600_000);
        termLength = (int) uri.sizeOption("term-length", 1 << 20, 64 << 10, 1 << 30);
        if (Integer.bitCount(termLength) != 1) {
            throw uri.error("option 'term-length'", termLength + " is not a power of two (64k..1g)");
        }
        Endpoint ep = endpoint(uri, udp);
        host = ep.host();
        port = ep.port();
        channel = aeronChannel(uri, media);
    }

    /** The receiver's address of a UDP channel (none for IPC). */
    private record Endpoint(String host, int port) {
    }

    private static Endpoint endpoint(IpcUri uri, boolean udp) {
        if (!udp) {
            if (uri.has("endpoint")) {
                throw uri.error("option 'endpoint'", "aeron:ipc has no endpoint (it is shared memory on this host)");
            }
            return new Endpoint(null, -1);
        }
        String endpoint = uri.option("endpoint");
        if (endpoint == null) {
            throw uri.error("option 'endpoint'", "aeron:udp needs endpoint=HOST:PORT, the receiver's address");
        }
        int colon = endpoint.lastIndexOf(':');
        String h = colon < 0 ? "" : endpoint.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p;
        try {
            p = colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (h.isEmpty() || p < 1 || p > 65535) {
            throw uri.error("option 'endpoint'", "'" + endpoint + "' is not HOST:PORT with a port 1..65535");
        }
        return new Endpoint(h, p);
    }

    /** The Aeron channel string: the medium and every Aeron parameter of {@code uri} (term-length defaulted). */
    private static String aeronChannel(IpcUri uri, String media) {
        StringBuilder sb = new StringBuilder("aeron:").append(media);
        char sep = '?';
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : uri.options().entrySet()) {
            if (AERON_PARAMS.contains(e.getKey())) {
                params.put(e.getKey(), e.getValue());
            }
        }
        params.putIfAbsent("term-length", DEFAULT_TERM_LENGTH);
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue().indexOf('|') >= 0) {
                throw uri.error("option '" + e.getKey() + "'", "contains '|', Aeron's parameter separator");
            }
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = '|';
        }
        return sb.toString();
    }

    /** Parses and checks {@code uri}. */
    public static AeronUri parse(IpcUri uri) {
        return new AeronUri(uri);
    }

    private static Set<String> aeronParams() {
        Set<String> names = new TreeSet<>();
        for (Field f : CommonContext.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_PARAM_NAME")) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The jipc URI. */
    public IpcUri uri() { return uri; }
    /** UDP (true) or IPC (false). */
    public boolean udp() { return udp; }
    /** The Aeron stream id. */
    public int stream() { return stream; }
    /** Embedded driver (true) or an external one (false). */
    public boolean embedded() { return embedded; }
    /** The external driver's directory (null when embedded). */
    public Path dir() { return dir; }
    /** The client's driver timeout in ms. */
    public long driverTimeoutMs() { return driverTimeoutMs; }
    /** The Aeron channel string ({@code aeron:udp?endpoint=...|term-length=...}). */
    public String channel() { return channel; }
    /** The term length in force. */
    public int termLength() { return termLength; }
    /** The endpoint's host (UDP only). */
    public String host() { return host; }
    /** The endpoint's port (UDP only, else -1). */
    public int port() { return port; }

    /** Aeron's largest message for this term length: {@code min(term-length / 8, 16 MiB)}. */
    public int maxMessageLength() {
        return Math.min(termLength / 8, 16 << 20);
    }
}
