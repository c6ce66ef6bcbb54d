package io.jipc.posix.stream;

import io.jipc.os.Fd;
import io.jipc.os.Stat;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.SysStat;
import io.jipc.os.SystemLimits;
import io.jipc.os.Unistd;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.Limit;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Scheme {@code fifo}: a named pipe ({@code mkfifo}) used as a multi-writer message queue
 * ({@link FifoChannel}).
 *
 * <ul>
 *   <li>{@code fifo:/path} — the FIFO's path (absolute or relative to the working directory).</li>
 *   <li>{@code open=create|open|open-or-create} — {@code mkfifo} or not; a path that exists but is
 *       not a FIFO (a regular file, a directory) is refused with its type named.</li>
 *   <li>{@code mode=0600} — permission bits, set exactly ({@code chmod} after {@code mkfifo}, so
 *       the {@code umask} does not apply).</li>
 *   <li>{@code msgsize=} — largest payload, at most and by default 4080 (PIPE_BUF minus the
 *       16-byte frame header).</li>
 * </ul>
 */
public final class FifoBackend implements Backend {
    private static final Set<String> OPTIONS = Set.of("msgsize");
    /** The FIFOs this backend created, for {@link #objects()}. */
    static final CreatedPaths CREATED = CreatedPaths.named("fifo");

    @Override
    public String scheme() {
        return "fifo";
    }

    @Override
    public String module() {
        return "jipc-posix";
    }

    @Override
    public String description() {
        return "named pipe (mkfifo) as a multi-writer message queue, frames up to PIPE_BUF";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    /** The FIFOs jipc created that still exist (a FIFO at a path the user made is not listed). */
    @Override
    public List<ObjectInfo> objects() {
        return CREATED.describe(scheme(), Primitive.CHANNEL, p -> "fifo:" + p, p -> true);
    }

    @Override
    public void remove(ObjectInfo object) {
        CREATED.delete(object);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return caps(PipeBackend.frameLimit(), 65536);
    }

    static Capabilities caps(int msgsize, long pipeSize) {
        return StreamChannel.streamCapabilities("fifo", msgsize)
                .capacityBytes(pipeSize)
                .persistence(Capabilities.Persistence.FILE_SYSTEM)
                .needsRelatedProcesses(false)
                .senderIdentity(false)
                .crashLeaves("the FIFO's name until remove(); queued messages vanish with the last open handle;"
                        + " a killed writer never leaves half a frame (frames are single atomic writes), nor does a killed"
                        + " receiver (a frame leaves the FIFO in one read)")
                .notes("multi-writer safe by refusal: frames (16-byte header + payload) are at most PIPE_BUF = 4096"
                        + " bytes, each one atomic write, so writers never interleave; larger messages are refused"
                        + " (use pipe: or unix:); several receivers are safe too: a frame is taken whole (flock among"
                        + " receivers, tee peek, one read) or stays in the FIFO; tags carried in order, Select.any() only")
                .build();
    }

    @Override
    public List<Limit> limits() {
        return SystemLimits.pipes();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        uri.checkOptions("fifo channel", OPTIONS);
        if (!uri.hasPath()) {
            throw uri.error("path", "is empty; a FIFO needs a file-system path, e.g. fifo:/tmp/app.fifo");
        }
        int msgsize = frameSize(uri);
        Open open = uri.open();
        int mode = uri.mode();
        Path path = Path.of(uri.path());
        String p = path.toString();
        boolean created = open.mayCreate() && makeFifo(uri, path, open, mode);
        int rfd = -1;
        int wfd = -1;
        try {
            rfd = openEnd(uri, p, Fcntl.O_RDONLY, "reading");
            requireFifo(uri, p, rfd);
            wfd = openEnd(uri, p, Fcntl.O_WRONLY, "writing");
            long size = Fcntl.LIB.fcntl(wfd, Fcntl.F_GETPIPE_SZ, 0);
            return new FifoChannel(uri, caps(msgsize, size > 0 ? size : Capabilities.UNKNOWN), path, rfd, wfd, msgsize);
        } catch (RuntimeException e) {
            Fd.close(rfd);
            Fd.close(wfd);
            if (created) {
                Unistd.LIB.unlink(p);
                CREATED.remove(path);
            }
            throw e;
        }
    }

    /** The {@code msgsize=} option, at most (and by default) the largest frame that fits PIPE_BUF. */
    private static int frameSize(IpcUri uri) {
        int limit = PipeBackend.frameLimit();
        long msgsize = uri.sizeOption("msgsize", limit, 0, Long.MAX_VALUE);
        if (msgsize > limit) {
            throw uri.error("option 'msgsize'", msgsize + " exceeds " + limit + ": a fifo frame (16-byte header +"
                    + " payload) must fit PIPE_BUF = " + SystemLimits.PIPE_BUF + " bytes so that several writers never"
                    + " interleave; use pipe: or unix: for larger messages");
        }
        return (int) msgsize;
    }

    /**
     * {@code mkfifo} with the mode set exactly; an existing path is left for the open that follows
     * (unless {@code open=create}).
     *
     * @return true when this call created the FIFO (and recorded it in {@link #CREATED})
     */
    private static boolean makeFifo(IpcUri uri, Path path, Open open, int mode) {
        String p = path.toString();
        if (SysStat.LIB.mkfifo(p, mode) == 0) {
            if (SysStat.LIB.chmod(p, mode) != 0) {
                int e = Native.errno();
                Unistd.LIB.unlink(p);
                throw Errno.exception("chmod", uri, e);
            }
            CREATED.add(path);
            return true;
        }
        int e = Native.errno();
        if (e != Errno.EEXIST) {
            throw Errno.exception("mkfifo", uri, e, "cannot create FIFO " + p + ": " + Errno.describe(e));
        }
        if (!open.mayOpenExisting()) {
            throw new IpcAlreadyExists("mkfifo", uri.toString(), e, Errno.name(e), p + " already exists (open=create)");
        }
        return false;
    }

    /** Opens one end of the FIFO, non-blocking ({@code access} is {@code O_RDONLY} or {@code O_WRONLY}). */
    private static int openEnd(IpcUri uri, String p, int access, String purpose) {
        int fd = Fcntl.LIB.open(p, access | Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC | Fcntl.O_NOCTTY, 0);
        if (fd < 0) {
            int e = Native.errno();
            throw Errno.exception("open", uri, e, "cannot open " + p + " for " + purpose + ": " + Errno.describe(e));
        }
        return fd;
    }

    /** Refuses a path that is not a FIFO (a regular file, a directory...), naming its type. */
    private static void requireFifo(IpcUri uri, String p, int fd) {
        int type = Fd.fstat(fd, uri).type();
        if (type != SysStat.S_IFIFO) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, p + " exists and is "
                    + Stat.typeName(type) + ", not a FIFO; choose another path or remove that file");
        }
    }
}
