package io.jipc.testkit;

import io.jipc.api.Ipc;
import io.jipc.os.Spawner;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
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
 * JUnit 5 extension that fails a test class which leaves IPC objects behind: every object that a
 * backend lists ({@link Backend#objects()}) and that appeared during the class and belongs to this
 * run, and every file left in {@link TestNames#dir()}. After reporting, it removes exactly the
 * leaked objects it found (through their backend's {@link Backend#remove(ObjectInfo)}), so one
 * failing class does not pollute the machine.
 *
 * <p>Attribution, so that concurrent test runs of other projects (or other modules) are never
 * reported nor touched: only objects that appeared during the class count, and of those an object
 * with a path is this run's when its path carries this JVM's {@link TestNames#prefix()}; one
 * without (a System V object) when its creator or one of the last users its kernel records (last
 * sender or receiver, last {@code semop}, last attach) is this JVM or one of the children it
 * spawned. A queue or set that nobody ever operated on carries no pid and cannot be attributed: it
 * is not reported.
 *
 * <p>It is registered for every test class of a module that has the test kit on its test class
 * path (JUnit's extension auto-detection, switched on in the parent pom's Surefire
 * configuration, with {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 * It sees the objects of the backends on the test class path.
 */
public final class LeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakGuard.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("objects", identities());
        context.getStore(NS).put("dir", listNames(TestNames.dir()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        Set<String> before = context.getStore(NS).get("objects", Set.class);
        @SuppressWarnings("unchecked")
        Set<String> dirBefore = context.getStore(NS).get("dir", Set.class);
        List<String> leaks = new ArrayList<>();
        List<Runnable> cleanups = new ArrayList<>();
        Set<Long> family = new HashSet<>();
        Spawner.spawnedPids().forEach(p -> family.add((long) p));
        family.add(ProcessHandle.current().pid());
        String prefix = TestNames.prefix();
        String dir = TestNames.dir().toString();
        for (Backend b : Ipc.backends()) {
            for (ObjectInfo o : b.objects()) {
                if ((before != null && before.contains(identity(o))) || (o.path() != null && o.path().startsWith(dir + "/"))) {
                    continue;
                }
                boolean ours = o.path() != null ? o.path().contains(prefix)
                        : family.stream().anyMatch(o::involves);
                if (ours && !leaks.contains(o.label() + " " + o.name())) {
                    leaks.add(o.label() + " " + o.name());
                    cleanups.add(() -> removeQuietly(b, o));
                }
            }
        }
        for (String name : listNames(TestNames.dir())) {
            if (dirBefore == null || !dirBefore.contains(name)) {
                leaks.add(TestNames.dir() + "/" + name);
                cleanups.add(() -> delete(TestNames.dir().resolve(name)));
            }
        }
        if (!leaks.isEmpty()) {
            cleanups.forEach(Runnable::run);
            throw new AssertionError(context.getDisplayName() + " leaked " + leaks.size()
                    + " IPC object(s) (now removed by the leak guard): " + String.join("; ", leaks));
        }
    }

    /** What names one object across two listings. */
    private static String identity(ObjectInfo o) {
        return o.scheme() + " " + o.kind() + " " + o.uri() + " " + o.name();
    }

    /** The identities of every object the backends list now. */
    static Set<String> identities() {
        Set<String> s = new HashSet<>();
        for (Backend b : Ipc.backends()) {
            b.objects().forEach(o -> s.add(identity(o)));
        }
        return s;
    }

    private static void removeQuietly(Backend b, ObjectInfo o) {
        try {
            b.remove(o);
        } catch (RuntimeException e) {
            // reported already; gone or not ours to remove
        }
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

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // reported already
        }
    }
}
