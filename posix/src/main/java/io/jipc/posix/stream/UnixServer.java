package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.PollWait;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Pollable;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Socket;
import io.jipc.os.SysPoll;
import io.jipc.os.layout.PollfdLayout;
import io.jipc.spi.AbstractHandle;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Unix-domain socket server for several clients: binds {@code unix:/path}, listens, and
 * {@link #accept()}s one {@link UnixChannel} per client. Clients open the same URI as a channel
 * ({@code Ipc.channel("unix:/path?open=open")}, or the default {@code open-or-create}, which
 * connects when someone listens).
 *
 * <pre>{@code
 * try (UnixServer server = UnixServer.listen("unix:/run/app.sock?type=seqpacket")) {
 *     try (UnixChannel client = server.accept()) {
 *         PeerCredentials who = client.peerCredentials();   // pid, uid, gid of the client
 *         long tag = client.receive(buf);
 *     }
 * } // close() stops listening; remove() unlinks the socket file
 * }</pre>
 *
 * Options: {@code type=stream|seqpacket}, {@code msgsize=}, {@code mode=} (permission bits of the
 * socket file: connecting needs write permission), {@code open=create} (default: fails if the
 * path exists) or {@code open-or-create} (same: a socket file cannot be reopened for listening;
 * a stale one must be removed first), {@code backlog=} (default 64).
 */
public final class UnixServer extends AbstractHandle implements Pollable {
    private final Path path;
    private final int type;
    private final int msgsize;
    private final int listenFd;
    private final long pollfd;
    private final Capabilities caps;
    private final IpcUri clientUri;

    UnixServer(IpcUri uri, Capabilities caps, Path path, int type, int msgsize, int listenFd) {
        super(uri);
        this.caps = caps;
        this.path = path;
        this.type = type;
        this.msgsize = msgsize;
        this.listenFd = listenFd;
        this.pollfd = NativeMemory.allocate(PollfdLayout.SIZE);
        this.clientUri = uri;
    }

    /**
     * Binds and listens on a socket path.
     *
     * @param uri a {@code unix:/path?...} URI naming the socket file to create (see the class comment)
     * @return the listening server, which the caller closes ({@code remove()} unlinks the socket file)
     */
    public static UnixServer listen(String uri) {
        return UnixBackend.listen(IpcUri.parse(uri));
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@return the socket file} */
    public Path path() {
        return path;
    }

    /** {@return the listening descriptor: readable when a client waits to be accepted} */
    public int descriptor() {
        return listenFd;
    }

    /**
     * The listening descriptor, so that a poller can wait for new clients and for messages of the
     * accepted channels at once: readable means {@link #tryAccept()} returns a client.
     */
    @Override
    public int receiveDescriptor() {
        return listenFd;
    }

    /** The listening descriptor (a server sends nothing; present for {@link Pollable}). */
    @Override
    public int sendDescriptor() {
        return listenFd;
    }

    /**
     * Accepts the next client, waiting as long as needed.
     *
     * @return a connected channel to that client, which the caller closes
     */
    public UnixChannel accept() {
        return accept(-1);
    }

    /**
     * Accepts a client waiting now, without waiting.
     *
     * @return a connected channel to that client, or {@code null} if none was waiting
     */
    public UnixChannel tryAccept() {
        return accept(0);
    }

    /**
     * Accepts a client, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return a connected channel to that client, or {@code null} if none came in time
     */
    public UnixChannel accept(long timeout, TimeUnit unit) {
        return accept(timeoutNanos("accept", timeout, unit));
    }

    private synchronized UnixChannel accept(long timeoutNanos) {
        ensureOpen("accept");
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : -1;
        for (;;) {
            int c = Socket.LIB.accept4(listenFd, 0, 0, Socket.SOCK_NONBLOCK | Socket.SOCK_CLOEXEC);
            if (c >= 0) {
                return new UnixChannel(clientUri, caps, null, type, msgsize, c, -1, -1);
            }
            int e = Native.errno();
            if (e == Errno.EINTR || e == UnixChannel.ECONNABORTED) {
                continue;
            }
            if (e != Errno.EAGAIN) {
                throw Errno.exception("accept", uri(), e);
            }
            if (timeoutNanos == 0
                    || !PollWait.await(pollfd, listenFd, SysPoll.POLLIN, deadline, this::isClosed, true, "accept", uri().toString())) {
                return null;
            }
        }
    }

    /** Unlinks the socket file (not an error if already gone). Accepted channels keep working. */
    @Override
    public void remove() {
        unlink(uri(), path);
    }

    static void unlink(IpcUri uri, Path path) {
        FileOps.unlink(path.toString(), uri);
        UnixBackend.CREATED.remove(path);
    }

    /** Stops listening (clients then get {@code ECONNREFUSED}); never unlinks the file. */
    @Override
    protected void closeOnce() {
        synchronized (this) {
            Fd.close(listenFd);
            NativeMemory.free(pollfd);
        }
    }
}
