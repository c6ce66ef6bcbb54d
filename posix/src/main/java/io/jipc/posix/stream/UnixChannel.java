package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.os.PollWait;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUri;
import io.jipc.os.ChildProcess;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.Socket;
import io.jipc.os.SysPoll;
import io.jipc.os.Spawner;
import io.jipc.os.Unistd;
import io.jipc.os.layout.PollfdLayout;
import io.jipc.posix.stream.internal.FrameIo;
import io.jipc.posix.stream.internal.Sockets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code unix:} channel: one connected Unix-domain socket, {@code type=stream} (frames keep the
 * message boundaries) or {@code type=seqpacket} (the kernel keeps them; the frame header still
 * carries the tag). The other end is a single peer:
 * <ul>
 *   <li>{@code unix:/path} opened first ({@code open=create}, or {@code open-or-create} when
 *       nobody listens) binds the path and waits for <em>one</em> peer, accepted on the first
 *       operation (timed and try operations count the wait); then it stops listening. The
 *       listening socket is published at the path only once it listens (bound under a temporary
 *       name, then linked), so two processes opening the same path at once end up connected. Its
 *       backlog is 0: the kernel queues one connecting peer; another process connecting while one
 *       waits gets an error ({@code EAGAIN}, after a short retry), and one connecting after the
 *       peer was accepted gets {@code ECONNREFUSED} ({@link io.jipc.api.IpcNotFound}) — a third
 *       process never gets a connection whose messages nobody reads.</li>
 *   <li>{@code unix:/path} opened when someone listens ({@code open=open}, or
 *       {@code open-or-create}) connects.</li>
 *   <li>{@code unix:pair} is a {@code socketpair}: hand the other end to a child with
 *       {@link #spawnPeer} or {@link #inheritPeerEnd}; the child opens {@code unix:pair?fd=N}.</li>
 *   <li>A server for several clients is a {@link UnixServer}; each {@link UnixServer#accept()}
 *       returns one of these.</li>
 * </ul>
 * {@link #peerCredentials()} tells who the peer is ({@code SO_PEERCRED}).
 */
public final class UnixChannel extends StreamChannel {
    static final int ECONNABORTED = 103;
    private final Object connectLock = new Object();
    private final Path path;
    private final int type;
    private final int msgsize;
    private final long pollfd;
    private volatile FrameIo io;
    private volatile int fd = -1;
    private int listenFd;
    private int peerFd;

    UnixChannel(IpcUri uri, Capabilities caps, Path path, int type, int msgsize, int connectedFd, int listenFd, int peerFd) {
        super(uri, caps);
        this.path = path;
        this.type = type;
        this.msgsize = msgsize;
        this.listenFd = listenFd;
        this.peerFd = peerFd;
        this.pollfd = NativeMemory.allocate(PollfdLayout.SIZE);
        if (connectedFd >= 0) {
            connected(connectedFd);
        }
    }

    private void connected(int cfd) {
        fd = cfd;
        io = type == Socket.SOCK_SEQPACKET ? FrameIo.forRecords(uri().toString(), cfd, msgsize, "msgsize")
                : FrameIo.forStream(uri().toString(), cfd, cfd, true, msgsize, "msgsize");
    }

    @Override
    FrameIo io(long timeoutNanos, String op) {
        FrameIo f = io;
        if (f != null) {
            return f;
        }
        synchronized (connectLock) {
            if (io != null) {
                return io;
            }
            ensureOpen(op);
            if (listenFd < 0) {
                throw new IpcRemoved(op, uri().toString(), "no peer: the one that connected to " + path
                        + " went away before it was accepted, and this handle no longer listens");
            }
            long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : -1;
            for (;;) {
                if (!peerWaiting()) {
                    if (timeoutNanos == 0
                            || !PollWait.await(pollfd, listenFd, SysPoll.POLLIN, deadline, this::isClosed, true, op, uri().toString())) {
                        return null;
                    }
                    continue;
                }
                // A peer is queued (the backlog of 0 queues exactly one). Stop listening first, so
                // that nobody else can connect between this accept and the close of the listening
                // socket: a later connector gets ECONNREFUSED at once instead of a connection that
                // accepts its messages and is then dropped unread.
                Socket.LIB.shutdown(listenFd, Socket.SHUT_RDWR);
                for (;;) {
                    int c = Socket.LIB.accept4(listenFd, 0, 0, Socket.SOCK_NONBLOCK | Socket.SOCK_CLOEXEC);
                    if (c >= 0) {
                        connected(c);
                        Unistd.LIB.close(listenFd);
                        listenFd = -1;
                        return io;
                    }
                    int e = Native.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    Fd.close(listenFd);
                    listenFd = -1;
                    throw new IpcRemoved(op, uri().toString(), e, Errno.name(e), "the peer that connected to "
                            + path + " went away before it was accepted; this handle no longer listens (open the"
                            + " channel again to wait for a new peer)");
                }
            }
        }
    }

    /** Is a connection waiting in the listening socket's queue? (poll, no wait) */
    private boolean peerWaiting() {
        return PollWait.ready(pollfd, listenFd, SysPoll.POLLIN);
    }

    /**
     * Waits until the peer is connected (a listening {@code unix:/path} handle accepts it; other
     * handles are connected from the start).
     *
     * @return this channel
     */
    public UnixChannel awaitPeer() {
        ensureOpen("awaitPeer");
        io(-1, "awaitPeer");
        return this;
    }

    /** {@return whether the peer is connected yet (always true except on a listening handle still waiting)} */
    public boolean isConnected() {
        return io != null;
    }

    /**
     * The peer's pid, uid and gid as the kernel recorded them when it connected
     * ({@code SO_PEERCRED}); for {@code unix:pair}, the process that created the pair. Waits for
     * the peer on a listening handle.
     *
     * @return the peer's credentials
     */
    public PeerCredentials peerCredentials() {
        awaitPeer();
        int[] c = Sockets.peerCredentials(uri().toString(), fd);
        return new PeerCredentials(c[0], c[1], c[2]);
    }

    /** {@return {@code "stream"} or {@code "seqpacket"}} */
    public String socketType() {
        return Sockets.typeName(type);
    }

    /** {@return whether this handle still holds the other end of a {@code unix:pair} (not yet handed over)} */
    public synchronized boolean hasPeerEnd() {
        return peerFd >= 0;
    }

    /**
     * Adds the other end of this {@code unix:pair} to {@code spawner} and returns the URI the child
     * opens; call {@link #closePeerEnd()} once the child has started.
     *
     * @param spawner the child about to be started
     * @return the URI the child opens, naming the descriptor it inherits
     */
    public synchronized String inheritPeerEnd(Spawner spawner) {
        ensureOpen("inheritPeerEnd");
        if (peerFd < 0) {
            throw new IllegalStateException("inheritPeerEnd on " + uri() + ": this handle holds no peer end"
                    + " (only unix:pair without fd= has one, until closePeerEnd)");
        }
        return peerUri(spawner.inherit(peerFd));
    }

    /**
     * The URI a child opens when it inherited the other end of the pair.
     *
     * @param childFd the child's descriptor number of that end
     * @return {@code unix:pair?fd=N&type=...}, with the message size when it is not the default
     */
    public String peerUri(int childFd) {
        return "unix:pair?fd=" + childFd + "&type=" + socketType()
                + (msgsize == DEFAULT_MSGSIZE ? "" : "&msgsize=" + msgsize);
    }

    /**
     * Starts a child JVM running {@code main} with the peer URI as {@code args[0]} (the other end
     * becomes its descriptor 3), then closes this process's copy of that end.
     *
     * @param main the class whose {@code main} the child runs
     * @param args more arguments, after the peer URI
     * @return the started child, for the caller to wait for or kill
     */
    public ChildProcess spawnPeer(Class<?> main, String... args) {
        List<String> all = new ArrayList<>();
        all.add(peerUri(3));
        all.addAll(List.of(args));
        Spawner s = Spawner.jvm(main, all.toArray(new String[0]));
        synchronized (this) {
            inheritPeerEnd(s);
            ChildProcess child = s.start();
            closePeerEnd();
            return child;
        }
    }

    /** Closes this process's copy of the pair's other end. Idempotent. */
    public synchronized void closePeerEnd() {
        Fd.close(peerFd);
        peerFd = -1;
    }

    /** Tests: the pair's other end in this process, handed over without closing it. */
    synchronized int takePeerEnd() {
        int r = peerFd;
        peerFd = -1;
        return r;
    }

    /**
     * The connected socket; on a listening {@code unix:/path} handle that has not accepted its
     * peer yet, the listening socket (readable when the peer is waiting to be accepted). Register
     * a listening handle with a poller after {@link #awaitPeer()} if you need a stable descriptor.
     */
    @Override
    public int receiveDescriptor() {
        int f = fd;
        return f >= 0 ? f : listenFd;
    }

    /** The same socket as {@link #receiveDescriptor()}. */
    @Override
    public int sendDescriptor() {
        return receiveDescriptor();
    }

    /** Unlinks the socket file of a {@code unix:/path} channel (nothing for pairs and accepted connections). */
    @Override
    public void remove() {
        if (path != null) {
            UnixServer.unlink(uri(), path);
        }
    }

    @Override
    protected void closeOnce() {
        closePeerEnd();
        synchronized (connectLock) {
            Fd.close(listenFd);
            listenFd = -1;
            NativeMemory.free(pollfd);
        }
        FrameIo f = io;
        if (f != null) {
            f.close();
        }
    }
}
