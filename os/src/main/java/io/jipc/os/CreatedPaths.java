package io.jipc.os;

import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Primitive;
import io.jipc.spi.ObjectInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small persistent set of paths, each with the pid of the process that added it: the building
 * block a backend uses to remember the file-system objects it created at paths its users chose
 * (lock files, FIFOs, socket files, mapped files), so that it can list them after a crash. It
 * knows nothing of schemes or naming: each backend keeps its own set, in its own file, and
 * decides what goes in and what an entry means.
 *
 * <p>A set named {@code N} is the file {@code N.created} in {@link #dir()}, one line per path,
 * {@code path<TAB>creator pid}. Every update is made under an exclusive {@code flock} of a sibling
 * lock file and written atomically (temporary file + {@code rename}), so concurrent processes and
 * threads never corrupt it. Entries whose path no longer exists are dropped on every update and
 * never listed. A failure to update never fails the caller: a set is an inventory aid, not a
 * source of truth.
 */
public final class CreatedPaths {
    /**
     * One path of a set.
     *
     * @param path the absolute path
     * @param creatorPid the process that added it
     */
    public record Entry(Path path, long creatorPid) {
    }

    private final String name;

    private CreatedPaths(String name) {
        this.name = name;
    }

    /**
     * The set called {@code name} (a backend's own: its scheme, say).
     *
     * @param name a file-name-safe word
     * @return the set (nothing is read or created yet)
     */
    public static CreatedPaths named(String name) {
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a set name is one file-name word: '" + name + "'");
        }
        return new CreatedPaths(name);
    }

    /**
     * {@return the directory of every set: the system property {@code jipc.runtime.dir} (for
     * tests), else {@code $XDG_RUNTIME_DIR/jipc}, else {@code <java.io.tmpdir>/jipc-<uid>}}
     */
    public static Path dir() {
        String override = System.getProperty("jipc.runtime.dir");
        if (override != null) {
            return Path.of(override);
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime != null && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "jipc")
                : Path.of(System.getProperty("java.io.tmpdir"), "jipc-" + Proc.uid());
    }

    /** {@return this set's file} */
    public Path file() {
        return dir().resolve(name + ".created");
    }

    /**
     * Adds {@code path}, created by this process. Call it only after this process actually
     * created the object there.
     *
     * @param path the object's path
     */
    public void add(Path path) {
        String p = path.toAbsolutePath().toString();
        update(m -> m.put(p, new Entry(Path.of(p), ProcessHandle.current().pid())));
    }

    /**
     * Forgets {@code path} (after it was removed).
     *
     * @param path the path given to {@link #add}
     */
    public void remove(Path path) {
        update(m -> m.remove(path.toAbsolutePath().toString()));
    }

    /** {@return the entries whose path still exists} */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : read(file()).values()) {
            if (Files.exists(e.path(), LinkOption.NOFOLLOW_LINKS)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@return the entry of {@code path}, or null when the set does not hold it}
     *
     * @param path a path
     */
    public Entry find(Path path) {
        return read(file()).get(path.toAbsolutePath().toString());
    }

    /**
     * Describes the existing entries as objects of {@code scheme} that jipc created: in use while
     * their creator lives, else unused unless some process has them open.
     *
     * @param scheme the backend's scheme
     * @param primitive what the objects are
     * @param uriOf the URI that names the object at a path
     * @param keep which entries count (e.g. a lock file only while it holds a jipc identity)
     * @return the descriptions
     */
    public List<ObjectInfo> describe(String scheme, Primitive primitive, Function<Path, String> uriOf, Predicate<Path> keep) {
        List<ObjectInfo> out = new ArrayList<>();
        for (Entry e : list()) {
            if (!keep.test(e.path())) {
                continue;
            }
            boolean alive = ProcStat.forThisThread().alive(e.creatorPid());
            out.add(ObjectInfo.builder(scheme, uriOf.apply(e.path()), primitive, "file", "file created by jipc", e.path().toString())
                    .file(e.path()).creator(e.creatorPid(), alive).createdByJipc()
                    .usage(alive ? ObjectInfo.Usage.IN_USE : ObjectInfo.Usage.UNUSED_UNLESS_OPEN,
                            alive ? "creator alive" : "creator dead")
                    .build());
        }
        return out;
    }

    /**
     * Deletes the file (or empty directory) of an object this set holds, and forgets it.
     *
     * @param object a description whose path is in this set
     * @throws IpcNotFound when it is gone already
     * @throws IpcException when it cannot be deleted
     */
    public void delete(ObjectInfo object) {
        deleteFile(object);
        remove(Path.of(object.path()));
    }

    /**
     * Deletes the file (or empty directory) of an object: {@code unlink}, which for a POSIX
     * queue or shared memory is {@code mq_unlink} or {@code shm_unlink} (the name goes, open
     * handles keep working).
     *
     * @param object a description with a path
     * @throws IpcNotFound when it is gone already
     * @throws IpcException when it cannot be deleted
     */
    public static void deleteFile(ObjectInfo object) {
        Path p = Path.of(object.path());
        try {
            if (!Files.deleteIfExists(p)) {
                throw new IpcNotFound("remove", object.uri(), Errno.ENOENT, "ENOENT", p + " does not exist");
            }
        } catch (IOException e) {
            throw new IpcException("remove", object.uri(), IpcException.NO_ERRNO, null, "cannot remove " + p + ": " + e.getMessage(), e);
        }
    }

    private interface Change {
        void apply(Map<String, Entry> entries);
    }

    // synchronized: FileChannel.lock() excludes other processes only; a second thread of this JVM
    // would get OverlappingFileLockException (and both would write the same temporary file).
    private static synchronized void update(Path f, Change change) {
        try {
            Files.createDirectories(f.getParent());
            Path lock = f.resolveSibling(f.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, Entry> m = read(f);
                m.values().removeIf(e -> !Files.exists(e.path(), LinkOption.NOFOLLOW_LINKS));
                change.apply(m);
                Path tmp = f.resolveSibling(f.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                StringBuilder sb = new StringBuilder();
                for (Entry e : m.values()) {
                    sb.append(e.path()).append('\t').append(e.creatorPid()).append('\n');
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

    private void update(Change change) {
        update(file(), change);
    }

    private static Map<String, Entry> read(Path f) {
        Map<String, Entry> m = new LinkedHashMap<>();
        try {
            if (!Files.exists(f)) {
                return m;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    try {
                        m.put(line.substring(0, tab), new Entry(Path.of(line.substring(0, tab)), Long.parseLong(line.substring(tab + 1))));
                    } catch (RuntimeException ignored) {
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
