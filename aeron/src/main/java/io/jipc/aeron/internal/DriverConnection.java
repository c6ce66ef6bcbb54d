package io.jipc.aeron.internal;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.driver.MediaDriver;
import io.aeron.exceptions.ChannelEndpointException;
import io.aeron.exceptions.DriverTimeoutException;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import org.agrona.IoUtil;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Aeron client (and, for the embedded case, the media driver it talks to) shared by every
 * handle of this JVM that uses the same driver; reference-counted, closed with the last handle.
 *
 * <p>The embedded driver runs in {@code ThreadingMode.SHARED} (one thread) with a back-off idle
 * strategy that parks up to 1 ms, so an idle driver costs little CPU; its directory is
 * {@code /dev/shm/aeron-jipc-PID-N}, created fresh and deleted at shutdown.
 *
 * <p>Both the driver and the client get an error handler that records the error instead of
 * Aeron's default one, which prints and <em>exits the JVM</em> when the driver stops answering
 * ({@link DriverTimeoutException}). A client whose driver is gone closes itself; the handles then
 * fail with the recorded error ({@link #failure()}).
 */
public final class DriverConnection {
    /** Prefix of the directories of embedded drivers (under {@link #SHM}); the pid follows. */
    public static final String EMBEDDED_PREFIX = "aeron-jipc-";
    /** Where embedded drivers live. */
    public static final Path SHM = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));

    private static final Map<String, DriverConnection> OPEN = new HashMap<>();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String key;
    private final Path dir;
    private final MediaDriver driver;
    private final Aeron aeron;
    private int references;
    private volatile Throwable failure;
    private final Map<Integer, String> channelErrors = new java.util.concurrent.ConcurrentHashMap<>();

    private DriverConnection(String key, Path dir, MediaDriver driver, Aeron.Context ctx) {
        this.key = key;
        this.dir = dir;
        this.driver = driver;
        ctx.errorHandler(this::onError).subscriberErrorHandler(this::onError);
        this.aeron = Aeron.connect(ctx);
    }

    /**
     * The connection for {@code uri}'s driver, started or joined as needed; call {@link #release()}
     * once per acquisition.
     */
    public static DriverConnection acquire(AeronUri uri, String operation) {
        String key = uri.embedded() ? "embedded" : uri.dir().toAbsolutePath().normalize().toString();
        synchronized (OPEN) {
            DriverConnection c = OPEN.get(key);
            if (c != null && c.failure == null && !c.aeron.isClosed()) {
                c.references++;
                return c;
            }
            c = uri.embedded() ? startEmbedded(key, uri, operation) : joinExternal(key, uri, operation);
            c.references = 1;
            OPEN.put(key, c);
            return c;
        }
    }

    /**
     * The pid that owns a jipc driver directory ({@code aeron-jipc-PID-N}, {@code aeron-jipc-bench-PID},
     * {@code aeron-jipc-test-PID-N}), or -1 when {@code name} is not one.
     */
    public static long ownerPid(String name) {
        if (!name.startsWith(EMBEDDED_PREFIX)) {
            return -1;
        }
        String rest = name.substring(EMBEDDED_PREFIX.length());
        for (String word : new String[] {"bench-", "test-"}) {
            if (rest.startsWith(word)) {
                rest = rest.substring(word.length());
            }
        }
        int end = rest.indexOf('-');
        try {
            return Long.parseLong(end < 0 ? rest : rest.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Every jipc driver directory under {@link #SHM} (live or not), in name order: what
     * {@code jipc ls} lists; {@link #ownerPid(String)} of its name is the driver's process.
     */
    public static java.util.List<Path> driverDirectories() {
        java.util.List<Path> all = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(SHM)) {
            s.filter(p -> ownerPid(p.getFileName().toString()) > 0 && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted().forEach(all::add);
        } catch (java.io.IOException e) {
            // nothing to list
        }
        return all;
    }

    /** Is the process that owns jipc driver directory {@code dir} gone? (false when {@code dir} is no such directory) */
    public static boolean ownerDead(Path dir) {
        long pid = ownerPid(dir.getFileName().toString());
        return pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** jipc driver directories whose owning process is gone (left by a process killed with SIGKILL). */
    public static java.util.List<Path> deadDriverDirectories() {
        java.util.List<Path> dead = new java.util.ArrayList<>();
        for (Path p : driverDirectories()) {
            if (ownerDead(p)) {
                dead.add(p);
            }
        }
        return dead;
    }

    /**
     * Deletes a dead driver's directory with everything in it. Refuses (IllegalStateException) when
     * {@code dir} is not a jipc driver directory or its process still runs: a live driver's files
     * are in use.
     *
     * @throws java.io.UncheckedIOException when it cannot be deleted (e.g. another user's)
     */
    public static void removeDeadDirectory(Path dir) {
        if (!ownerDead(dir)) {
            throw new IllegalStateException(dir + (ownerPid(dir.getFileName().toString()) > 0
                    ? " belongs to a running media driver (pid " + ownerPid(dir.getFileName().toString()) + ")"
                    : " is not a jipc media driver directory"));
        }
        try {
            IoUtil.delete(dir.toFile(), false);
        } catch (Exception e) { // Agrona rethrows the IOException unchecked
            throw new java.io.UncheckedIOException(new java.io.IOException("cannot delete " + dir + ": " + e.getMessage(), e));
        }
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.io.UncheckedIOException(new java.io.IOException("cannot delete " + dir + " (permission denied?)"));
        }
    }

    private static DriverConnection startEmbedded(String key, AeronUri uri, String operation) {
        for (Path stale : deadDriverDirectories()) {
            try {
                removeDeadDirectory(stale);   // a killed jipc process's driver: nobody can use it any more
            } catch (RuntimeException e) {
                // another user's, or removed meanwhile: leave it
            }
        }
        Path dir = SHM.resolve(EMBEDDED_PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Throwable[] driverError = new Throwable[1];
        MediaDriver.Context dctx = io.jipc.aeron.MediaDrivers.context(dir, t -> driverError[0] = t);
        MediaDriver driver;
        try {
            driver = MediaDriver.launch(dctx);
        } catch (RuntimeException e) {
            IoUtil.delete(dir.toFile(), true);
            throw new IpcException(operation, uri.uri().toString(), IpcException.NO_ERRNO, null,
                    "cannot start an embedded Aeron media driver in " + dir + ": " + e, e);
        }
        try {
            return new DriverConnection(key, dir, driver, clientContext(dir, uri));
        } catch (RuntimeException e) {
            driver.close();
            IoUtil.delete(dir.toFile(), true);
            throw new IpcException(operation, uri.uri().toString(), IpcException.NO_ERRNO, null,
                    "cannot connect to the embedded Aeron media driver in " + dir + ": " + e, e);
        }
    }

    private static DriverConnection joinExternal(String key, AeronUri uri, String operation) {
        Path dir = uri.dir();
        if (!Files.isRegularFile(dir.resolve(CncName.FILE))) {
            throw new IpcNotFound(operation, uri.uri().toString(), "no Aeron media driver in " + dir
                    + " (no " + CncName.FILE + "): start one (e.g. java io.aeron.driver.MediaDriver with -Daeron.dir="
                    + dir + ") or use driver=embedded");
        }
        try {
            return new DriverConnection(key, dir, null, clientContext(dir, uri));
        } catch (DriverTimeoutException e) {
            throw new IpcNotFound(operation, uri.uri().toString(), "the Aeron media driver in " + dir
                    + " does not answer within driver-timeout=" + uri.driverTimeoutMs() + " ms (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new IpcException(operation, uri.uri().toString(), IpcException.NO_ERRNO, null,
                    "cannot connect to the Aeron media driver in " + dir + ": " + e, e);
        }
    }

    private static Aeron.Context clientContext(Path dir, AeronUri uri) {
        return new Aeron.Context()
                .aeronDirectoryName(dir.toString())
                .driverTimeoutMs(uri.driverTimeoutMs())
                .idleStrategy(new SleepingMillisIdleStrategy(1))
                .clientName("jipc-" + ProcessHandle.current().pid());
    }

    private void onError(Throwable t) {
        if (t instanceof ChannelEndpointException) {
            channelErrors.put(((ChannelEndpointException) t).statusIndicatorId(), t.getMessage());
        } else if (t instanceof DriverTimeoutException || aeron != null && aeron.isClosed()) {
            failure = t;
        }
    }

    /** The error Aeron reported for the channel endpoint with status indicator {@code statusId}. */
    public String channelError(int statusId) {
        for (int attempt = 0; attempt < 2_000 && !channelErrors.containsKey(statusId); attempt++) {
            Backoff.idle(attempt); // the error report reaches the client just after the status flips
        }
        return channelErrors.getOrDefault(statusId, "channel endpoint error (no detail from the driver)");
    }

    /** The Aeron client. */
    public Aeron aeron() {
        return aeron;
    }

    /** The driver's directory. */
    public Path dir() {
        return dir;
    }

    /** Whether the driver is embedded in this JVM. */
    public boolean embedded() {
        return driver != null;
    }

    /** Why the client stopped working (the driver went away), or {@code null}. */
    public Throwable failure() {
        Throwable f = failure;
        if (f == null && aeron.isClosed()) {
            return new IllegalStateException("the Aeron client is closed");
        }
        return f;
    }

    /**
     * Throws when the driver is gone or the client stopped answering.
     *
     * @param op the operation (for the message)
     * @param uri the channel's URI (for the message)
     * @throws io.jipc.api.IpcRemoved naming the driver's directory and the cause
     */
    public void checkAlive(String op, String uri) {
        Throwable f = failure();
        if (f != null) {
            throw new io.jipc.api.IpcRemoved(op, uri, "the Aeron media driver in " + dir()
                    + " is gone or stopped answering: " + f.getMessage());
        }
    }

    /** Gives back one acquisition; the last one closes the client and stops an embedded driver. */
    public void release() {
        synchronized (OPEN) {
            if (--references > 0) {
                return;
            }
            if (OPEN.get(key) == this) {
                OPEN.remove(key);
            }
        }
        try {
            aeron.close();
        } finally {
            if (driver != null) {
                try {
                    driver.close();
                } finally {
                    File d = dir.toFile();
                    if (d.exists()) {
                        IoUtil.delete(d, true);
                    }
                }
            }
        }
    }

    /** The name of Aeron's command-and-control file, the mark of a driver directory. */
    public static final class CncName {
        /** {@code cnc.dat}. */
        public static final String FILE = CncFileDescriptor.CNC_FILE;

        private CncName() {
        }
    }
}
