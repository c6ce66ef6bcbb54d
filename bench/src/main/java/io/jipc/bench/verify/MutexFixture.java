package io.jipc.bench.verify;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One mutex scheme as the stress suite and the crash matrix use it: the URI children open, the
 * capabilities it declares, whether its object still exists, and its removal.
 */
final class MutexFixture implements AutoCloseable {
    /** The mutex schemes, in table order ({@code sysv-noundo} is {@code sysv:} with {@code undo=false}). */
    static final List<String> SCHEMES = List.of("sysv", "sysv-noundo", "posix", "fcntl", "ofd", "flock", "lockfile",
            "linklock", "robust");

    final String scheme;
    final String uri;
    private final Path file;
    private final Mutex handle;

    private MutexFixture(String scheme, String uri, Path file, Mutex handle) {
        this.scheme = scheme;
        this.uri = uri;
        this.file = file;
        this.handle = handle;
        Cleanups.register(this);
    }

    @Override
    public String toString() {
        return uri;
    }

    /** Creates the mutex of {@code scheme} (one of {@link #SCHEMES}). */
    static MutexFixture create(String scheme, StressNames names) {
        switch (scheme) {
            case "sysv", "sysv-noundo" -> {
                for (int attempt = 0; ; attempt++) {
                    String uri = "sysv:?key=0x" + Long.toHexString(StressNames.randomKey())
                            + (scheme.equals("sysv") ? "" : "&undo=false");
                    try {
                        return new MutexFixture(scheme, uri, null, Ipc.mutex(uri + "&open=create"));
                    } catch (IpcAlreadyExists e) {
                        if (attempt > 20) {
                            throw e;
                        }
                    }
                }
            }
            case "posix", "robust" -> {
                String uri = scheme + ":/" + names.unique("mutex");
                return new MutexFixture(scheme, uri, null, Ipc.mutex(uri + "?open=create"));
            }
            case "fcntl", "ofd", "flock" -> {
                Path p = names.path(scheme + ".lock");
                String uri = scheme + ":" + p;
                return new MutexFixture(scheme, uri, p, Ipc.mutex(uri + "?open=create"));
            }
            case "lockfile", "linklock" -> {
                Path p = names.path(scheme + ".lock");
                String uri = scheme + ":" + p + "?poll=1ms";
                return new MutexFixture(scheme, uri, p, Ipc.mutex(uri));
            }
            default -> throw new IllegalArgumentException("stress: unknown mutex scheme '" + scheme + "' (schemes: "
                    + String.join(", ", SCHEMES) + ")");
        }
    }

    /** The URI scheme ({@code sysv-noundo} → {@code sysv}). */
    String uriScheme() {
        return scheme.startsWith("sysv") ? "sysv" : scheme;
    }

    /** What the open handle declares. */
    Capabilities declared() {
        return handle.capabilities();
    }

    /** The static capabilities of the scheme. */
    Capabilities declaredStatic() {
        return Ipc.backend(uriScheme()).capabilities(Primitive.MUTEX);
    }

    /** The coordinator's handle. */
    Mutex handle() {
        return handle;
    }

    /** A new handle on the same mutex. */
    Mutex openAgain() {
        return Ipc.mutex(uri);
    }

    /** Does the object exist now (the lock file of lockfile/linklock: does it exist, i.e. is it held or stale)? */
    boolean exists() {
        if (file != null) {
            return Files.exists(file);
        }
        return Reopen.exists(() -> Ipc.mutex(Reopen.withOption(uri, "open=open")));
    }

    /** Removes the mutex and closes the coordinator's handle. */
    @Override
    public void close() {
        try {
            Cleanups.removeAndClose(this, handle);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("stress: cannot remove " + file, e);
                }
            }
        }
    }
}
