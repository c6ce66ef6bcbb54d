package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcLimitExceeded;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Fd;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.OpenOrCreate;
import io.jipc.os.PosixMq;
import io.jipc.os.SystemLimits;
import io.jipc.os.layout.MqAttrLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening a POSIX queue for {@link PosixMessageChannel}: the URI's options, {@code mq_open} with
 * open-or-create ({@link OpenOrCreate}), the mode, the attributes in force and the errors that explain a refusal; and
 * {@code QSIZE} for {@link PosixMessageChannel#stats()}. Nothing here is on the message path.
 */
final class PosixQueueOpener {
    private final IpcUri uri;
    private final String name;
    private final Open how;
    private final int mode;
    /** Attributes asked with {@code maxmsg=}/{@code msgsize=}, -1 when not given. */
    private final long askMax;
    private final long askSize;
    /** What a new queue gets: the asked values or the system defaults. */
    private final long wantMax;
    private final long wantSize;

    /** Validates everything {@code uri} says before any system call. */
    private PosixQueueOpener(IpcUri uri) {
        uri.checkOptions("posix channel", PosixMessageChannel.OPTIONS);
        this.uri = uri;
        this.name = PosixNames.validate(uri, PosixNames.NAME_MAX);
        this.how = uri.open();
        this.mode = uri.mode();
        this.askMax = uri.longOption("maxmsg", -1, 1, PosixMq.HARD_MSGMAX);
        this.askSize = uri.sizeOption("msgsize", -1, 1, PosixMq.HARD_MSGSIZEMAX);
        this.wantMax = askMax > 0 ? askMax : SystemLimits.read("/proc/sys/fs/mqueue/msg_default", 10);
        this.wantSize = askSize > 0 ? askSize : SystemLimits.read("/proc/sys/fs/mqueue/msgsize_default", 8192);
    }

    /** Opens or creates the queue {@code uri} names. */
    static PosixMessageChannel open(IpcUri uri) {
        return new PosixQueueOpener(uri).open();
    }

    private PosixMessageChannel open() {
        long attr = NativeMemory.allocate(MqAttrLayout.SIZE);
        try {
            NativeMemory.putLong(attr + MqAttrLayout.MQ_MAXMSG, wantMax);
            NativeMemory.putLong(attr + MqAttrLayout.MQ_MSGSIZE, wantSize);
            OpenOrCreate.Opened o = OpenOrCreate.run(how, true,
                    () -> mqOpen(Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_EXCL, mode, attr),
                    () -> mqOpen(Fcntl.O_RDWR, 0, 0),
                    this::failure, "the queue " + name, "mq_open", uri);
            int fd = o.fd();
            if (o.created()) {
                applyMode(fd);
            }
            readAttributes(fd, attr, o.created());
            long maxmsg = NativeMemory.getLong(attr + MqAttrLayout.MQ_MAXMSG);
            long msgsize = NativeMemory.getLong(attr + MqAttrLayout.MQ_MSGSIZE);
            return new PosixMessageChannel(uri, name, fd, maxmsg, (int) msgsize);
        } finally {
            NativeMemory.free(attr);
        }
    }

    /** One {@code mq_open}: the descriptor, or {@code -errno}. */
    private long mqOpen(int flags, int mode, long attr) {
        int fd = PosixMq.LIB.mq_open(name, flags, mode, attr);
        return fd >= 0 ? fd : -Native.errno();
    }

    /** The exception for a failed create ({@code creating}) or open, as {@link OpenOrCreate} asks. */
    private IpcException failure(boolean creating, int e) {
        if (creating) {
            return e == Errno.EEXIST
                    ? new IpcAlreadyExists("mq_open", uri.toString(), e, Errno.name(e),
                            "the queue " + name + " exists and open=create was asked")
                    : createError(e);
        }
        if (e == Errno.ENOENT) {
            return new IpcNotFound("mq_open", uri.toString(), e, Errno.name(e),
                    "no queue " + name + " (open=open was asked)");
        }
        return openError(uri, e);
    }

    /** {@code fchmod} of a queue this call created, so that the umask does not narrow {@code mode=}. */
    private void applyMode(int fd) {
        try {
            Fd.chmod(fd, mode, "the queue " + name, uri);
        } catch (RuntimeException e) {
            PosixMq.LIB.mq_close(fd);
            PosixMq.LIB.mq_unlink(name);
            throw e;
        }
    }

    /** {@code mq_getattr} into {@code attr}; an existing queue must have the attributes asked. */
    private void readAttributes(int fd, long attr, boolean created) {
        if (PosixMq.LIB.mq_getattr(fd, attr) != 0) {
            int e = Native.errno();
            PosixMq.LIB.mq_close(fd);
            throw Errno.exception("mq_getattr", uri, e);
        }
        long maxmsg = NativeMemory.getLong(attr + MqAttrLayout.MQ_MAXMSG);
        long msgsize = NativeMemory.getLong(attr + MqAttrLayout.MQ_MSGSIZE);
        if (!created && ((askMax > 0 && askMax != maxmsg) || (askSize > 0 && askSize != msgsize))) {
            PosixMq.LIB.mq_close(fd);
            throw new IpcException("mq_open", uri.toString(), IpcException.NO_ERRNO, null,
                    "the queue " + name + " exists with maxmsg=" + maxmsg + ", msgsize=" + msgsize
                            + ", not the maxmsg/msgsize asked; drop those options to open it as it is,"
                            + " or remove it first");
        }
    }

    private IpcException createError(int e) {
        String u = uri.toString();
        String n = Errno.name(e);
        switch (e) {
            case Errno.EINVAL:
                return invalidAttributes(e);
            case Errno.ENOSPC:
                return new IpcLimitExceeded("mq_open", u, e, n, "queues_max="
                        + SystemLimits.read("/proc/sys/fs/mqueue/queues_max", -1)
                        + " POSIX queues exist system-wide; remove unused ones or raise it with"
                        + " 'sysctl -w fs.mqueue.queues_max=N' (/proc/sys/fs/mqueue/queues_max)");
            case Errno.EMFILE: {
                long r = SystemLimits.rlimitMsgqueue();
                return new IpcLimitExceeded("mq_open", u, e, n, "RLIMIT_MSGQUEUE="
                        + (r < 0 ? "unlimited" : r + " bytes")
                        + " per user would be exceeded (this queue needs about " + estimateBytes(wantMax, wantSize)
                        + " bytes on top of the user's other queues: raise it with 'ulimit -q' or 'msgqueue' in"
                        + " /etc/security/limits.conf), or the process is out of descriptors (ulimit -n)");
            }
            case Errno.ENOSYS:
                return Errno.exception("mq_open", u, e, "this kernel has no POSIX message queues (CONFIG_POSIX_MQUEUE)");
            default:
                return openError(uri, e);
        }
    }

    /** {@code EINVAL} from a create: which of {@code maxmsg}/{@code msgsize} is over its ceiling. */
    private IpcException invalidAttributes(int e) {
        String u = uri.toString();
        String n = Errno.name(e);
        long msgMax = SystemLimits.mqMsgMax();
        long sizeMax = SystemLimits.mqMsgsizeMax();
        if (wantMax > msgMax) {
            return new IpcLimitExceeded("mq_open", u, e, n, "maxmsg=" + wantMax + " exceeds msg_max=" + msgMax
                    + ", the limit for unprivileged processes; raise it with"
                    + " 'sysctl -w fs.mqueue.msg_max=" + wantMax + "' (/proc/sys/fs/mqueue/msg_max)");
        }
        if (wantSize > sizeMax) {
            return new IpcLimitExceeded("mq_open", u, e, n, "msgsize=" + wantSize + " exceeds msgsize_max="
                    + sizeMax + ", the limit for unprivileged processes; raise it with"
                    + " 'sysctl -w fs.mqueue.msgsize_max=" + wantSize + "' (/proc/sys/fs/mqueue/msgsize_max)");
        }
        return Errno.exception("mq_open", u, e, "the kernel refused maxmsg=" + wantMax + ", msgsize=" + wantSize);
    }

    private static IpcException openError(IpcUri uri, int e) {
        if (e == Errno.EACCES) {
            return Errno.exception("mq_open", uri, e, "the queue's mode does not let this user read and write it");
        }
        return Errno.exception("mq_open", uri, e);
    }

    /** Bytes a queue counts against {@code RLIMIT_MSGQUEUE} (Linux 3.5+; an estimate). */
    static long estimateBytes(long maxmsg, long msgsize) {
        long msgMsg = 48;      // struct msg_msg
        long treeNode = 40;    // struct posix_msg_tree_node
        return maxmsg * (msgsize + msgMsg) + Math.min(maxmsg, PosixMq.HARD_MSGMAX) * treeNode;
    }

    /**
     * {@code QSIZE} (payload bytes queued) from {@code /dev/mqueue/NAME} when the mqueue file
     * system is mounted there and that file is the queue open as {@code mqd} (same inode: not a
     * newer queue created after an unlink); {@link Capabilities#UNKNOWN} otherwise. Not a hot path.
     */
    static long queuedBytes(String name, int mqd) {
        Path p = Path.of("/dev/mqueue", name.substring(1));
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            if (!(ino instanceof Long) || (Long) ino != Fd.fstat(mqd, name).ino()) {
                return Capabilities.UNKNOWN;
            }
            String text;
            try (InputStream in = Files.newInputStream(p)) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            int at = text.indexOf("QSIZE:");
            if (at < 0) {
                return Capabilities.UNKNOWN;
            }
            int end = at + 6;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(at + 6, end));
        } catch (IOException | RuntimeException e) {
            return Capabilities.UNKNOWN;
        }
    }
}
