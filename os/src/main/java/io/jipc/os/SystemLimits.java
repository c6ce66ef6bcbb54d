package io.jipc.os;

import io.jipc.spi.Limit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPC limits in force on this machine, each with where it comes from: the System V limits in
 * {@code /proc/sys/kernel}, the POSIX message-queue limits in {@code /proc/sys/fs/mqueue} and
 * {@code RLIMIT_MSGQUEUE}, and the pipe limits. Read fresh on every call (an administrator may
 * change them at run time).
 */
public final class SystemLimits {
    /** {@code RLIMIT_MSGQUEUE} on Linux. */
    public static final int RLIMIT_MSGQUEUE = 12;
    /** {@code PIPE_BUF}: writes up to this size to a pipe or FIFO are atomic. */
    public static final int PIPE_BUF = 4096;

    private SystemLimits() {
    }

    /**
     * A number from a {@code /proc} file ({@code fallback} when it cannot be read, e.g. in a
     * container without it).
     *
     * @param procFile the file, e.g. {@code "/proc/sys/kernel/msgmax"}
     * @param fallback the value when it cannot be read
     * @return the number in the file, or {@code fallback}
     */
    public static long read(String procFile, long fallback) {
        try {
            String s = readProc(procFile).trim();
            int ws = s.indexOf('\t') >= 0 ? s.indexOf('\t') : s.indexOf(' ');
            return Long.parseLong(ws > 0 ? s.substring(0, ws) : s);
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The text of a {@code /proc} file. {@code /proc} files report a size of 0, and
     * {@code Files.readString} trusts the size (measured on JDK 17: it returned only the first
     * byte, "8" for msgmax = 8192), so read the stream to its end instead.
     */
    private static String readProc(String procFile) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(Path.of(procFile))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /**
     * One whitespace-separated field of a {@code /proc} file ({@code /proc/sys/kernel/sem} has four).
     *
     * @param procFile the file
     * @param index the field's index, from 0
     * @param fallback the value when it cannot be read
     * @return the field's number, or {@code fallback}
     */
    public static long readField(String procFile, int index, long fallback) {
        try {
            String[] f = readProc(procFile).trim().split("\\s+");
            return Long.parseLong(f[index]);
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return fallback;
        }
    }

    /** {@return {@code msgmax}: the largest SysV message, in bytes} */
    public static long msgmax() {
        return read("/proc/sys/kernel/msgmax", 8192);
    }

    /** {@return {@code msgmnb}: the default byte capacity of a new SysV queue} */
    public static long msgmnb() {
        return read("/proc/sys/kernel/msgmnb", 16384);
    }

    /** {@return {@code msg_max}: the largest {@code mq_maxmsg} an unprivileged process may ask} */
    public static long mqMsgMax() {
        return read("/proc/sys/fs/mqueue/msg_max", 10);
    }

    /** {@return {@code msgsize_max}: the largest {@code mq_msgsize} an unprivileged process may ask} */
    public static long mqMsgsizeMax() {
        return read("/proc/sys/fs/mqueue/msgsize_max", 8192);
    }

    /** {@return {@code sysconf(_SC_MQ_PRIO_MAX)}, or {@link PosixMq#DEFAULT_MQ_PRIO_MAX} if it cannot tell} */
    public static int mqPrioMax() {
        long v = Unistd.LIB.sysconf(Unistd._SC_MQ_PRIO_MAX);
        return v <= 0 || v > Integer.MAX_VALUE ? PosixMq.DEFAULT_MQ_PRIO_MAX : (int) v;
    }

    /** {@return the soft {@code RLIMIT_MSGQUEUE} in bytes, or -1 for unlimited} */
    public static long rlimitMsgqueue() {
        long cur = Proc.rlimit(SysResource.RLIMIT_MSGQUEUE)[0];
        return cur < 0 || cur == Long.MAX_VALUE ? -1 : cur;
    }

    /** {@return the System V limits} */
    public static List<Limit> sysv() {
        List<Limit> l = new ArrayList<>();
        l.add(proc("msgmax", "/proc/sys/kernel/msgmax", "bytes", "largest message in a SysV queue"));
        l.add(proc("msgmnb", "/proc/sys/kernel/msgmnb", "bytes", "default capacity of a SysV queue (msg_qbytes)"));
        l.add(proc("msgmni", "/proc/sys/kernel/msgmni", "queues", "SysV queues system-wide"));
        String sem = "/proc/sys/kernel/sem";
        l.add(field("semmsl", sem, 0, "semaphores", "semaphores per set"));
        l.add(field("semmns", sem, 1, "semaphores", "semaphores system-wide"));
        l.add(field("semopm", sem, 2, "operations", "operations per semop call"));
        l.add(field("semmni", sem, 3, "sets", "semaphore sets system-wide"));
        l.add(proc("shmmax", "/proc/sys/kernel/shmmax", "bytes", "largest SysV shared memory segment"));
        l.add(proc("shmall", "/proc/sys/kernel/shmall", "pages", "SysV shared memory system-wide"));
        l.add(proc("shmmni", "/proc/sys/kernel/shmmni", "segments", "SysV segments system-wide"));
        return l;
    }

    /** {@return the POSIX message-queue limits} */
    public static List<Limit> posixMqueue() {
        List<Limit> l = new ArrayList<>();
        l.add(proc("msg_max", "/proc/sys/fs/mqueue/msg_max", "messages", "largest mq_maxmsg (unprivileged)"));
        l.add(proc("msgsize_max", "/proc/sys/fs/mqueue/msgsize_max", "bytes", "largest mq_msgsize (unprivileged)"));
        l.add(proc("msg_default", "/proc/sys/fs/mqueue/msg_default", "messages", "mq_maxmsg when not given"));
        l.add(proc("msgsize_default", "/proc/sys/fs/mqueue/msgsize_default", "bytes", "mq_msgsize when not given"));
        l.add(proc("queues_max", "/proc/sys/fs/mqueue/queues_max", "queues", "POSIX queues system-wide"));
        long r = rlimitMsgqueue();
        l.add(new Limit("RLIMIT_MSGQUEUE", r < 0 ? "unlimited" : Long.toString(r), "bytes",
                "getrlimit(RLIMIT_MSGQUEUE), soft", "bytes of POSIX queues a user may create (ulimit -q)"));
        return l;
    }

    /** {@return the pipe limits} */
    public static List<Limit> pipes() {
        List<Limit> l = new ArrayList<>();
        l.add(new Limit("PIPE_BUF", Integer.toString(PIPE_BUF), "bytes", "<limits.h>", "writes up to this size are atomic"));
        l.add(proc("pipe-max-size", "/proc/sys/fs/pipe-max-size", "bytes", "largest pipe capacity via F_SETPIPE_SZ (unprivileged)"));
        return l;
    }

    /** {@return the System V, POSIX message-queue and pipe limits together} */
    public static List<Limit> all() {
        List<Limit> l = new ArrayList<>(sysv());
        l.addAll(posixMqueue());
        l.addAll(pipes());
        return l;
    }

    private static Limit proc(String name, String file, String unit, String meaning) {
        long v = read(file, Long.MIN_VALUE);
        return new Limit(name, v == Long.MIN_VALUE ? unsignedOrUnavailable(file) : Long.toString(v), unit, file, meaning);
    }

    /**
     * The text of {@code file} when it is an unsigned number too large for a {@code long}
     * ({@code shmmax} and {@code shmall} are often 18446744073692774399), else "unavailable".
     */
    private static String unsignedOrUnavailable(String file) {
        try {
            String t = readProc(file).trim();
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return t;
            }
        } catch (IOException e) {
            // unavailable
        }
        return "unavailable (" + file + " unreadable)";
    }

    private static Limit field(String name, String file, int index, String unit, String meaning) {
        long v = readField(file, index, Long.MIN_VALUE);
        return new Limit(name, v == Long.MIN_VALUE ? "unavailable (" + file + " unreadable)" : Long.toString(v), unit,
                file + " field " + (index + 1), meaning);
    }
}
