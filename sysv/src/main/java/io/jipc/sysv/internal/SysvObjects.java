package io.jipc.sysv.internal;

import io.jipc.api.IpcHandle;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.os.ProcStat;
import io.jipc.os.SysvInspect;
import io.jipc.os.SysvIpc;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.ObjectInfo.Usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The System V objects of this machine, from {@code /proc/sysvipc/{msg,sem,shm}}, described for
 * the {@code Backend} SPI. What the kernel records differs by kind: a queue keeps its last sender
 * and receiver (no creator), a semaphore set the last {@code semop} pid per semaphore, a segment
 * its creator, last attach/detach pid and attach count. An object is unused when none of the
 * processes it records is alive and nothing is attached or waiting.
 */
public final class SysvObjects {
    private static final Path MSG = Path.of("/proc/sysvipc/msg");
    private static final Path SEM = Path.of("/proc/sysvipc/sem");
    private static final Path SHM = Path.of("/proc/sysvipc/shm");
    /** {@code SHM_DEST}: the segment was removed and goes at its last detach. */
    private static final int SHM_DEST = 01000;
    /** Semaphores of a set inspected one by one, at most. */
    private static final int MAX_SEMS = 64;

    private SysvObjects() {
    }

    /** {@return every queue, semaphore set and segment} */
    public static List<ObjectInfo> all() {
        List<ObjectInfo> out = new ArrayList<>();
        rows(MSG).forEach(f -> out.add(queue(f)));
        rows(SEM).forEach(f -> out.add(semaphores(f)));
        rows(SHM).forEach(f -> out.add(segment(f)));
        return out;
    }

    /**
     * {@return the objects {@code uri} names ({@code id=}, {@code key=} or an ftok path), none when
     * its ftok file is missing}
     *
     * @param uri a {@code sysv:} URI
     * @param options the options any of the three primitives accepts
     */
    public static List<ObjectInfo> locate(IpcUri uri, Set<String> options) {
        SysvTarget t = SysvTarget.parse(uri, "sysv object", options);
        long id = t.kind() == SysvTarget.Kind.ID ? t.id() : -1;
        long key;
        if (t.kind() == SysvTarget.Kind.ID || t.kind() == SysvTarget.Kind.PRIVATE) {
            key = -1;
        } else {
            try {
                key = t.key("locate") & 0xffffffffL;
            } catch (IpcNotFound e) {
                return List.of();
            }
        }
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : all()) {
            if ((id >= 0 && id == (long) o.details().get("id")) || (key >= 0 && key == (long) o.details().get("key"))) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * Removes the object ({@code IPC_RMID}) through a handle opened on its identifier.
     *
     * @param o a description from {@link #all()}
     * @param opener opens {@code sysv:?id=N&open=open} as the object's primitive
     */
    public static void remove(ObjectInfo o, Function<String, IpcHandle> opener) {
        try (IpcHandle h = opener.apply("sysv:?id=" + o.details().get("id") + "&open=open")) {
            h.remove();
        }
    }

    private static ObjectInfo.Builder start(Primitive p, String kind, String label, String[] f, int modeBits) {
        long key = Long.parseLong(f[0]) & 0xffffffffL;
        long id = Long.parseLong(f[1]);
        String hex = String.format("0x%08x", key);
        return ObjectInfo.builder("sysv", "sysv:?id=" + id, p, kind, label, hex)
                .detail("id", id).detail("key", key)
                .owner(-1, Integer.parseInt(f[2], 8) & modeBits);
    }

    private static ObjectInfo queue(String[] f) {
        List<Long> last = List.of(Long.parseLong(f[5]), Long.parseLong(f[6]));
        boolean used = anyAlive(last);
        return start(Primitive.CHANNEL, "sysv-queue", "System V message queue", f, 07777)
                .owner(Long.parseLong(f[7]), Integer.parseInt(f[2], 8) & 07777)
                .detail("bytes", Long.parseLong(f[3])).detail("messages", Long.parseLong(f[4]))
                .lastPids(last)
                .usage(used ? Usage.IN_USE : Usage.UNUSED, used ? "last sender or receiver alive"
                        : "no live last sender/receiver (a queue records no creator)")
                .build();
    }

    private static ObjectInfo semaphores(String[] f) {
        int semid = Integer.parseInt(f[1]);
        long nsems = Long.parseLong(f[3]);
        List<Long> last = new ArrayList<>();
        long waiters = 0;
        boolean known = true;
        for (int i = 0; i < Math.min(nsems, MAX_SEMS); i++) {
            int pid = SysvInspect.semQuery(semid, i, SysvIpc.GETPID);
            int ncnt = SysvInspect.semQuery(semid, i, SysvIpc.GETNCNT);
            int zcnt = SysvInspect.semQuery(semid, i, SysvIpc.GETZCNT);
            if (pid < 0 || ncnt < 0 || zcnt < 0) {
                known = false;
                break;
            }
            if (pid > 0 && !last.contains((long) pid)) {
                last.add((long) pid);
            }
            waiters += ncnt + zcnt;
        }
        ObjectInfo.Builder b = start(Primitive.MUTEX, "sysv-sem", "System V semaphore set", f, 07777)
                .owner(Long.parseLong(f[4]), Integer.parseInt(f[2], 8) & 07777)
                .detail("semaphores", nsems).detail("waiters", waiters).lastPids(last);
        if (!known) {
            b.usage(Usage.IN_USE, "cannot inspect (semctl refused)");
        } else if (anyAlive(last)) {
            b.usage(Usage.IN_USE, "last semop process alive");
        } else if (waiters > 0) {
            b.usage(Usage.IN_USE, waiters + " process(es) waiting");
        } else {
            b.usage(Usage.UNUSED, "no live last user, nobody waiting (a set records no creator)");
        }
        return b.build();
    }

    private static ObjectInfo segment(String[] f) {
        int perms = Integer.parseInt(f[2], 8);
        long creator = Long.parseLong(f[4]);
        List<Long> last = List.of(Long.parseLong(f[5]));
        long attached = Long.parseLong(f[6]);
        ObjectInfo.Builder b = start(Primitive.REGION, "sysv-shm", "System V shared memory segment", f, 0777)
                .owner(Long.parseLong(f[7]), perms & 0777)
                .size(Long.parseLong(f[3])).creator(creator, ProcStat.forThisThread().alive(creator)).lastPids(last)
                .detail("attached", attached);
        if ((perms & SHM_DEST) != 0) {
            b.usage(Usage.IN_USE, "already removed; goes at its last detach");
        } else if (attached > 0) {
            b.usage(Usage.IN_USE, attached + " attached");
        } else if (ProcStat.forThisThread().alive(creator) || anyAlive(last)) {
            b.usage(Usage.IN_USE, "creator or last user alive");
        } else {
            b.usage(Usage.UNUSED, "creator and last user dead, nothing attached");
        }
        return b.build();
    }

    private static boolean anyAlive(List<Long> pids) {
        for (long p : pids) {
            if (ProcStat.forThisThread().alive(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String[]> rows(Path table) {
        List<String[]> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(table);
            for (int i = 1; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (!l.isEmpty()) {
                    out.add(l.split("\\s+"));
                }
            }
        } catch (IOException e) {
            // no SysV IPC in this kernel/namespace
        }
        return out;
    }
}
