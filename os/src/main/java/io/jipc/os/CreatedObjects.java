package io.jipc.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of file-system objects jipc created (lock files, FIFOs, socket files, mapped files),
 * so that {@code jipc ls} can list them and {@code jipc rm --orphans} can find them after a crash:
 * kernel-side objects are listed from {@code /proc}, these are not.
 *
 * <p>One line per object, {@code scheme<TAB>path<TAB>creator pid}, in
 * {@code $XDG_RUNTIME_DIR/jipc/objects} (or {@code /tmp/jipc-<uid>/objects}). Every update is made
 * under an exclusive {@code flock} of a sibling lock file and written atomically (temporary file
 * + {@code rename}), so concurrent processes never corrupt it. Failures to update the registry
 * never fail the IPC operation: it is an inventory aid, not a source of truth (entries whose path
 * no longer exists are dropped when listed).
 *
 * <p>Only what jipc created may be recorded: {@code jipc rm --orphans} deletes what is listed here
 * when its creator is dead. Code that merely inspects objects (the CLI's {@code stat}, {@code rm},
 * {@code ls}) runs inside {@link #notRecording}, where {@link #record} does nothing, so that opening
 * a user's file never makes it look like jipc's.
 */
public final class CreatedObjects {
    /** One registered object. */
    public record Entry(String scheme, String path, long creatorPid) {
    }

    private static final ThreadLocal<int[]> NOT_RECORDING = ThreadLocal.withInitial(() -> new int[1]);

    private CreatedObjects() {
    }

    /**
     * Runs {@code action} in this thread with recording switched off: whatever it opens is never
     * registered as created by jipc (for inspection, which must never make an object reapable).
     *
     * @param <T> what the action returns
     * @param action the code to run
     * @return what {@code action} returned
     */
    public static <T> T notRecording(java.util.function.Supplier<T> action) {
        int[] depth = NOT_RECORDING.get();
        depth[0]++;
        try {
            return action.get();
        } finally {
            depth[0]--;
        }
    }

    /** {@return whether recording is switched off in this thread (inside {@link #notRecording})} */
    public static boolean recordingSuspended() {
        return NOT_RECORDING.get()[0] > 0;
    }

    /** {@return the registry file (overridable with the system property {@code jipc.registry}, for tests)} */
    public static Path file() {
        String override = System.getProperty("jipc.registry");
        if (override != null) {
            return Path.of(override);
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "jipc")
                : Path.of(System.getProperty("java.io.tmpdir"), "jipc-" + Native.posix().getuid());
        return dir.resolve("objects");
    }

    /**
     * Records that this process created {@code path} for {@code scheme}. Call it only after this
     * process actually created the object; it does nothing inside {@link #notRecording}.
     *
     * @param scheme the URI scheme of the object ({@code "fifo"}, {@code "file"}...)
     * @param path the object's path in the file system
     */
    public static void record(String scheme, Path path) {
        if (recordingSuspended()) {
            return;
        }
        update(m -> m.put(path.toAbsolutePath().toString(),
                new Entry(scheme, path.toAbsolutePath().toString(), ProcessHandle.current().pid())));
    }

    /**
     * Forgets an object after it was removed.
     *
     * @param path the path given to {@link #record}
     */
    public static void forget(Path path) {
        update(m -> m.remove(path.toAbsolutePath().toString()));
    }

    /** {@return the registered objects whose path still exists} */
    public static List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : read(file()).values()) {
            if (Files.exists(Path.of(e.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(e);
            }
        }
        return out;
    }

    private interface Change {
        void apply(Map<String, Entry> entries);
    }

    // synchronized: FileChannel.lock() excludes other processes only; a second thread of this JVM
    // would get OverlappingFileLockException (and both would write the same temporary file).
    private static synchronized void update(Change change) {
        Path f = file();
        try {
            Files.createDirectories(f.getParent());
            Path lock = f.resolveSibling("objects.lock");
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, Entry> m = read(f);
                m.values().removeIf(e -> !Files.exists(Path.of(e.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS));
                change.apply(m);
                Path tmp = f.resolveSibling("objects." + ProcessHandle.current().pid() + ".tmp");
                StringBuilder sb = new StringBuilder();
                for (Entry e : m.values()) {
                    sb.append(e.scheme()).append('\t').append(e.path()).append('\t').append(e.creatorPid()).append('\n');
                }
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An inventory aid only: never fail the IPC operation because of it.
        }
    }

    private static Map<String, Entry> read(Path f) {
        Map<String, Entry> m = new LinkedHashMap<>();
        try {
            if (!Files.exists(f)) {
                return m;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] p = line.split("\t");
                if (p.length == 3) {
                    try {
                        m.put(p[1], new Entry(p[0], p[1], Long.parseLong(p[2])));
                    } catch (NumberFormatException ignored) {
                        // skip a damaged line
                    }
                }
            }
        } catch (IOException e) {
            // unreadable: treat as empty
        }
        return m;
    }
}
