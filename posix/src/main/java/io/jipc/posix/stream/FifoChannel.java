package io.jipc.posix.stream;

import io.jipc.os.FileOps;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.posix.stream.internal.FrameIo;

import java.nio.file.Path;

/**
 * A {@code fifo:/path} channel: one named pipe used as a message queue. Every handle opens the
 * FIFO twice, {@code O_RDONLY | O_NONBLOCK} first (never blocks, and makes this handle a reader)
 * and then {@code O_WRONLY | O_NONBLOCK} (cannot fail with {@code ENXIO}, since a reader now
 * exists): opening never deadlocks, in any order, with or without a peer.
 *
 * <p>Any handle may send and any may receive, as with a POSIX or SysV queue; request/response
 * between two processes uses two FIFOs (two URIs), as GaPiL's client/server example does.
 * Several writers are safe: a frame is at most {@code PIPE_BUF} (4096) bytes, so each is one
 * atomic {@code write} and writers never interleave — not even a writer killed by {@code SIGKILL}
 * can leave half a frame. Larger messages are refused ({@code msgsize} is at most 4080).
 *
 * <p>Several receivers are safe too, in any processes: a receiver takes a frame whole or not at
 * all (an exclusive {@code flock} among receivers, a {@code tee} peek at the header, one
 * {@code read} of exactly that frame; see {@link FrameIo#forSharedReaders}). A receiver killed at any moment, or
 * one that got {@link io.jipc.api.MessageTooLarge} and closed, leaves the next frame whole in the
 * FIFO for the others: a too-small buffer consumes nothing.
 *
 * <p>{@link #remove()} unlinks the name; open handles keep working. Messages live in the kernel
 * only while some handle is open (every handle is also a writer, so a receiver never sees end of
 * stream).
 */
public final class FifoChannel extends StreamChannel {
    private final FrameIo io;
    private final Path path;
    private final int rfd;
    private final int wfd;

    FifoChannel(IpcUri uri, Capabilities caps, Path path, int rfd, int wfd, int msgsize) {
        super(uri, caps);
        this.path = path;
        this.rfd = rfd;
        this.wfd = wfd;
        this.io = FrameIo.forSharedReaders(uri.toString(), rfd, wfd, msgsize,
                "msgsize (fifo frames must fit PIPE_BUF = 4096 bytes with the 16-byte header, so that several writers never interleave)");
    }

    @Override
    FrameIo io(long timeoutNanos, String op) {
        return io;
    }

    /** {@return the FIFO's path} */
    public Path path() {
        return path;
    }

    @Override
    public int receiveDescriptor() {
        return rfd;
    }

    @Override
    public int sendDescriptor() {
        return wfd;
    }

    /** Unlinks the FIFO's name (not an error if already gone); open handles keep working. */
    @Override
    public void remove() {
        FileOps.unlink(path.toString(), uri());
        FifoBackend.CREATED.remove(path);
    }

    @Override
    protected void closeOnce() {
        io.close();
    }
}
