package io.jipc.testkit;

import io.jipc.os.CreatedObjects;
import io.jipc.os.Native;
import io.jipc.os.Spawner;
import io.jipc.os.SysvInspect;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * JUnit 5 extension that fails a test class which leaves IPC objects behind: System V queues,
 * semaphore sets and segments created during the class (from {@code /proc/sysvipc}), {@code /dev/shm}
 * entries and POSIX queues named with this JVM's {@link TestNames#prefix()}, and files left in
 * {@link TestNames#dir()} (lock files, FIFOs, sockets, ftok files) or in jipc's registry of created
 * objects. After reporting, it removes exactly the leaked objects it found (by id or name), so one
 * failing class does not pollute the machine.
 *
 * <p>Attribution of SysV objects, so that concurrent test runs of other projects (or other
 * modules) are never reported nor touched: only objects created during the class count, and of
 * those a segment is this run's if its creator pid is this JVM or one of the children it spawned
 * ({@code /proc/sysvipc/shm}); a queue if its last sender or receiver is ({@code /proc/sysvipc/msg});
 * a semaphore set if the last {@code semop} on one of its semaphores was
 * ({@code semctl(GETPID)}). A queue or set that nobody ever operated on carries no pid and cannot
 * be attributed: it is not reported.
 *
 * <p>It is registered for every test class of a module that has the test kit on its test class
 * path (JUnit's extension auto-detection, switched on in the parent pom's Surefire
 * configuration, with {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 *
 * <p>POSIX queues are listed from {@code /dev/mqueue}; when it is not mounted and the tests run
 * as root, the guard mounts the {@code mqueue} file system there first (as {@code jipc ls} does).
 */
public final class LeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakGuard.class);
    private static final Path MQUEUE = Path.of("/dev/mqueue");

    /** A SysV object seen in {@code /proc/sysvipc}. */
    record SysvObject(String kind, String id, String key, int pidA, int pidB, int nsems) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureMqueueMounted();
        context.getStore(NS).put("sysv", ids(sysvObjects()));
        context.getStore(NS).put("dir", listNames(TestNames.dir()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        Set<String> before = context.getStore(NS).get("sysv", Set.class);
        @SuppressWarnings("unchecked")
        Set<String> dirBefore = context.getStore(NS).get("dir", Set.class);
        List<String> leaks = new ArrayList<>();
        List<Runnable> cleanups = new ArrayList<>();
        Set<Integer> family = new HashSet<>(Spawner.spawnedPids());
        family.add((int) ProcessHandle.current().pid());
        for (SysvObject o : sysvObjects()) {
            if (before != null && before.contains(o.kind() + ":" + o.id())) {
                continue;
            }
            boolean ours;
            switch (o.kind()) {
                case "shm": ours = family.contains(o.pidA()); break;
                case "msg": ours = family.contains(o.pidA()) || family.contains(o.pidB()); break;
                default: ours = semaphoreTouchedBy(o, family);
            }
            if (ours) {
                leaks.add("SysV " + o.kind() + " id " + o.id() + " key " + o.key());
                String flag = o.kind().equals("msg") ? "-q" : o.kind().equals("sem") ? "-s" : "-m";
                cleanups.add(() -> run("ipcrm", flag, o.id()));
            }
        }
        String prefix = TestNames.prefix();
        for (Path dir : List.of(Path.of("/dev/shm"), MQUEUE)) {
            for (String name : listNames(dir)) {
                if (name.contains(prefix)) {
                    leaks.add(dir + "/" + name);
                    cleanups.add(() -> delete(dir.resolve(name)));
                }
            }
        }
        for (String name : listNames(TestNames.dir())) {
            if (dirBefore == null || !dirBefore.contains(name)) {
                leaks.add(TestNames.dir() + "/" + name);
                cleanups.add(() -> delete(TestNames.dir().resolve(name)));
            }
        }
        for (CreatedObjects.Entry e : CreatedObjects.list()) {
            if (e.path().contains(prefix) && !leaks.contains(e.path())
                    && !e.path().startsWith(TestNames.dir().toString())) {
                leaks.add(e.scheme() + " " + e.path());
                cleanups.add(() -> delete(Path.of(e.path())));
            }
        }
        if (!leaks.isEmpty()) {
            cleanups.forEach(Runnable::run);
            throw new AssertionError(context.getDisplayName() + " leaked " + leaks.size()
                    + " IPC object(s) (now removed by the leak guard): " + String.join("; ", leaks));
        }
    }

    private static boolean semaphoreTouchedBy(SysvObject set, Set<Integer> family) {
        int id;
        try {
            id = Integer.parseInt(set.id());
        } catch (NumberFormatException e) {
            return false;
        }
        for (int i = 0; i < set.nsems(); i++) {
            if (family.contains(SysvInspect.semQuery(id, i, io.jipc.os.SysvIpc.GETPID))) {
                return true;
            }
        }
        return false;
    }

    /** The SysV objects present now. */
    static List<SysvObject> sysvObjects() {
        List<SysvObject> out = new ArrayList<>();
        read("/proc/sysvipc/msg", "msg", 1, 5, 6, out);
        read("/proc/sysvipc/sem", "sem", 1, -1, -1, out);
        read("/proc/sysvipc/shm", "shm", 1, 4, 5, out);
        return out;
    }

    private static void read(String file, String kind, int idCol, int pidACol, int pidBCol, List<SysvObject> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return;
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length <= Math.max(idCol, Math.max(pidACol, pidBCol))) {
                continue;
            }
            out.add(new SysvObject(kind, f[idCol], f[0], pidACol < 0 ? 0 : parse(f[pidACol]),
                    pidBCol < 0 ? 0 : parse(f[pidBCol]), kind.equals("sem") ? parse(f[3]) : 0));
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Set<String> ids(List<SysvObject> objects) {
        Set<String> s = new HashSet<>();
        for (SysvObject o : objects) {
            s.add(o.kind() + ":" + o.id());
        }
        return s;
    }

    private static Set<String> listNames(Path dir) {
        Set<String> s = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return s;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> s.add(p.getFileName().toString()));
        } catch (IOException ignored) {
            // unreadable: nothing to report
        }
        return s;
    }

    /** Mounts the mqueue file system at /dev/mqueue when missing and running as root. */
    static synchronized void ensureMqueueMounted() {
        if (isMounted(MQUEUE) || Native.posix().getuid() != 0) {
            return;
        }
        try {
            Files.createDirectories(MQUEUE);
        } catch (IOException e) {
            return;
        }
        run("mount", "-t", "mqueue", "none", MQUEUE.toString());
    }

    /** Is {@code dir} a mount point (listed in /proc/self/mounts)? */
    static boolean isMounted(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 1 && f[1].equals(dir.toString())) {
                    return true;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return false;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // reported already
        }
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            // reported already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
