package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A lock as the mutex benchmarks see it: a jipc {@link Mutex} ({@code jipc|URI}) or the JDK's
 * {@code FileChannel.lock} ({@code jdkfile|PATH}, what a Java engineer would use instead of the
 * file-lock backends).
 */
public abstract class Locker implements AutoCloseable {
    /** Every mutex mechanism of the suite. */
    public static final String[] ALL = {"sysv", "posix", "fcntl", "ofd", "flock", "lockfile", "linklock", "robust",
        "zookeeper", "jdk-filelock"};

    /** Acquires. */
    public abstract void lock();

    /** Releases. */
    public abstract void unlock();

    /** Removes the object (creator side). */
    public abstract void remove();

    @Override
    public abstract void close();

    /** The jipc scheme of a mechanism name, {@code null} for the JDK peer. */
    public static String scheme(String mech) {
        return mech.equals("jdk-filelock") ? null : mech;
    }

    /** Why {@code mech} cannot run here, or {@code null}. */
    public static String unavailable(String mech) {
        String s = scheme(mech);
        if (s != null && Ipc.backend(s) == null) {
            return "skipped: backend '" + s + "' not installed";
        }
        return null;
    }

    /** The specs [creator, peer] of a fresh lock of mechanism {@code mech}. */
    public static String[] specs(String mech, Path dir) {
        String name = BenchSupport.unique("lock");
        switch (mech) {
            case "sysv": {
                String key = BenchSupport.randomKey();
                return new String[] {"jipc|sysv:?key=" + key + "&open=create", "jipc|sysv:?key=" + key + "&open=open"};
            }
            case "posix":
            case "robust":
                return new String[] {"jipc|" + mech + ":/" + name + "?open=create", "jipc|" + mech + ":/" + name + "?open=open"};
            case "zookeeper": {
                String u = "zookeeper:/jipc-bench/" + name + "?connect=" + BenchZooKeeper.connect() + "&session-timeout=10s";
                return new String[] {"jipc|" + u + "&open=create", "jipc|" + u + "&open=open"};
            }
            case "jdk-filelock": {
                String p = "jdkfile|" + dir.resolve(name);
                return new String[] {p, p};
            }
            default: {
                // file locks: open-or-create on both sides (a lock file must not exist while free)
                String u = "jipc|" + mech + ":" + dir.resolve(name);
                return new String[] {u, u};
            }
        }
    }

    /** Opens the lock named by {@code spec}. */
    public static Locker open(String spec) {
        int bar = spec.indexOf('|');
        String kind = spec.substring(0, bar);
        String rest = spec.substring(bar + 1);
        if (kind.equals("jipc")) {
            Mutex m = Ipc.mutex(rest);
            return new Locker() {
                @Override
                public void lock() {
                    m.lock();
                }

                @Override
                public void unlock() {
                    m.unlock();
                }

                @Override
                public void remove() {
                    m.remove();
                }

                @Override
                public void close() {
                    m.close();
                }
            };
        }
        if (kind.equals("jdkfile")) {
            return new JdkFileLocker(Path.of(rest));
        }
        throw new IllegalArgumentException("unknown lock spec " + spec);
    }

    /** {@code FileChannel.lock()} on a file (one holder per JVM; process-wide fcntl lock underneath). */
    static final class JdkFileLocker extends Locker {
        private final Path path;
        private final FileChannel fc;
        private FileLock held;

        JdkFileLocker(Path path) {
            this.path = path;
            try {
                fc = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("open " + path, e);
            }
        }

        @Override
        public void lock() {
            try {
                held = fc.lock();
            } catch (IOException e) {
                throw new UncheckedIOException("lock " + path, e);
            }
        }

        @Override
        public void unlock() {
            try {
                held.release();
            } catch (IOException e) {
                throw new UncheckedIOException("unlock " + path, e);
            }
            held = null;
        }

        @Override
        public void remove() {
            BenchSupport.deleteQuietly(path);
        }

        @Override
        public void close() {
            try {
                fc.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
