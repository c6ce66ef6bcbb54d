package io.jipc.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code /proc} says about processes: whether a pid is alive (a zombie counts as dead), and
 * which processes have a given file open or mapped (one scan of {@code /proc/[pid]/fd} and
 * {@code /proc/[pid]/maps}, taken when the object is built).
 */
final class Procs {
    private final Map<String, Set<Long>> users = new HashMap<>();
    private boolean incomplete;
    private final Set<Long> mapsDenied = new TreeSet<>();

    private Procs() {
    }

    /** Scans every process's descriptors and mappings now. */
    static Procs scan() {
        Procs p = new Procs();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                p.scanFds(pid, d.resolve("fd"));
                p.scanMaps(pid, d.resolve("maps"));
            }
        } catch (IOException e) {
            p.incomplete = true;
        }
        return p;
    }

    private void scanFds(long pid, Path fdDir) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    add(Files.readSymbolicLink(fd).toString(), pid);
                } catch (IOException | UnsupportedOperationException e) {
                    // the descriptor was closed meanwhile
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            incomplete = true;
        } catch (IOException e) {
            // the process exited meanwhile
        }
    }

    private void scanMaps(long pid, Path maps) {
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash > 0) {
                    add(line.substring(slash), pid);
                }
                // address perms offset dev inode [path]: the inode finds a file mapped under another
                // name (glibc's sem_open maps a temporary file, then links it to sem.NAME)
                String[] f = line.split("\\s+", 7);
                if (f.length >= 5 && !f[4].equals("0")) {
                    String[] mm = f[3].split(":");
                    if (mm.length == 2) {
                        try {
                            add(inodeKey(Long.parseLong(mm[0], 16), Long.parseLong(mm[1], 16), Long.parseLong(f[4])), pid);
                        } catch (NumberFormatException e) {
                            // not a file mapping
                        }
                    }
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            mapsDenied.add(pid);
        } catch (IOException e) {
            // exited meanwhile
        }
    }

    private void add(String target, long pid) {
        String t = target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target;
        users.computeIfAbsent(t, k -> new TreeSet<>()).add(pid);
    }

    private static String inodeKey(long major, long minor, long inode) {
        return "inode " + major + ":" + minor + ":" + inode;
    }

    /** The pids that have the file {@code p} open or mapped, by path and by device and inode. */
    Set<Long> usersOfFile(java.nio.file.Path p) {
        Set<Long> s = users(p.toString());
        try {
            long dev = ((Number) Files.getAttribute(p, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS)).longValue();
            long ino = ((Number) Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS)).longValue();
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            s.addAll(users.getOrDefault(inodeKey(major, minor, ino), Set.of()));
        } catch (IOException | RuntimeException e) {
            // vanished meanwhile
        }
        return s;
    }

    /** The pids that have {@code path} open or mapped (possibly empty). */
    Set<Long> users(String... paths) {
        Set<Long> s = new TreeSet<>();
        for (String p : paths) {
            s.addAll(users.getOrDefault(p, Set.of()));
        }
        return s;
    }

    /** Could some processes not be inspected (not root)? Then "nobody has it open" is not certain. */
    boolean incomplete() {
        return incomplete;
    }

    /** Processes whose mappings could not be read (their descriptors could). */
    Set<Long> mapsDenied() {
        return mapsDenied;
    }

    /** Is {@code pid} a live process (not a zombie)? {@code pid <= 0} is "none": false. */
    static boolean alive(long pid) {
        return io.jipc.os.ProcStat.forThisThread().alive(pid);
    }

    /** A user name for {@code uid} from {@code /etc/passwd}, or the number. */
    static String user(long uid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(uid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Long.toString(uid);
    }
}
