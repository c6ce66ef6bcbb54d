package io.jipc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sweep behind {@link Teardown#watchRun}: what existed when a run started, and, when it is
 * interrupted, the removal of what appeared since <em>and</em> provably belongs to one of its
 * processes (see {@link Teardown}). Never touches what existed before the run.
 */
final class RunSweep {
    private static final Pattern OUR_NAMES = Pattern.compile("jipc-(?:bench|demo|spawn)-(\\d+)-");

    private RunSweep() {
    }

    /** Removes what appeared since {@code before} was taken and provably belongs to a process in {@code pids}. */
    static int sweep(Set<String> before, Set<Long> pids, PrintStream err) {
        int n = 0;
        Inventory inv = Inventory.take();
        for (IpcObject o : inv.objects) {
            if (before.contains(Snapshot.identity(o)) || !belongs(o, pids)) {
                continue;
            }
            try {
                Targets.remove(o);
                n++;
            } catch (RuntimeException e) {
                err.println("jipc: could not remove " + o.kind.label + " " + o.address + ": " + e.getMessage());
            }
        }
        for (Path dir : Snapshot.tempDirs()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "jipc-*")) {
                for (Path p : ds) {
                    if (!before.contains(p.toString()) && ours(p.getFileName().toString(), pids)) {
                        deleteTree(p);
                        n++;
                    }
                }
            } catch (IOException e) {
                // nothing there
            }
        }
        return n;
    }

    /** Does {@code o} provably belong to a process of the run? */
    static boolean belongs(IpcObject o, Set<Long> pids) {
        switch (o.kind) {
            case SYSV_QUEUE:
            case SYSV_SEM: {
                boolean any = false;
                for (long p : o.lastPids) {
                    if (p != 0) {
                        if (!pids.contains(p)) {
                            return false;
                        }
                        any = true;
                    }
                }
                return any;
            }
            case SYSV_SHM:
                return pids.contains(o.creatorPid);
            case FILE:
                return pids.contains(o.creatorPid) || ours(Path.of(o.address).getFileName().toString(), pids);
            default:
                return ours(Path.of(o.address).getFileName().toString(), pids);
        }
    }

    /** Is {@code name} of the form {@code ...jipc-bench-PID-...} / {@code ...jipc-demo-PID-...} with PID a process of the run? */
    static boolean ours(String name, Set<Long> pids) {
        Matcher m = OUR_NAMES.matcher(name);
        while (m.find()) {
            try {
                if (pids.contains(Long.parseLong(m.group(1)))) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not a pid
            }
        }
        return false;
    }

    /** Deletes a file, or a directory and everything in it (symbolic links are removed, not followed). */
    static void deleteTree(Path p) {
        try {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(p);
                return;
            }
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: `jipc ls` shows what is left
        }
    }

    /** The identities of what exists now, cheaply (no process scan). */
    static Set<String> snapshot() {
        return Snapshot.take();
    }

    /** The identities of what exists, cheaply (no process scan). */
    static final class Snapshot {
        private Snapshot() {
        }

        static Set<String> take() {
            Set<String> s = ConcurrentHashMap.newKeySet();
            for (io.jipc.spi.Backend b : io.jipc.api.Ipc.backends()) {
                for (io.jipc.spi.ObjectInfo o : b.objects()) {
                    s.add(identity(o));
                }
            }
            for (Path d : tempDirs()) {
                list(s, d);
            }
            return s;
        }

        static String identity(IpcObject o) {
            return identity(o.info);
        }

        private static String identity(io.jipc.spi.ObjectInfo o) {
            return o.path() != null ? o.path() : o.kind() + ":" + o.uri();
        }

        static List<Path> tempDirs() {
            List<Path> l = new ArrayList<>();
            l.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            for (String d : new String[] {"/tmp", "/var/tmp"}) {
                if (!l.contains(Path.of(d))) {
                    l.add(Path.of(d));
                }
            }
            return l;
        }

        private static void list(Set<String> s, Path dir) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    s.add(p.toString());
                }
            } catch (IOException e) {
                // absent
            }
        }
    }
}
