package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.posix.stream.internal.Inherited;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.Socket;
import io.jipc.os.SysStat;
import io.jipc.os.Unistd;
import io.jipc.os.layout.SockaddrUnLayout;
import io.jipc.posix.stream.internal.PathKind;
import io.jipc.posix.stream.internal.Sockets;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scheme {@code unix}: Unix-domain sockets ({@link UnixChannel}, {@link UnixServer}).
 *
 * <ul>
 *   <li>{@code unix:/path} — a named socket (path at most 107 bytes: {@code sun_path} is 108
 *       with the NUL). {@code open=create}: bind, listen, accept one peer;
 *       {@code open=open}: connect; {@code open-or-create} (default): connect if someone listens,
 *       else bind. Several clients: {@link UnixServer#listen(String)}.</li>
 *   <li>{@code unix:pair} — a {@code socketpair} whose other end is handed to a spawned child,
 *       which opens {@code unix:pair?fd=N}.</li>
 *   <li>{@code type=stream|seqpacket} (default stream), {@code msgsize=} (default 65536),
 *       {@code mode=} (socket file permissions), {@code backlog=} (servers).</li>
 * </ul>
 */
public final class UnixBackend implements Backend {
    private static final Set<String> OPTIONS = Set.of("type", "msgsize", "fd", "backlog");
    private static final Set<String> TYPES = Set.of("stream", "seqpacket");
    /** The socket files this backend created, for {@link #objects()}. */
    static final CreatedPaths CREATED = CreatedPaths.named("unix");

    @Override
    public String scheme() {
        return "unix";
    }

    @Override
    public String module() {
        return "jipc-posix";
    }

    @Override
    public String description() {
        return "Unix-domain sockets: named (bind/connect, UnixServer for many clients) or socketpair, stream or seqpacket";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    /**
     * The socket files jipc created that still exist; one a socket is bound to (in
     * {@code /proc/net/unix}) is in use whoever created it.
     */
    @Override
    public List<ObjectInfo> objects() {
        List<ObjectInfo> out = new ArrayList<>();
        Set<String> bound = null;
        for (ObjectInfo o : CREATED.describe(scheme(), Primitive.CHANNEL, p -> "unix:" + p, p -> true)) {
            if (bound == null) {
                bound = boundSockets();
            }
            out.add(bound.contains(o.path()) ? o.withUsage(ObjectInfo.Usage.IN_USE, "a socket is bound to it") : o);
        }
        return out;
    }

    @Override
    public void remove(ObjectInfo object) {
        CREATED.delete(object);
    }

    private static Set<String> boundSockets() {
        Set<String> s = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length >= 8 && f[7].startsWith("/")) {
                    s.add(f[7]);
                }
            }
        } catch (IOException e) {
            // none known
        }
        return s;
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return caps(false, StreamChannel.DEFAULT_MSGSIZE, "stream");
    }

    static Capabilities caps(boolean pair, int msgsize, String type) {
        return StreamChannel.streamCapabilities("unix", msgsize)
                .persistence(pair ? Capabilities.Persistence.PROCESS : Capabilities.Persistence.FILE_SYSTEM)
                .needsRelatedProcesses(pair)
                .senderIdentity(true)
                .crashLeaves(pair ? "nothing; the survivor gets end of stream (a cut frame is discarded, never delivered)"
                        : "the socket file until remove() (a new bind fails with EADDRINUSE); the peer gets end of stream")
                .notes("type " + type + (type.equals("seqpacket") ? ": the kernel keeps record boundaries, one record per message"
                        : ": frames of 16-byte header + payload") + "; one peer per channel (UnixServer accepts many);"
                        + " peer pid/uid/gid via UnixChannel.peerCredentials() (SO_PEERCRED; for unix:pair the"
                        + " pair's creator); tags carried in order, Select.any() only")
                .build();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        uri.checkOptions("unix channel", OPTIONS);
        int type = type(uri);
        int msgsize = msgsize(uri);
        String tname = Sockets.typeName(type);
        if (uri.path().equals("pair")) {
            return pair(uri, type, msgsize);
        }
        if (uri.has("fd")) {
            throw uri.error("option 'fd'", "only unix:pair?fd=N adopts an inherited socket");
        }
        if (uri.has("backlog")) {
            throw uri.error("option 'backlog'", "is for UnixServer.listen; a unix: channel has one peer");
        }
        Path path = checkedPath(uri);
        PathKind.require("open", uri, path, PathKind.S_IFSOCK); // a file or directory there: say so, not ECONNREFUSED
        Open open = uri.open();
        Capabilities caps = caps(false, msgsize, tname);
        if (open == Open.CREATE) {
            return new UnixChannel(uri, caps, path, type, msgsize, -1, bindListen(uri, path, type, 0), -1);
        }
        for (int attempt = 0; ; attempt++) {
            int fd = Sockets.socket(uri, type | Socket.SOCK_NONBLOCK);
            int e = connectQueued(fd, path.toString());
            if (e == 0) {
                Fd.adopt(fd, "connect", uri);
                return new UnixChannel(uri, caps, path, type, msgsize, fd, -1, -1);
            }
            Fd.close(fd);
            if (open == Open.OPEN || e != Errno.ENOENT) {
                throw connectError(uri, path, e);
            }
            try {
                return new UnixChannel(uri, caps, path, type, msgsize, -1, bindListen(uri, path, type, 0), -1);
            } catch (IpcAlreadyExists raced) {
                // open-or-create: another process published its listening socket between our connect
                // and our link (the name appears only once it listens): connect to it
                if (attempt >= 2) {
                    throw raced;
                }
            }
        }
    }

    /** How long a connect waits while the listener's queue of not-yet-accepted peers is full. */
    private static final long BUSY_NANOS = 2_000_000_000L;

    private static final AtomicInteger TEMP = new AtomicInteger();

    /**
     * Non-blocking {@code connect}; while the listener's accept queue is full ({@code EAGAIN}),
     * retries for at most {@link #BUSY_NANOS}. Returns 0 or the errno.
     */
    private static int connectQueued(int fd, String path) {
        long start = System.nanoTime();
        for (;;) {
            int e = Sockets.connect(fd, path);
            if (e != Errno.EAGAIN || System.nanoTime() - start > BUSY_NANOS) {
                return e;
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    static UnixServer listen(IpcUri uri) {
        uri.checkOptions("unix server", OPTIONS);
        if (uri.path().equals("pair") || uri.has("fd")) {
            throw uri.error("path", "a server listens on a path: unix:/path");
        }
        int type = type(uri);
        int msgsize = msgsize(uri);
        int backlog = uri.intOption("backlog", 64, 1, 65535);
        Path path = checkedPath(uri);
        if (uri.open() == Open.OPEN) {
            throw uri.error("option 'open'", "a server creates its socket file: use open=create (the default)");
        }
        int lfd = bindListen(uri, path, type, backlog);
        return new UnixServer(uri, caps(false, msgsize, Sockets.typeName(type)), path, type, msgsize, lfd);
    }

    private static int type(IpcUri uri) {
        return uri.choiceOption("type", "stream", TYPES).equals("stream") ? Socket.SOCK_STREAM : Socket.SOCK_SEQPACKET;
    }

    private static int msgsize(IpcUri uri) {
        return (int) uri.sizeOption("msgsize", StreamChannel.DEFAULT_MSGSIZE, 0, StreamChannel.MAX_MSGSIZE);
    }

    private static Path checkedPath(IpcUri uri) {
        if (!uri.hasPath()) {
            throw uri.error("path", "is empty; use unix:/path for a named socket or unix:pair for a socketpair");
        }
        Sockets.checkPath(uri, uri.path());
        return Path.of(uri.path());
    }

    private static RuntimeException connectError(IpcUri uri, Path path, int e) {
        String other = PathKind.otherThan(path, PathKind.S_IFSOCK);
        if (other != null && e != Errno.ENOENT) {
            return new IpcException("connect", uri.toString(), e, Errno.name(e), path + " is " + other
                    + ", not a Unix socket; choose another path");
        }
        if (e == Errno.ENOENT) {
            return new IpcNotFound("connect", uri.toString(), e, Errno.name(e), "no socket at " + path);
        }
        if (e == Errno.ECONNREFUSED) {
            return new IpcNotFound("connect", uri.toString(), e, Errno.name(e), "nobody accepts connections on " + path
                    + ": a unix:/path channel stops listening once it has its one peer (UnixServer serves several"
                    + " clients), or the socket file is stale (its process died or closed it: remove() it)");
        }
        if (e == Errno.EAGAIN) {
            return new IpcException("connect", uri.toString(), e, Errno.name(e), "the listener on " + path
                    + " accepts no more connections now: a unix:/path channel serves one peer and one is already"
                    + " waiting to be accepted (UnixServer serves several clients; or its backlog= is full)");
        }
        return Errno.exception("connect", uri, e, "cannot connect to " + path + ": " + Errno.describe(e));
    }

    /** A short unused name next to {@code path} to bind before the socket listens, or {@code null} if none fits. */
    private static String tempName(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        String suffix = Long.toString(ProcessHandle.current().pid(), 36) + "-" + Integer.toString(TEMP.incrementAndGet(), 36);
        for (String candidate : new String[] {
            dir.resolve("." + path.getFileName() + ".jipc-" + suffix).toString(),
            dir.resolve(".jipc-" + suffix).toString()}) {
            if (candidate.getBytes(StandardCharsets.UTF_8).length < SockaddrUnLayout.SUN_PATH_SIZE) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A listening socket published at {@code path}. The socket is bound to a temporary name next to
     * {@code path}, gets its mode, listens, and only then is hard-linked to {@code path}
     * ({@code link} never replaces an existing file) and the temporary name unlinked: a socket file
     * at {@code path} is therefore always listening (or stale), never bound-but-not-yet-listening,
     * so a process racing to open the same path connects instead of getting {@code ECONNREFUSED}.
     * When no temporary name fits {@code sun_path}, binds {@code path} directly (the old race).
     *
     * @param backlog 0 for a one-peer channel: the kernel then queues a single connection, and a
     *                second connector gets {@code EAGAIN} instead of a connection nobody will accept
     */
    private static int bindListen(IpcUri uri, Path path, int type, int backlog) {
        String p = path.toString();
        String tmp = tempName(path);
        if (tmp == null) {
            return bindListenAt(uri, path, p, type, backlog, true);
        }
        int fd = bindListenAt(uri, path, tmp, type, backlog, false);
        if (Unistd.LIB.link(tmp, p) != 0) {
            int e = Native.errno();
            Fd.close(fd);
            Unistd.LIB.unlink(tmp);
            if (e == Errno.EEXIST) {
                String other = PathKind.otherThan(path, PathKind.S_IFSOCK);
                if (other != null) {
                    throw new IpcAlreadyExists("bind", uri.toString(), e, Errno.name(e), path + " exists and is "
                            + other + ", not a Unix socket; choose another path");
                }
                return failExists(uri, path, e);
            }
            throw Errno.exception("link", uri, e, "cannot publish the listening socket at " + p + ": " + Errno.describe(e));
        }
        Unistd.LIB.unlink(tmp);
        CREATED.add(path);
        return fd;
    }

    private static int bindListenAt(IpcUri uri, Path path, String at, int type, int backlog, boolean record) {
        int fd = Sockets.socket(uri, type | Socket.SOCK_NONBLOCK);
        int e = Sockets.bind(fd, at);
        if (e != 0) {
            Fd.close(fd);
            if (e == Errno.EADDRINUSE && record) {
                return failExists(uri, path, e);
            }
            throw Errno.exception("bind", uri, e, "cannot bind " + at + ": " + Errno.describe(e));
        }
        if (record) {
            CREATED.add(path);
        }
        if (SysStat.LIB.chmod(at, uri.mode()) != 0 || Socket.LIB.listen(fd, backlog) != 0) {
            e = Native.errno();
            Fd.close(fd);
            Unistd.LIB.unlink(at);
            if (record) {
                CREATED.remove(path);
            }
            throw Errno.exception("listen", uri, e);
        }
        return fd;
    }

    private static int failExists(IpcUri uri, Path path, int e) {
        throw new IpcAlreadyExists("bind", uri.toString(), e, Errno.name(e), path + " already exists (a listening"
                + " socket, another file, or a stale socket file left by a process that died: remove() it first)");
    }

    private static UnixChannel pair(IpcUri uri, int type, int msgsize) {
        String tname = Sockets.typeName(type);
        String fdOption = uri.option("fd");
        if (fdOption == null) {
            int[] sv = new int[2];
            if (Socket.LIB.socketpair(Socket.AF_UNIX, type | Socket.SOCK_CLOEXEC | Socket.SOCK_NONBLOCK, 0, sv) != 0) {
                throw Errno.last("socketpair", uri);
            }
            return new UnixChannel(uri, caps(true, msgsize, tname), null, type, msgsize, sv[0], -1, sv[1]);
        }
        int fd = Inherited.parseFd(uri, "option 'fd'", fdOption);
        Inherited.check("open", uri.toString(), fd, "fd=" + fd, SysStat.S_IFSOCK, true, true);
        int actual = Sockets.intOption(uri.toString(), fd, Socket.SO_TYPE);
        if (actual != Socket.SOCK_STREAM && actual != Socket.SOCK_SEQPACKET) {
            throw Sockets.error("open", uri, "descriptor " + fd + " is a " + Sockets.typeName(actual)
                    + " socket; unix: channels are stream or seqpacket");
        }
        if (uri.has("type") && actual != type) {
            throw Sockets.error("open", uri, "descriptor " + fd + " is a " + Sockets.typeName(actual)
                    + " socket, but the URI says type=" + tname);
        }
        Fd.adopt(fd, "open", uri);
        return new UnixChannel(uri, caps(true, msgsize, Sockets.typeName(actual)), null, actual, msgsize, fd, -1, -1);
    }
}
