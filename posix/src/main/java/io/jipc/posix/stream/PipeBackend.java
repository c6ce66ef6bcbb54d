package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.posix.stream.internal.Inherited;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.os.Fcntl;
import io.jipc.os.SysStat;
import io.jipc.os.SystemLimits;
import io.jipc.posix.stream.internal.FrameIo;
import io.jipc.spi.Backend;
import io.jipc.spi.Limit;

import java.util.List;
import java.util.Set;

/**
 * Scheme {@code pipe}: a pair of pipes between a JVM and a child it spawns ({@link PipeChannel}).
 *
 * <ul>
 *   <li>{@code pipe:} — creates the two pipes; the handle holds the peer's ends until it hands
 *       them to a child ({@link PipeChannel#spawnPeer}, {@link PipeChannel#inheritPeerEnds}).</li>
 *   <li>{@code pipe:?fd=R,W} — in the child: adopts inherited descriptor R (read) and W (write),
 *       after checking that both are open pipes with the right access mode.</li>
 *   <li>{@code msgsize=} — largest payload (default 65520, up to 64 MiB); both ends must agree
 *       (the URI the parent hands over carries it).</li>
 * </ul>
 */
public final class PipeBackend implements Backend {
    private static final Set<String> OPTIONS = Set.of("fd", "msgsize");
    /**
     * Default largest payload: 65520, so that a largest frame (with its 16-byte header) fits an
     * empty pipe of the default 64 KiB capacity and a single send never waits for the reader.
     */
    public static final int DEFAULT_MSGSIZE = 65536 - 16;

    @Override
    public String scheme() {
        return "pipe";
    }

    @Override
    public String module() {
        return "jipc-posix";
    }

    @Override
    public String description() {
        return "two pipe(2)s (request and response) between a JVM and a child it spawns, length-framed";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return caps(DEFAULT_MSGSIZE, 65536);
    }

    static Capabilities caps(int msgsize, long pipeSize) {
        return StreamChannel.streamCapabilities("pipe", msgsize)
                .capacityBytes(pipeSize)
                .persistence(Capabilities.Persistence.PROCESS)
                .needsRelatedProcesses(true)
                .senderIdentity(false)
                .crashLeaves("nothing; the survivor gets end of stream (a frame cut by the crash is discarded, never delivered)")
                .notes("frames of 16-byte header + payload; one write per frame, atomic up to PIPE_BUF (4096 bytes);"
                        + " one writer per direction; tags carried in order, Select.any() only;"
                        + " the child opens pipe:?fd=R,W with the descriptors it inherited")
                .build();
    }

    @Override
    public List<Limit> limits() {
        return SystemLimits.pipes();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        uri.checkOptions("pipe channel", OPTIONS);
        if (uri.hasPath()) {
            throw uri.error("path '" + uri.path() + "'", "a pipe has no name: use pipe: in the parent, pipe:?fd=R,W in the child");
        }
        int msgsize = (int) uri.sizeOption("msgsize", DEFAULT_MSGSIZE, 0, StreamChannel.MAX_MSGSIZE);
        String fdOption = uri.option("fd");
        if (fdOption == null) {
            return create(uri, msgsize);
        }
        String[] parts = fdOption.split(",");
        if (parts.length != 2) {
            throw uri.error("option 'fd'", "'" + fdOption + "' is not R,W (the descriptor to read and the one to write)");
        }
        int r = Inherited.parseFd(uri, "option 'fd'", parts[0]);
        int w = Inherited.parseFd(uri, "option 'fd'", parts[1]);
        if (r == w) {
            throw uri.error("option 'fd'", "R and W are the same descriptor " + r + "; a pipe end goes one way");
        }
        Inherited.check("open", uri.toString(), r, "fd=R", SysStat.S_IFIFO, true, false);
        Inherited.check("open", uri.toString(), w, "fd=W", SysStat.S_IFIFO, false, true);
        Fd.adopt(r, "open", uri);
        Fd.adopt(w, "open", uri);
        return new PipeChannel(uri, caps(msgsize, pipeSize(w)), r, w, -1, -1, msgsize);
    }

    private static PipeChannel create(IpcUri uri, int msgsize) {
        int[] down = Fd.pipe(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK, uri);
        int[] up;
        try {
            up = Fd.pipe(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK, uri);
        } catch (RuntimeException e) {
            Fd.close(down[0]);
            Fd.close(down[1]);
            throw e;
        }
        // The parent writes down[1] and reads up[0]; the child reads down[0] and writes up[1].
        return new PipeChannel(uri, caps(msgsize, pipeSize(down[1])), up[0], down[1], down[0], up[1], msgsize);
    }

    private static long pipeSize(int fd) {
        int n = Fcntl.LIB.fcntl(fd, Fcntl.F_GETPIPE_SZ, 0);
        return n > 0 ? n : Capabilities.UNKNOWN;
    }

    static int frameLimit() {
        return SystemLimits.PIPE_BUF - FrameIo.HEADER;
    }
}
