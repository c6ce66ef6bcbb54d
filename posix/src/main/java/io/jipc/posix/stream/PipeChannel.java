package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.posix.stream.internal.FrameIo;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code pipe:} channel: two pipes, one per direction (as GaPiL's request/response pair),
 * between a JVM and a child it spawns. The parent opens {@code pipe:} (no path), hands the peer
 * ends to a child, and the child opens the URI it is given ({@code pipe:?fd=R,W}, R the descriptor
 * it reads, W the one it writes).
 *
 * <pre>{@code
 * try (PipeChannel ch = (PipeChannel) Ipc.channel("pipe:");
 *      ChildProcess child = ch.spawnPeer(Worker.class)) {   // Worker.main gets "pipe:?fd=3,4"
 *     ch.send(request);
 *     ch.receive(reply);
 * }
 * }</pre>
 * or, with your own {@link Spawner}: {@code String uri = ch.inheritPeerEnds(spawner)}, start it,
 * then {@link #closePeerEnds()} so that the child's death is seen as end of stream.
 *
 * <p>When the peer closes its end or dies, a receive fails with {@link io.jipc.api.IpcRemoved}
 * ("end of stream"; "mid-message" if it died inside a frame — the partial frame is never
 * delivered) and a send fails with {@code EPIPE} reported as {@link io.jipc.api.IpcRemoved}.
 */
public final class PipeChannel extends StreamChannel {
    private final FrameIo io;
    private final int rfd;
    private final int wfd;
    private final int msgsize;
    private int peerRead;
    private int peerWrite;

    PipeChannel(IpcUri uri, Capabilities caps, int rfd, int wfd, int peerRead, int peerWrite, int msgsize) {
        super(uri, caps);
        this.rfd = rfd;
        this.wfd = wfd;
        this.peerRead = peerRead;
        this.peerWrite = peerWrite;
        this.msgsize = msgsize;
        this.io = FrameIo.forStream(uri.toString(), rfd, wfd, false, msgsize, "msgsize");
    }

    @Override
    FrameIo io(long timeoutNanos, String op) {
        return io;
    }

    /** {@return whether this handle still holds the peer's ends (created with {@code pipe:}, not yet handed over)} */
    public synchronized boolean hasPeerEnds() {
        return peerRead >= 0;
    }

    /**
     * Adds the peer's two ends to {@code spawner} (they become the child's next inherited
     * descriptors) and returns the URI the child opens. Call {@link #closePeerEnds()} once the
     * child is started.
     *
     * @param spawner the child about to be started
     * @return the URI the child opens, naming the descriptors it inherits
     * @throws IllegalStateException if this handle has no peer ends (it is a child's handle, or
     *         they were closed)
     */
    public synchronized String inheritPeerEnds(Spawner spawner) {
        ensureOpen("inheritPeerEnds");
        if (peerRead < 0) {
            throw new IllegalStateException("inheritPeerEnds on " + uri() + ": this handle holds no peer ends"
                    + " (only a handle opened with pipe: and no fd= has them, until closePeerEnds)");
        }
        int r = spawner.inherit(peerRead);
        int w = spawner.inherit(peerWrite);
        return peerUri(r, w);
    }

    /**
     * The URI a child opens when it inherited the peer ends.
     *
     * @param r the child's descriptor number of the read end
     * @param w the child's descriptor number of the write end
     * @return {@code pipe:?fd=r,w}, with the message size when it is not the default
     */
    public String peerUri(int r, int w) {
        return "pipe:?fd=" + r + "," + w + (msgsize == PipeBackend.DEFAULT_MSGSIZE ? "" : "&msgsize=" + msgsize);
    }

    /**
     * Starts a child JVM running {@code main} with the peer URI as {@code args[0]} (the peer ends
     * become its descriptors 3 and 4), then closes this process's copies of the peer ends.
     *
     * @param main the class whose {@code main} the child runs
     * @param args more arguments, after the peer URI
     * @return the started child, for the caller to wait for or kill
     */
    public ChildProcess spawnPeer(Class<?> main, String... args) {
        List<String> all = new ArrayList<>();
        all.add(peerUri(3, 4));
        all.addAll(List.of(args));
        Spawner s = Spawner.jvm(main, all.toArray(new String[0]));
        synchronized (this) {
            String uri = inheritPeerEnds(s);
            if (!uri.equals(all.get(0))) {
                throw new IllegalStateException("peer descriptors were not 3 and 4: " + uri);
            }
            ChildProcess child = s.start();
            closePeerEnds();
            return child;
        }
    }

    /**
     * Closes this process's copies of the peer's ends (after the child that inherited them has
     * started): from then on the child's exit is end of stream here. Idempotent.
     */
    public synchronized void closePeerEnds() {
        Fd.close(peerRead);
        Fd.close(peerWrite);
        peerRead = -1;
        peerWrite = -1;
    }

    /** Tests: the peer's {read, write} descriptors in this process, handed over without closing them. */
    synchronized int[] takePeerEnds() {
        int[] r = {peerRead, peerWrite};
        peerRead = -1;
        peerWrite = -1;
        return r;
    }

    @Override
    public int receiveDescriptor() {
        return rfd;
    }

    @Override
    public int sendDescriptor() {
        return wfd;
    }

    /** Nothing to remove: a pipe has no name and goes away with its last descriptor. */
    @Override
    public void remove() {
    }

    @Override
    protected void closeOnce() {
        closePeerEnds();
        io.close();
    }
}
