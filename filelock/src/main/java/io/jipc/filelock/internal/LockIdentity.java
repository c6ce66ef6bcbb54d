package io.jipc.filelock.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a lock-file holder writes into the lock file: who holds it, precisely enough to tell later
 * whether that holder is still alive.
 *
 * <pre>
 * jipc-lock 1
 * pid 4242
 * start 1234567          (field 22 of /proc/4242/stat: start time in clock ticks after boot)
 * boot 6f0c...           (/proc/sys/kernel/random/boot_id: which boot of the host)
 * host build-7           (/proc/sys/kernel/hostname)
 * pidns pid:[4026531836] (/proc/self/ns/pid: the pid namespace the pid belongs to)
 * token 9c1d2e...        (random, new for every acquisition)
 * </pre>
 *
 * A pid alone is not an identity (pids are reused); pid + start time + boot id is, on one host
 * and in one pid namespace (containers sharing a host name and boot id have their own pid
 * namespaces: a holder of another namespace is never judged). The token tells a holder its own lock file from a later one that
 * happens to reuse the same inode number.
 */
public record LockIdentity(long pid, long start, String boot, String host, String pidns, String token) {
    /** The first line of every jipc lock file. */
    public static final String MAGIC = "jipc-lock 1";
    private static final long SEED = new SecureRandom().nextLong();
    private static final AtomicLong TOKENS = new AtomicLong();
    private static volatile LockIdentity self;

    /** The file's text. */
    public String encode() {
        return MAGIC + "\npid " + pid + "\nstart " + start + "\nboot " + boot + "\nhost " + host + "\npidns " + pidns + "\ntoken " + token + "\n";
    }

    /**
     * Is the holder described by {@code id} certainly dead? Only holders of this host and pid
     * namespace are judged (another host's or container's holder is never declared dead). Dead
     * means: the host rebooted since (boot id differs), or no process has the pid, or that process
     * is a zombie, or it started at another time (the pid was reused). When in doubt (e.g.
     * {@code /proc} hides other users' processes) the holder counts as alive.
     */
    public static boolean holderIsDead(LockIdentity id, LockIdentity self) {
        if (!id.host().equals(self.host())) {
            return false;
        }
        if (!id.boot().equals(self.boot()) && !"unknown".equals(id.boot()) && !"unknown".equals(self.boot())) {
            return true; // the host rebooted since: every process of that boot is gone
        }
        if (!id.pidns().equals(self.pidns()) || "unknown".equals(id.pidns())) {
            return false; // another pid namespace (a container): its pids mean nothing here
        }
        if (id.pid() <= 0 || id.pid() > Integer.MAX_VALUE) {
            return false;
        }
        return !io.jipc.os.ProcStat.forThisThread().sameProcess(id.pid(), id.start());
    }

    /** This process, with a fresh token. */
    public static LockIdentity fresh() {
        LockIdentity s = self;
        if (s == null) {
            long pid = ProcessHandle.current().pid();
            long start = new io.jipc.os.ProcStat().startTime(pid);
            s = new LockIdentity(pid, start < 0 ? -1 : start, bootId(), hostName(), pidNamespace(), "");
            self = s;
        }
        // unique enough to tell this acquisition's file from any later one: a per-JVM random seed,
        // a counter and a per-call random part
        String token = Long.toHexString(SEED) + "-" + Long.toHexString(TOKENS.incrementAndGet()) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return new LockIdentity(s.pid, s.start, s.boot, s.host, s.pidns, token);
    }

    /**
     * Parses a lock file's content: {@code null} when it is not a complete jipc identity (empty,
     * half-written, or another program's format).
     */
    public static LockIdentity parse(byte[] content) {
        if (content == null) {
            return null;
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC + "\n")) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                m.put(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        try {
            String token = m.get("token");
            if (token == null || token.isEmpty() || m.get("boot") == null || m.get("host") == null || m.get("pidns") == null) {
                return null;
            }
            return new LockIdentity(Long.parseLong(m.get("pid")), Long.parseLong(m.get("start")), m.get("boot"),
                    m.get("host"), m.get("pidns"), token);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Does {@code content} look like a jipc identity still being written (empty, or our magic without all fields)? */
    public static boolean looksIncomplete(byte[] content) {
        if (content == null) {
            return false;
        }
        if (content.length == 0) {
            return true;
        }
        String text = new String(content, StandardCharsets.UTF_8);
        return (MAGIC + "\n").startsWith(text) || (text.startsWith(MAGIC) && parse(content) == null);
    }

    /** This host's name ({@code /proc/sys/kernel/hostname}, as {@code uname -n}). */
    public static String hostName() {
        String h = readTrimmed("/proc/sys/kernel/hostname");
        if (h == null || h.isEmpty()) {
            h = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return h.replace('/', '_').replace('\n', '_').replace(' ', '_');
    }

    /** This process's pid namespace ({@code readlink /proc/self/ns/pid}, e.g. {@code pid:[4026531836]}), or {@code "unknown"}. */
    public static String pidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** This boot's id ({@code /proc/sys/kernel/random/boot_id}), or {@code "unknown"}. */
    public static String bootId() {
        String b = readTrimmed("/proc/sys/kernel/random/boot_id");
        return b == null || b.isEmpty() ? "unknown" : b;
    }

    private static String readTrimmed(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
