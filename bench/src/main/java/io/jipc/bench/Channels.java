package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.os.SystemLimits;

import java.nio.file.Path;

/**
 * The channel mechanisms the suite measures, by the name used in the {@code mech} parameter,
 * and how to name one direction of traffic for each: jipc schemes ({@code sysv}, {@code posix},
 * {@code pipe}, {@code fifo}, {@code unix-stream}, {@code unix-seqpacket}, {@code ring}, and the
 * off-box {@code aeron-ipc} and {@code aeron-udp} over the loopback interface) and the peers
 * ({@code agrona}, {@code jdk-unix}).
 */
public final class Channels {
    /** Every channel mechanism, jipc's first. */
    public static final String[] ALL = {"sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "ring",
        "aeron-ipc", "aeron-udp", "agrona", "jdk-unix"};

    /** The mechanisms that reach other hosts (measured here over the loopback interface). */
    public static final java.util.List<String> ACROSS_HOSTS = java.util.List.of("aeron-udp");

    private Channels() {
    }

    /** The jipc scheme behind a mechanism name, or {@code null} for the non-jipc peers. */
    public static String scheme(String mech) {
        switch (mech) {
            case "unix-stream":
            case "unix-seqpacket":
                return "unix";
            case "aeron-ipc":
            case "aeron-udp":
                return "aeron";
            case "agrona":
            case "jdk-unix":
                return null;
            default:
                return mech;
        }
    }

    /** Is the mechanism a peer beside jipc (not a jipc backend)? */
    public static boolean isPeer(String mech) {
        return scheme(mech) == null;
    }

    /**
     * Why {@code mech} cannot carry {@code size}-byte messages here, or {@code null} when it can:
     * a missing backend, or a default system limit (never raised by the suite).
     */
    public static String unavailable(String mech, int size) {
        String scheme = scheme(mech);
        if (scheme != null && Ipc.backend(scheme) == null) {
            return "skipped: backend '" + scheme + "' not installed";
        }
        if (mech.equals("sysv") && size > SystemLimits.msgmax()) {
            return "not allowed by limit msgmax=" + SystemLimits.msgmax() + " (/proc/sys/kernel/msgmax)";
        }
        if (mech.equals("posix") && size > SystemLimits.mqMsgsizeMax()) {
            return "not allowed by limit msgsize_max=" + SystemLimits.mqMsgsizeMax() + " (/proc/sys/fs/mqueue/msgsize_max)";
        }
        if (mech.equals("fifo") && size > SystemLimits.PIPE_BUF - 16) {
            return "not allowed by limit PIPE_BUF=" + SystemLimits.PIPE_BUF + " (a fifo frame, 16-byte header included, "
                    + "must be one atomic write)";
        }
        return null;
    }

    /**
     * The specs of one direction of traffic: [0] for the creating side, [1] for the peer.
     *
     * @param dir a private directory of the trial for file-system names
     */
    public static String[] endpoints(String mech, int size, Path dir, String hint) {
        String name = BenchSupport.unique(hint);
        switch (mech) {
            case "sysv": {
                String key = BenchSupport.randomKey();
                return pair("jipc|sysv:?key=" + key + "&open=create", "jipc|sysv:?key=" + key + "&open=open");
            }
            case "posix": {
                long maxmsg = Math.min(10, SystemLimits.mqMsgMax());
                String q = "posix:/" + name + "?maxmsg=" + maxmsg + "&msgsize=" + Math.max(size, 64);
                return pair("jipc|" + q + "&open=create", "jipc|" + q + "&open=open");
            }
            case "fifo": {
                String f = "fifo:" + dir.resolve(hint + ".fifo");
                return pair("jipc|" + f + "?open=create", "jipc|" + f + "?open=open");
            }
            case "unix-stream":
            case "unix-seqpacket": {
                String type = mech.substring(5);
                String u = "unix:" + dir.resolve(hint + ".sock") + "?type=" + type;
                return pair("jipc|" + u + "&open=create", "jipc|" + u + "&open=open");
            }
            case "ring": {
                String r = "ring:/" + name + "?capacity=" + ringCapacity(size);
                return pair("jipc|" + r + "&open=create", "jipc|" + r + "&open=open");
            }
            case "aeron-udp": {
                String u = "aeron:udp?endpoint=127.0.0.1:" + BenchAeron.freePort() + "&stream=" + BenchAeron.stream()
                        + "&term-length=" + BenchAeron.termLength(size);
                return pair("jipc|" + u, "jipc|" + u);
            }
            case "aeron-ipc": {
                String u = "aeron:ipc?stream=" + BenchAeron.stream() + "&term-length=" + BenchAeron.termLength(size)
                        + "&driver=external&dir=" + BenchAeron.sharedDriverDir();
                return pair("jipc|" + u, "jipc|" + u);
            }
            case "agrona": {
                String a = "agrona|/dev/shm/" + name + "|" + ringCapacity(size);
                return pair(a, a);
            }
            case "jdk-unix": {
                String j = "jdkunix|" + dir.resolve(hint + ".jsock");
                return pair(j, j);
            }
            default:
                throw new IllegalArgumentException("unknown channel mechanism '" + mech + "'");
        }
    }

    /** Does {@code mech} need its peer spawned with inherited descriptors ({@link Peers#startInheriting})? */
    public static boolean inherited(String mech) {
        return mech.equals("pipe");
    }

    /** The URI of a two-way channel whose peer end is inherited by a spawned child. */
    public static String inheritedUri(String mech, int size) {
        return "pipe:" + (size > 65520 ? "?msgsize=" + size : "");
    }

    /** A power-of-two ring capacity holding at least 16 messages of {@code size}. */
    static int ringCapacity(int size) {
        int c = 1 << 20;
        while (c < size * 16) {
            c <<= 1;
        }
        return c;
    }

    private static String[] pair(String a, String b) {
        return new String[] {a, b};
    }
}
