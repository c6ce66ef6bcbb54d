package io.jipc.cli;

import io.jipc.os.CreatedObjects;
import io.jipc.os.SysvInspect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inventory behind {@code jipc ls}: every SysV queue, semaphore set and segment
 * ({@code /proc/sysvipc/*}), every {@code /dev/shm} entry, every POSIX queue ({@code /dev/mqueue})
 * every file jipc registered ({@link CreatedObjects}) and every directory of a media driver that
 * jipc's {@code aeron:} scheme embedded ({@code /dev/shm/aeron-jipc-PID-N}), each with its owner, pids and whether
 * it is an orphan.
 *
 * <p>An <em>orphan</em> is an object whose creator and last users are all dead and that nobody has
 * attached or open. What the kernel records differs by kind: a SysV queue keeps only its last
 * sender and receiver (no creator), a semaphore set the last {@code semop} pid per semaphore, a
 * segment its creator, last attach/detach pid and attach count; a {@code /dev/shm} file or POSIX
 * queue records no pid at all, so there "nobody has it open or mapped" decides.
 */
final class Inventory {
    static final Path SYSV_MSG = Path.of("/proc/sysvipc/msg");
    static final Path SYSV_SEM = Path.of("/proc/sysvipc/sem");
    static final Path SYSV_SHM = Path.of("/proc/sysvipc/shm");
    static final Path DEV_SHM = Path.of("/dev/shm");
    static final Path DEV_MQUEUE = Path.of("/dev/mqueue");
    /** {@code SHM_DEST}: the segment was removed and goes at its last detach. */
    static final int SHM_DEST = 01000;

    final List<IpcObject> objects = new ArrayList<>();
    /** Notes for the user (e.g. how to mount {@code /dev/mqueue}). */
    final List<String> notes = new ArrayList<>();
    private final Procs procs;

    private Inventory(Procs procs) {
        this.procs = procs;
    }

    /** Takes the inventory now ({@code mountMqueue}: mount {@code /dev/mqueue} if missing and root). */
    static Inventory take(boolean mountMqueue) {
        Inventory inv = new Inventory(Procs.scan());
        inv.sysvQueues();
        inv.sysvSems();
        inv.sysvSegments();
        inv.devShm();
        inv.mqueues(mountMqueue);
        inv.registry();
        inv.aeronDrivers();
        if (inv.procs.incomplete()) {
            inv.notes.add("Some processes could not be inspected (not root): objects they may hold open are not marked as orphans.");
        }
        if (!inv.procs.incomplete() && !inv.procs.mapsDenied().isEmpty()) {
            inv.notes.add("The memory mappings of process(es) " + inv.procs.mapsDenied() + " are unreadable: a /dev/shm file only they map would look unused.");
        }
        return inv;
    }

    /** Only the System V tables (no process scan): for owner checks. */
    static Inventory sysvOnly() {
        Inventory inv = new Inventory(null);
        inv.sysvQueues();
        inv.sysvSems();
        inv.sysvSegments();
        return inv;
    }

    static long euid() {
        return io.jipc.os.Proc.euid();
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

    private static long l(String s) {
        return Long.parseLong(s);
    }

    private boolean anyAlive(List<Long> pids) {
        for (long p : pids) {
            if (Procs.alive(p)) {
                return true;
            }
        }
        return false;
    }

    private void sysvQueues() {
        for (String[] f : rows(SYSV_MSG)) {
            IpcObject o = new IpcObject();
            o.kind = IpcObject.Kind.SYSV_QUEUE;
            o.key = l(f[0]) & 0xffffffffL;
            o.id = l(f[1]);
            o.mode = Integer.parseInt(f[2], 8);
            o.bytes = l(f[3]);
            o.count = l(f[4]);
            o.lastPids.add(l(f[5]));
            o.lastPids.add(l(f[6]));
            o.uid = l(f[7]);
            o.name = String.format("0x%08x", o.key);
            o.address = "sysv:?id=" + o.id;
            boolean used = anyAlive(o.lastPids);
            o.orphan = !used;
            o.why = used ? "last sender or receiver alive"
                    : "no live last sender/receiver (a queue records no creator)";
            objects.add(o);
        }
    }

    private void sysvSems() {
        for (String[] f : rows(SYSV_SEM)) {
            IpcObject o = new IpcObject();
            o.kind = IpcObject.Kind.SYSV_SEM;
            o.key = l(f[0]) & 0xffffffffL;
            o.id = l(f[1]);
            o.mode = Integer.parseInt(f[2], 8);
            o.count = l(f[3]);
            o.uid = l(f[4]);
            o.name = String.format("0x%08x", o.key);
            o.address = "sysv:?id=" + o.id;
            boolean known = true;
            int n = (int) Math.min(o.count, 64);
            for (int i = 0; i < n; i++) {
                int pid = SysvInspect.semQuery((int) o.id, i, io.jipc.os.SysvIpc.GETPID);
                int ncnt = SysvInspect.semQuery((int) o.id, i, io.jipc.os.SysvIpc.GETNCNT);
                int zcnt = SysvInspect.semQuery((int) o.id, i, io.jipc.os.SysvIpc.GETZCNT);
                if (pid < 0 || ncnt < 0 || zcnt < 0) {
                    known = false;
                    break;
                }
                if (pid > 0 && !o.lastPids.contains((long) pid)) {
                    o.lastPids.add((long) pid);
                }
                o.waiters += ncnt + zcnt;
            }
            if (!known) {
                o.orphan = false;
                o.why = "cannot inspect (semctl refused)";
            } else if (anyAlive(o.lastPids)) {
                o.why = "last semop process alive";
            } else if (o.waiters > 0) {
                o.why = o.waiters + " process(es) waiting";
            } else {
                o.orphan = true;
                o.why = "no live last user, nobody waiting (a set records no creator)";
            }
            objects.add(o);
        }
    }

    private void sysvSegments() {
        for (String[] f : rows(SYSV_SHM)) {
            IpcObject o = new IpcObject();
            o.kind = IpcObject.Kind.SYSV_SHM;
            o.key = l(f[0]) & 0xffffffffL;
            o.id = l(f[1]);
            int perms = Integer.parseInt(f[2], 8);
            o.mode = perms & 0777;
            o.size = l(f[3]);
            o.creatorPid = l(f[4]);
            o.lastPids.add(l(f[5]));
            o.attached = l(f[6]);
            o.uid = l(f[7]);
            o.name = String.format("0x%08x", o.key);
            o.address = "sysv:?id=" + o.id;
            if ((perms & SHM_DEST) != 0) {
                o.why = "already removed; goes at its last detach";
            } else if (o.attached > 0) {
                o.why = o.attached + " attached";
            } else if (Procs.alive(o.creatorPid) || anyAlive(o.lastPids)) {
                o.why = "creator or last user alive";
            } else {
                o.orphan = true;
                o.why = "creator and last user dead, nothing attached";
            }
            objects.add(o);
        }
    }

    private void fileAttributes(IpcObject o, Path p) {
        try {
            o.uid = ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            o.mode = ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue() & 07777;
            o.size = Files.size(p);
        } catch (IOException | RuntimeException e) {
            // vanished meanwhile
        }
    }

    private void devShm() {
        if (!Files.isDirectory(DEV_SHM)) {
            notes.add("/dev/shm does not exist: POSIX shared memory and semaphores are unavailable here.");
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DEV_SHM)) {
            for (Path p : ds) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String n = p.getFileName().toString();
                IpcObject o = new IpcObject();
                boolean sem = n.startsWith("sem.");
                o.kind = sem ? IpcObject.Kind.POSIX_SEM : IpcObject.Kind.SHM_FILE;
                o.name = p.toString();
                o.address = p.toString();
                fileAttributes(o, p);
                o.openBy = procs.usersOfFile(p);
                judgeByUsers(o, "the kernel keeps no creator for /dev/shm files");
                objects.add(o);
            }
        } catch (IOException e) {
            notes.add("cannot list /dev/shm: " + e.getMessage());
        }
    }

    private void judgeByUsers(IpcObject o, String reason) {
        if (!o.openBy.isEmpty()) {
            o.why = "open or mapped by " + o.openBy;
        } else if (procs.incomplete()) {
            o.why = "unknown: not every process could be inspected";
        } else {
            o.orphan = true;
            o.why = "nobody has it open or mapped (" + reason + ")";
        }
    }

    static boolean mqueueMounted() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[1].equals(DEV_MQUEUE.toString()) && f[2].equals("mqueue")) {
                    return true;
                }
            }
        } catch (IOException e) {
            // assume not
        }
        return false;
    }

    /** Mounts the mqueue file system on /dev/mqueue (root only); null when done, else why not. */
    static String mountMqueue() {
        if (euid() != 0) {
            return "not root";
        }
        try {
            Files.createDirectories(DEV_MQUEUE);
            Process p = new ProcessBuilder("mount", "-t", "mqueue", "none", DEV_MQUEUE.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            int rc = p.waitFor();
            return rc == 0 && mqueueMounted() ? null : "mount failed (" + rc + "): " + out;
        } catch (IOException e) {
            return "mount failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void mqueues(boolean mount) {
        if (!mqueueMounted()) {
            String why = mount ? mountMqueue() : "not asked to mount it";
            if (why != null) {
                notes.add("POSIX queues are not listed: the mqueue file system is not mounted on /dev/mqueue ("
                        + why + "). As root: mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue");
                return;
            }
            notes.add("Mounted the mqueue file system on /dev/mqueue to list POSIX queues.");
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DEV_MQUEUE)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                IpcObject o = new IpcObject();
                o.kind = IpcObject.Kind.POSIX_MQ;
                o.name = p.toString();
                o.address = p.toString();
                fileAttributes(o, p);
                o.size = -1;
                try {
                    String info = Files.readString(p);
                    int q = info.indexOf("QSIZE:");
                    if (q >= 0) {
                        o.bytes = Long.parseLong(info.substring(q + 6).trim().split("\\s+")[0]);
                    }
                } catch (IOException | RuntimeException e) {
                    // leave unknown
                }
                o.openBy = procs.users("/" + n, p.toString());
                judgeByUsers(o, "the kernel keeps no creator for POSIX queues");
                objects.add(o);
            }
        } catch (IOException e) {
            notes.add("cannot list /dev/mqueue: " + e.getMessage());
        }
    }

    private static Set<String> boundSockets() {
        Set<String> s = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length >= 8 && f[7].startsWith("/")) {
                    s.add(f[7]);
                }
            }
        } catch (IOException e) {
            // none known
        }
        return s;
    }

    private void registry() {
        Set<String> bound = null;
        for (CreatedObjects.Entry e : CreatedObjects.list()) {
            Path p = Path.of(e.path());
            IpcObject o = new IpcObject();
            o.kind = IpcObject.Kind.FILE;
            o.name = e.path();
            o.address = e.path();
            o.scheme = e.scheme();
            o.creatorPid = e.creatorPid();
            fileAttributes(o, p);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                if (!lockFileOfJipc(e.scheme(), p)) {
                    continue; // not provably jipc's: never listed, never reaped
                }
                o.fileType = "file";
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                o.fileType = "directory";
            } else {
                try {
                    Object other = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                    int fmt = ((Number) other).intValue() & io.jipc.os.SysStat.S_IFMT;
                    o.fileType = fmt == io.jipc.os.SysStat.S_IFIFO ? "fifo" : fmt == io.jipc.os.SysStat.S_IFSOCK ? "socket" : "other";
                } catch (IOException | RuntimeException x) {
                    o.fileType = "other";
                }
            }
            if (!"file".equals(o.fileType)) {
                o.size = -1;
            }
            objects.removeIf(x -> x.kind != IpcObject.Kind.FILE && x.address.equals(e.path()));
            o.openBy = procs.usersOfFile(p);
            if ("socket".equals(o.fileType)) {
                if (bound == null) {
                    bound = boundSockets();
                }
                if (bound.contains(e.path())) {
                    o.openBy = new java.util.TreeSet<>(o.openBy);
                    o.why = "a socket is bound to it";
                }
            }
            if (o.why != null) {
                // decided above
            } else if (Procs.alive(o.creatorPid)) {
                o.why = "creator alive";
            } else {
                judgeByUsers(o, "creator dead");
            }
            objects.add(o);
        }
    }

    /**
     * The directories of the media drivers jipc's {@code aeron:} scheme embeds, found and judged by
     * the aeron module itself ({@code DriverConnection}): an orphan when the process named in the
     * directory is dead (a driver deletes its directory on a normal close; kill -9 leaves it).
     */
    private void aeronDrivers() {
        List<Path> dirs;
        try {
            dirs = io.jipc.aeron.internal.DriverConnection.driverDirectories();
        } catch (LinkageError e) {
            return; // the aeron module is not on the class path
        }
        for (Path p : dirs) {
            IpcObject o = new IpcObject();
            o.kind = IpcObject.Kind.AERON_DIR;
            o.name = p.toString();
            o.address = p.toString();
            o.creatorPid = io.jipc.aeron.internal.DriverConnection.ownerPid(p.getFileName().toString());
            fileAttributes(o, p);
            o.size = -1;
            o.openBy = procs.usersOfFile(p.resolve("cnc.dat"));
            if (io.jipc.aeron.internal.DriverConnection.ownerDead(p)) {
                o.orphan = true;
                o.why = "its driver's process " + o.creatorPid + " is dead (killed before it could delete its directory)";
            } else {
                o.why = "its driver's process " + o.creatorPid + " is alive";
            }
            objects.add(o);
        }
    }

    /** The first line of every lock file a {@code lockfile:}/{@code linklock:} holder writes. */
    static final String LOCK_MAGIC = "jipc-lock ";

    /**
     * A registered {@code lockfile:}/{@code linklock:} path counts as jipc's only while it holds a
     * jipc lock identity: such a path may also be a file of the user's that a lock URI merely
     * named, and what is listed here can be reaped. Other schemes' entries are kept as they are.
     */
    static boolean lockFileOfJipc(String scheme, Path p) {
        if (!scheme.equals("lockfile") && !scheme.equals("linklock")) {
            return true;
        }
        byte[] head = new byte[LOCK_MAGIC.length()];
        try (java.io.InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals(LOCK_MAGIC);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Keeps only objects matching a name filter or a pid filter (no filter: all). */
    void filter(List<String> names, List<Long> pids) {
        if ((names == null || names.isEmpty()) && (pids == null || pids.isEmpty())) {
            return;
        }
        objects.removeIf(o -> {
            if (names != null) {
                for (String n : names) {
                    if (o.name.contains(n) || o.address.contains(n)) {
                        return false;
                    }
                }
            }
            if (pids != null) {
                for (long p : pids) {
                    if (o.involves(p)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Keeps only the orphans. */
    void orphansOnly() {
        objects.removeIf(o -> !o.orphan);
    }
}
