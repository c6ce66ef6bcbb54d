package io.jipc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique names for the objects a test creates: {@code jipc-test-<pid>-<n>-<hint>}. The
 * {@link LeakGuard} recognises this run's objects by the {@code jipc-test-<pid>-} prefix.
 */
public final class TestNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();
    private static volatile Path dir;

    private TestNames() {
    }

    /** {@return the prefix every name of this JVM starts with} */
    public static String prefix() {
        return "jipc-test-" + PID + "-";
    }

    /**
     * A new name, unique in this JVM and across JVMs (it has the pid).
     *
     * @param hint a word that says what the name is for (may be empty or {@code null})
     * @return e.g. {@code jipc-test-4242-7-queue} for the hint {@code queue}
     */
    public static String unique(String hint) {
        return prefix() + COUNTER.incrementAndGet() + (hint == null || hint.isEmpty() ? "" : "-" + hint);
    }

    /**
     * A new POSIX IPC name (queue, semaphore, {@code shm_open}).
     *
     * @param hint a word that says what the name is for (may be empty or {@code null})
     * @return {@code "/" + unique(hint)}
     */
    public static String posixName(String hint) {
        return "/" + unique(hint);
    }

    /**
     * A private directory for this JVM's test files (lock files, ftok paths, FIFOs, sockets),
     * under {@code java.io.tmpdir}, named with the prefix; the {@link LeakGuard} checks it. The
     * directory itself is deleted when the JVM exits (if the tests left it empty, as they must).
     *
     * @return the directory, created on the first call
     */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory(prefix() + "dir-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> d.toFile().delete(), "jipc-test-dir-cleanup"));
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /**
     * A unique path in {@link #dir()}, not created.
     *
     * @param hint a word that says what the name is for (may be empty or {@code null})
     * @return the path
     */
    public static Path path(String hint) {
        return dir().resolve(unique(hint));
    }

    /**
     * A unique existing empty file in {@link #dir()} (for {@code ftok}).
     *
     * @param hint a word that says what the name is for (may be empty or {@code null})
     * @return the file's path; the test deletes it
     */
    public static Path file(String hint) {
        Path p = path(hint);
        try {
            Files.createFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
