package io.jipc.cli;

import io.jipc.spi.ObjectInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One IPC object found by the inventory ({@code jipc ls}): a SysV queue, semaphore set or
 * segment, a {@code /dev/shm} entry, a POSIX queue, a file jipc created, or the directory of an
 * Aeron media driver that jipc embedded.
 */
final class IpcObject {
    /** The kinds the inventory lists. */
    enum Kind {
        SYSV_QUEUE("System V message queue"),
        SYSV_SEM("System V semaphore set"),
        SYSV_SHM("System V shared memory segment"),
        SHM_FILE("/dev/shm entry"),
        POSIX_SEM("POSIX named semaphore"),
        POSIX_MQ("POSIX message queue"),
        FILE("file created by jipc"),
        AERON_DIR("Aeron media driver directory"),
        OTHER("object");

        /** The kind of a backend's {@link ObjectInfo#kind()} ({@code "sysv-queue"} is {@link #SYSV_QUEUE}). */
        static Kind of(String kind) {
            try {
                return valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    Kind kind;
    /** What the backend said of it. */
    ObjectInfo info;
    /** Path or name; for SysV the key in hex. */
    String name;
    /** SysV identifier, or -1. */
    long id = -1;
    /** SysV key, or 0. */
    long key;
    long uid = -1;
    int mode;
    /** Size in bytes, or -1. */
    long size = -1;
    /** Messages (queues) or semaphores (sets), or -1. */
    long count = -1;
    /** Bytes queued (queues), or -1. */
    long bytes = -1;
    long creatorPid;
    /** Last users: SysV lspid/lrpid, lpid, sempid per semaphore. */
    final List<Long> lastPids = new ArrayList<>();
    /** Attach count (SysV shm) or -1. */
    long attached = -1;
    /** Processes that have it open or mapped (file-like objects). */
    Set<Long> openBy = Set.of();
    /** Waiters (semaphores), or 0. */
    long waiters;
    /** For files jipc created: the scheme that created it and the file type. */
    String scheme;
    String fileType;
    /** How {@code jipc rm}/{@code stat} address it. */
    String address;
    boolean orphan;
    /** Why it is or is not an orphan, in words. */
    String why;

    /**
     * The object a backend described, judged: an orphan when the backend knows it is unused, or
     * when the backend cannot tell and no process has it open or mapped ({@code procs}).
     */
    static IpcObject of(ObjectInfo info, Procs procs) {
        IpcObject o = new IpcObject();
        o.info = info;
        o.kind = Kind.of(info.kind());
        o.name = info.name();
        o.address = info.path() != null ? info.path() : info.uri();
        Map<String, Object> d = info.details();
        o.id = number(d.get("id"), -1);
        o.key = number(d.get("key"), 0);
        o.uid = info.ownerUid();
        o.mode = Math.max(info.mode(), 0);
        o.size = info.size();
        o.count = number(d.containsKey("messages") ? d.get("messages") : d.get("semaphores"), -1);
        o.bytes = number(d.get("bytes"), -1);
        o.waiters = number(d.get("waiters"), 0);
        o.attached = number(d.get("attached"), -1);
        o.creatorPid = info.creatorPid();
        o.lastPids.addAll(info.lastPids());
        if (o.kind == Kind.FILE) {
            o.scheme = info.scheme();
            o.fileType = String.valueOf(d.getOrDefault("type", "other"));
        }
        switch (info.usage()) {
            case IN_USE:
                o.why = info.why();
                break;
            case UNUSED:
                o.orphan = true;
                o.why = info.why();
                break;
            default:
                o.openBy = procs.usersOfFile(java.nio.file.Path.of(info.path() != null ? info.path() : info.name()));
                if (d.get("fd name") != null) {
                    o.openBy.addAll(procs.users(String.valueOf(d.get("fd name"))));
                }
                if (!o.openBy.isEmpty()) {
                    o.why = "open or mapped by " + o.openBy;
                } else if (procs.incomplete()) {
                    o.why = "unknown: not every process could be inspected";
                } else {
                    o.orphan = true;
                    o.why = "nobody has it open or mapped (" + info.why() + ")";
                }
        }
        return o;
    }

    private static long number(Object v, long unknown) {
        return v instanceof Number ? ((Number) v).longValue() : unknown;
    }

    /** Is {@code pid} this object's creator or one of its last users? */
    boolean involves(long pid) {
        return pid > 0 && (creatorPid == pid || lastPids.contains(pid) || openBy.contains(pid));
    }

    String pidText(long pid) {
        if (pid <= 0) {
            return "-";
        }
        return pid + (Procs.alive(pid) ? "" : " (dead)");
    }

    String lastPidsText() {
        if (lastPids.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (long p : lastPids) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(pidText(p));
        }
        return sb.toString();
    }

    String modeText() {
        return String.format("%04o", mode);
    }

    String owner() {
        return uid < 0 ? "-" : Procs.user(uid);
    }

    /** The object as readable name/value pairs (for {@code jipc stat}). */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.label);
        if (id >= 0) {
            m.put("key", name);
            m.put("id", id);
        } else {
            m.put("path", name);
        }
        if (scheme != null) {
            m.put("created by scheme", scheme + " (" + fileType + ")");
        }
        m.put("owner", owner() + " (uid " + uid + ")");
        m.put("mode", modeText());
        if (size >= 0) {
            m.put("size", size + " bytes");
        }
        if (count >= 0) {
            m.put(kind == Kind.SYSV_SEM ? "semaphores" : "messages", count);
        }
        if (bytes >= 0) {
            m.put("bytes queued", bytes);
        }
        if (creatorPid > 0) {
            m.put("creator pid", pidText(creatorPid));
        }
        if (kind == Kind.SYSV_QUEUE) {
            m.put("last sender pid", pidText(lastPids.get(0)));
            m.put("last receiver pid", pidText(lastPids.get(1)));
        } else if (!lastPids.isEmpty()) {
            m.put(kind == Kind.SYSV_SEM ? "last semop pids" : "last pid", lastPidsText());
        }
        if (kind == Kind.SYSV_SEM) {
            m.put("waiters", waiters);
        }
        if (attached >= 0) {
            m.put("attached", attached);
        }
        if (!openBy.isEmpty()) {
            m.put("open by", openBy.toString());
        }
        m.put("orphan", (orphan ? "yes: " : "no: ") + why);
        return m;
    }

    /** The object as JSON-ready pairs. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("name", name);
        if (id >= 0) {
            m.put("id", id);
            m.put("key", String.format("0x%08x", key));
        }
        if (scheme != null) {
            m.put("scheme", scheme);
        }
        if (fileType != null) {
            m.put("type", fileType);
        }
        m.put("owner", owner());
        m.put("uid", uid);
        m.put("mode", modeText());
        if (size >= 0) {
            m.put("size", size);
        }
        if (count >= 0) {
            m.put(kind == Kind.SYSV_SEM ? "semaphores" : "messages", count);
        }
        if (bytes >= 0) {
            m.put("bytes", bytes);
        }
        if (creatorPid > 0) {
            m.put("creatorPid", creatorPid);
            m.put("creatorAlive", Procs.alive(creatorPid));
        }
        List<Object> last = new ArrayList<>();
        for (long p : lastPids) {
            if (p <= 0) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pid", p);
            e.put("alive", Procs.alive(p));
            last.add(e);
        }
        m.put("lastPids", last);
        if (attached >= 0) {
            m.put("attached", attached);
        }
        m.put("openBy", new ArrayList<>(openBy));
        m.put("address", address);
        m.put("orphan", orphan);
        m.put("why", why);
        return m;
    }
}
