package io.jipc.bench.verify;

import io.jipc.api.IpcHandle;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run must remove if the JVM is stopped in the middle (Ctrl-C, {@code SIGTERM}): every
 * fixture registers itself while its object exists. The CLI installs {@link #onExit()} around a
 * run; children exit by themselves when their parent dies ({@code ChildSupport.exitWhenParentDies}).
 */
public final class Cleanups {
    private static final Set<AutoCloseable> PENDING = ConcurrentHashMap.newKeySet();

    private Cleanups() {
    }

    static void register(AutoCloseable c) {
        PENDING.add(c);
    }

    static void done(AutoCloseable c) {
        PENDING.remove(c);
    }

    /** A fixture's close: {@link #done}, then removes the object and closes the handle, even when the removal fails. */
    static void removeAndClose(AutoCloseable fixture, IpcHandle handle) {
        done(fixture);
        try {
            handle.remove();
        } finally {
            handle.close();
        }
    }

    /** A shutdown hook that removes every object still registered; close it when the run is over. */
    public static Hook onExit() {
        return new Hook();
    }

    /** The installed hook. */
    public static final class Hook implements AutoCloseable {
        private final Thread thread = new Thread(Cleanups::removeAll, "jipc-verify-cleanup");

        private Hook() {
            Runtime.getRuntime().addShutdownHook(thread);
        }

        /** Uninstalls the hook (the run removed its objects itself). */
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        }
    }

    static void removeAll() {
        for (AutoCloseable c : PENDING) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("jipc: could not remove " + c + ": " + e.getMessage());
            }
        }
    }
}
