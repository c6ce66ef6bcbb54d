package io.jipc.filelock;

import io.jipc.testkit.TestNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: the five schemes, fresh URIs, and the check that nothing is left behind. */
final class Schemes {
    static final List<String> ALL = List.of("fcntl", "ofd", "flock", "lockfile", "linklock");
    static final List<String> KERNEL = List.of("fcntl", "ofd", "flock");
    static final List<String> FILES = List.of("lockfile", "linklock");

    private Schemes() {
    }

    static boolean isLockFile(String scheme) {
        return FILES.contains(scheme);
    }

    /** A fresh lock path (not created). */
    static Path freshPath(String scheme) {
        return TestNames.path(scheme + ".lock");
    }

    /** The URI for {@code path}; lock files poll fast in tests. */
    static String uri(String scheme, Path path) {
        return scheme + ":" + path + (isLockFile(scheme) ? "?poll=5ms" : "");
    }

    /** Deletes the lock file and fails if anything else named after it (unique files) was left. */
    static void cleanUp(Path path) throws IOException {
        Files.deleteIfExists(path);
        String prefix = path.getFileName().toString();
        try (Stream<Path> s = Files.list(path.getParent())) {
            List<Path> left = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
            if (!left.isEmpty()) {
                throw new AssertionError("files left behind: " + left);
            }
        }
    }
}
