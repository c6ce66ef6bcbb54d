package io.jipc.testkit;

import io.jipc.api.IpcHandle;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the three contract suites share: the hooks a backend implements, child-JVM peers, and
 * cleanup. Every handle a test opens through {@link #track(IpcHandle, boolean)} is closed after the test,
 * and removed when the test created it, so a failing assertion leaks nothing.
 *
 * <h2>Hooks</h2>
 * <ul>
 *   <li>{@link #freshUri()} — a URI for a new object, unique per call ({@link TestNames}), with
 *       whatever options the backend needs (a region's size, a queue's capacity).</li>
 *   <li>{@link #reachableByName()} — can another handle or process open the object by its URI?
 *       ({@code false} for {@code pipe:}, {@code unix:pair}, {@code anon:}).</li>
 *   <li>{@link #peerUri(IpcHandle)} — the URI a second handle or a child uses to open an existing
 *       object (default: the handle's URI with {@code open=open}).</li>
 *   <li>{@link #spawnPeer(IpcHandle, Class, String...)} — starts a child JVM running {@code main}
 *       with the peer URI as its first argument; override it for objects passed by descriptor.</li>
 * </ul>
 */
@ExtendWith(LeakGuard.class)
public abstract class ContractSupport {
    /** Generous time for anything a child JVM must do on a loaded 2-core machine. */
    protected static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    /** {@return a URI for a new object, unique per call} */
    protected abstract String freshUri();

    /** {@return whether a second handle or another process can open the object by URI (default {@code true})} */
    protected boolean reachableByName() {
        return true;
    }

    /**
     * The URI that opens the existing object behind a handle.
     *
     * @param handle a handle this test opened
     * @return by default the handle's URI with {@code open=open}
     */
    protected String peerUri(IpcHandle handle) {
        return withOption(handle.uri().toString(), "open", "open");
    }

    /**
     * Starts a child JVM running {@code main} with {@link #peerUri} as its first argument.
     *
     * @param handle the handle whose object the child opens
     * @param main the peer class whose {@code main} the child runs
     * @param args more arguments, after the URI
     * @return the started child; track it with {@link #track(ChildProcess)}
     */
    protected ChildProcess spawnPeer(IpcHandle handle, Class<?> main, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = peerUri(handle);
        System.arraycopy(args, 0, all, 1, args.length);
        return Spawner.jvm(main, all).start();
    }

    /**
     * Registers a handle to close (and remove, if {@code remove}) after the test.
     *
     * @param <T> the handle's type
     * @param handle the handle to clean up
     * @param remove whether to remove the object too (when this test created it)
     * @return {@code handle}, for chaining
     */
    protected final <T extends IpcHandle> T track(T handle, boolean remove) {
        cleanup.push(() -> {
            try {
                if (remove) {
                    handle.remove();
                }
            } finally {
                handle.close();
            }
        });
        return handle;
    }

    /**
     * Registers a child process to kill (if still running) after the test.
     *
     * @param child the started child
     * @return {@code child}, for chaining
     */
    protected final ChildProcess track(ChildProcess child) {
        cleanup.push(child);
        return child;
    }

    @AfterEach
    final void cleanUpHandles() throws Exception {
        Exception first = null;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Sets an option in a URI, replacing an existing value.
     *
     * @param uri a URI as text
     * @param key the option's name
     * @param value its new value
     * @return {@code uri} with {@code key=value}
     */
    public static String withOption(String uri, String key, String value) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri + "?" + key + "=" + value;
        }
        StringBuilder sb = new StringBuilder(uri.substring(0, q + 1));
        boolean replaced = false;
        boolean first = true;
        for (String pair : uri.substring(q + 1).split("&")) {
            if (!first) {
                sb.append('&');
            }
            first = false;
            if (pair.startsWith(key + "=")) {
                sb.append(key).append('=').append(value);
                replaced = true;
            } else {
                sb.append(pair);
            }
        }
        if (!replaced) {
            sb.append('&').append(key).append('=').append(value);
        }
        return sb.toString();
    }

    /**
     * Waits for the child to print {@code marker}, failing the test with its output if it does not.
     *
     * @param child the child to watch
     * @param marker the line to wait for, e.g. {@code "READY"}
     * @throws Exception when the child's output cannot be read or the wait is interrupted
     */
    protected static void await(ChildProcess child, String marker) throws Exception {
        child.awaitOutput(marker, CHILD_TIMEOUT);
    }

    /**
     * Waits for the child to exit with status 0, failing the test with its output otherwise.
     *
     * @param child the child to wait for
     * @throws Exception when the child's output cannot be read or the wait is interrupted
     */
    protected static void awaitSuccess(ChildProcess child) throws Exception {
        int code = child.waitFor(CHILD_TIMEOUT);
        if (code != 0) {
            throw new AssertionError("child exited with " + code + ": " + child.commandLine() + "\n" + child.output());
        }
    }

    /**
     * Waits until {@code count} reaches {@code least}, polling every millisecond for at most
     * {@link #CHILD_TIMEOUT}, or until {@code ended} says that nothing will make it grow any more.
     *
     * @param count an observable count that threads of the test make grow
     * @param least the count to wait for
     * @param ended whether the threads that make it grow have all ended
     * @return the count reached
     * @throws InterruptedException when the test thread is interrupted
     */
    protected static long awaitCount(LongSupplier count, long least, BooleanSupplier ended) throws InterruptedException {
        long end = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        long n;
        while ((n = count.getAsLong()) < least && System.nanoTime() < end && !ended.getAsBoolean()) {
            Thread.sleep(1);
        }
        return n;
    }

    /**
     * Waits for every task, for at most {@link #CHILD_TIMEOUT} each.
     *
     * @param tasks the tasks of the test's threads
     * @throws Exception the first failure of a task (as an {@link java.util.concurrent.ExecutionException}), or a timeout
     */
    protected static void awaitAll(List<? extends Future<?>> tasks) throws Exception {
        for (Future<?> f : tasks) {
            f.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
