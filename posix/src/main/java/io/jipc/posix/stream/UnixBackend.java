package io.jipc.posix.stream;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedObjects;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.Socket;
import io.jipc.os.SysStat;
import io.jipc.os.Unistd;
import io.jipc.posix.stream.internal.Descriptors;
import io.jipc.posix.stream.internal.PathKind;
import io.jipc.posix.stream.internal.Sockets;
import io.jipc.spi.Backend;

import java.nio.file.Path;
import java.util.Set;

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

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return caps(false, StreamChannel.DEFAULT_MSGSIZE, "stream");
    }

    static Capabilities caps(boolean pair, int msgsize, String type) {
        return Capabilities.builder("unix", Primitive.CHANNEL)
                .maxMessageSize(msgsize)
                .tagging(Capabilities.Tagging.CARRIED, 0, Long.MAX_VALUE)
                .timed(Capabilities.Timed.NATIVE)
                .pollable(true)
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
        if (open != Open.CREATE) {
            int fd = Sockets.socket(uri, type);
            int e = Sockets.connect(fd, path.toString());
            if (e == 0) {
                Descriptors.adopt("connect", uri.toString(), fd);
                return new UnixChannel(uri, caps, path, type, msgsize, fd, -1, -1);
            }
            Descriptors.closeQuietly(fd);
            if (open == Open.OPEN || e != Errno.ENOENT) {
                throw connectError(uri, path, e);
            }
        }
        int lfd;
        try {
            lfd = bindListen(uri, path, type, 1);
        } catch (IpcAlreadyExists raced) {
            if (open == Open.CREATE) {
                throw raced;
            }
            // open-or-create: another process bound the path between our connect and bind.
            int fd = Sockets.socket(uri, type);
            int e = Sockets.connect(fd, path.toString());
            if (e != 0) {
                Descriptors.closeQuietly(fd);
                throw connectError(uri, path, e);
            }
            Descriptors.adopt("connect", uri.toString(), fd);
            return new UnixChannel(uri, caps, path, type, msgsize, fd, -1, -1);
        }
        return new UnixChannel(uri, caps, path, type, msgsize, -1, lfd, -1);
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
        if (e == Errno.ENOENT) {
            return new IpcNotFound("connect", uri.toString(), e, Errno.name(e), "no socket at " + path);
        }
        if (e == Errno.ECONNREFUSED) {
            return new IpcNotFound("connect", uri.toString(), e, Errno.name(e), "nobody listens on " + path
                    + " (its listener closed, or a stale socket file left by a process that died: remove() it)");
        }
        return Errno.exception("connect", uri, e, "cannot connect to " + path + ": " + Errno.describe(e));
    }

    private static int bindListen(IpcUri uri, Path path, int type, int backlog) {
        int fd = Sockets.socket(uri, type | Socket.SOCK_NONBLOCK);
        String p = path.toString();
        int e = Sockets.bind(fd, p);
        if (e != 0) {
            Descriptors.closeQuietly(fd);
            if (e == Errno.EADDRINUSE) {
                return failExists(uri, path, e);
            }
            throw Errno.exception("bind", uri, e, "cannot bind " + p + ": " + Errno.describe(e));
        }
        CreatedObjects.record("unix", path);
        if (SysStat.LIB.chmod(p, uri.mode()) != 0 || Socket.LIB.listen(fd, backlog) != 0) {
            e = Native.errno();
            Descriptors.closeQuietly(fd);
            Unistd.LIB.unlink(p);
            CreatedObjects.forget(path);
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
        int fd = Descriptors.parseFd(uri, "option 'fd'", fdOption);
        Descriptors.checkInherited("open", uri.toString(), fd, "fd=" + fd, SysStat.S_IFSOCK, true, true);
        int actual = Sockets.intOption(uri.toString(), fd, Socket.SO_TYPE);
        if (actual != Socket.SOCK_STREAM && actual != Socket.SOCK_SEQPACKET) {
            throw Sockets.error("open", uri, "descriptor " + fd + " is a " + Sockets.typeName(actual)
                    + " socket; unix: channels are stream or seqpacket");
        }
        if (uri.has("type") && actual != type) {
            throw Sockets.error("open", uri, "descriptor " + fd + " is a " + Sockets.typeName(actual)
                    + " socket, but the URI says type=" + tname);
        }
        Descriptors.adopt("open", uri.toString(), fd);
        return new UnixChannel(uri, caps(true, msgsize, Sockets.typeName(actual)), null, actual, msgsize, fd, -1, -1);
    }
}
