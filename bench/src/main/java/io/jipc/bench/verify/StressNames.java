package io.jipc.bench.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a run puts the objects it creates: names start with {@link #prefix()}, files (lock files,
 * FIFOs, sockets, result files) live in {@link #dir()}. The tests pass the test kit's names so that
 * its leak guard sees anything left; the CLI uses {@code jipc-stress-<pid>-} and a temporary
 * directory that it deletes at the end.
 */
public final class StressNames {
    private final String prefix;
    private final Path dir;
    private final boolean ownDir;
    private final AtomicInteger counter = new AtomicInteger();
    private volatile AutoCloseable onExit;

    /** Names with {@code prefix}, files in {@code dir} (which the caller owns). */
    public StressNames(String prefix, Path dir) {
        this.prefix = prefix;
        this.dir = dir;
        this.ownDir = false;
    }

    private StressNames(String prefix, Path dir, boolean own) {
        this.prefix = prefix;
        this.dir = dir;
        this.ownDir = own;
    }

    /** {@code jipc-stress-<pid>-} names and a fresh temporary directory, deleted by {@link #deleteDir()}. */
    public static StressNames temporary() {
        String prefix = "jipc-stress-" + ProcessHandle.current().pid() + "-";
        try {
            return new StressNames(prefix, Files.createTempDirectory(prefix + "dir-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("stress: cannot create a temporary directory", e);
        }
    }

    /** The prefix of every name. */
    public String prefix() {
        return prefix;
    }

    /** The directory of the run's files. */
    public Path dir() {
        return dir;
    }

    /** A new unique name ({@code prefix + n + "-" + hint}). */
    public String unique(String hint) {
        return prefix + counter.incrementAndGet() + "-" + hint;
    }

    /** A new unique path in {@link #dir()}. */
    public Path path(String hint) {
        return dir.resolve(unique(hint));
    }

    /** A random SysV key not 0 (a collision is handled by {@code open=create} and a retry). */
    static long randomKey() {
        return 0x10000000L + ThreadLocalRandom.current().nextLong(0x60000000L);
    }

    /**
     * Deletes the temporary directory if this object created it, with anything a stopped run left
     * in it (every file there is the run's own); a caller's directory is left alone.
     */
    public void deleteDir() {
        AutoCloseable r = onExit;
        if (r != null) {
            Cleanups.done(r);
        }
        if (ownDir && Files.isDirectory(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("jipc: could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Registers {@link #deleteDir()} with the shutdown hook of {@link Cleanups#onExit()}. */
    public void deleteDirOnExit() {
        if (ownDir && onExit == null) {
            onExit = new AutoCloseable() {
                @Override
                public void close() {
                    deleteDir();
                }

                @Override
                public String toString() {
                    return dir.toString();
                }
            };
            Cleanups.register(onExit);
        }
    }
}
