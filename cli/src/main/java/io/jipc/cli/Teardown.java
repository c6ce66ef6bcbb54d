package io.jipc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@code jipc} command undoes when it is stopped by {@code SIGINT} (Ctrl-C) or
 * {@code SIGTERM}: one JVM shutdown hook, which does nothing when the command ended normally.
 *
 * <p>Two mechanisms:
 * <ul>
 * <li>{@link #onInterrupt}: an explicit undo action for an object this JVM created (the demo's
 *     queue, the counter file, the queue {@code recv ...open=create} made). The command
 *     {@linkplain Registration#close() withdraws} it when it completes (what a finished
 *     {@code send ...open=create} created stays, as asked).</li>
 * <li>{@link #watchRun}: for the commands that start other processes ({@code bench},
 *     {@code demo}, {@code choose}). It records what exists when the run starts and samples the
 *     run's descendant processes while it goes on. When interrupted, it sends the descendants
 *     {@code SIGTERM}, then {@code SIGKILL} to those still alive after 3 s, and removes the
 *     objects that appeared during the run <em>and</em> that provably belong to it: SysV objects
 *     whose recorded pids (queue: last sender/receiver, set: last {@code semop}, segment:
 *     creator) are all processes of the run; {@code /dev/shm}, {@code /dev/mqueue} and temporary
 *     entries whose name carries the pid of a process of the run ({@code jipc-bench-PID-...},
 *     {@code jipc-demo-PID-...}, the spawner's {@code jipc-spawn-PID-...} logs); files a backend records as created by a process of the run.
 *     Nothing that existed before the run is touched.</li>
 * </ul>
 * A {@code kill -9} runs no hook: what it leaves is found by {@code jipc ls --orphans}.
 */
public final class Teardown {
    /** How long descendants get to exit after SIGTERM before SIGKILL. */
    static final long TERM_GRACE_MS = 3000;

    private static final Object LOCK = new Object();
    private static final Map<Long, Registration> ACTIONS = new LinkedHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final List<Run> RUNS = new ArrayList<>();
    private static boolean hooked;
    private static boolean stopping;
    /** Called first when the teardown starts (e.g. tell the benchmark runner to stop starting benchmarks). */
    private static final List<Runnable> ON_STOP = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Teardown() {
    }

    /**
     * Has a signal started the teardown? Commands check it before starting another participant or
     * creating another object, so that an interrupted run does not go on making things.
     */
    public static boolean stopping() {
        synchronized (LOCK) {
            return stopping;
        }
    }

    /** Throws a {@link Failure} when the teardown has started (see {@link #stopping()}). */
    public static void checkNotStopping() {
        if (stopping()) {
            throw new Failure("interrupted");
        }
    }

    /** An undo action registered with {@link #onInterrupt}; {@link #close()} withdraws it. */
    public static final class Registration implements AutoCloseable {
        private final long id;
        private final String what;
        private final Runnable undo;

        private Registration(long id, String what, Runnable undo) {
            this.id = id;
            this.what = what;
            this.undo = undo;
        }

        /** The command went on normally: nothing to undo for this object any more. */
        @Override
        public void close() {
            synchronized (LOCK) {
                ACTIONS.remove(id);
            }
        }
    }

    /**
     * Runs {@code undo} if this JVM is stopped by a signal before the returned registration is
     * closed.
     *
     * @param what what is undone, for the message printed then
     */
    public static Registration onInterrupt(String what, Runnable undo) {
        Registration r = new Registration(IDS.incrementAndGet(), what, undo);
        synchronized (LOCK) {
            hook();
            if (!stopping) {
                ACTIONS.put(r.id, r);
            }
        }
        return r;
    }

    /** Removes {@code path} (a file, or a directory with its content) if interrupted before the registration is closed. */
    public static Registration deleteOnInterrupt(Path path) {
        return onInterrupt(path.toString(), () -> RunSweep.deleteTree(path));
    }

    /**
     * Starts watching a run that starts other processes (see the class comment); close the
     * returned run when it completes normally.
     */
    public static Run watchRun() {
        Run run = new Run();
        synchronized (LOCK) {
            hook();
            if (!stopping) {
                RUNS.add(run);
            }
        }
        run.sampler.start();
        return run;
    }

    /** A watched run: the objects that existed at its start and the pids of its processes. */
    public static final class Run implements AutoCloseable {
        final Set<String> before = RunSweep.snapshot();
        final Set<Long> pids = ConcurrentHashMap.newKeySet();
        final Thread sampler;
        volatile boolean closed;

        private Run() {
            pids.add(ProcessHandle.current().pid());
            sampler = new Thread(() -> {
                while (!closed) {
                    sample();
                    try {
                        Thread.sleep(250); // a /proc scan: cheap, but not free during a benchmark
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "jipc-run-watch");
            sampler.setDaemon(true);
        }

        void sample() {
            ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        }

        /** The run completed: nothing to undo. */
        @Override
        public void close() {
            closed = true;
            sampler.interrupt();
            synchronized (LOCK) {
                RUNS.remove(this);
            }
        }
    }

    private static void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Teardown::interrupted, "jipc-teardown"));
        }
    }

    /** Runs {@code r} first thing when a signal starts the teardown. */
    public static void onStop(Runnable r) {
        ON_STOP.add(r);
    }

    /** The shutdown hook: undo what is still registered (nothing after a normal end). */
    static void interrupted() {
        List<Registration> actions;
        List<Run> runs;
        synchronized (LOCK) {
            stopping = true;
            actions = new ArrayList<>(ACTIONS.values());
            Collections.reverse(actions);
            runs = new ArrayList<>(RUNS);
            ACTIONS.clear();
            RUNS.clear();
        }
        if (actions.isEmpty() && runs.isEmpty()) {
            return;
        }
        for (Runnable r : ON_STOP) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // best effort
            }
        }
        PrintStream err = System.err;
        err.println("jipc: interrupted: stopping child processes and removing what this run created");
        err.flush();
        int removed = 0;
        // The interrupted main thread may still go on for a moment (start a peer, create an object):
        // repeat until a pass finds nothing more, at most 5 times.
        for (int pass = 0; pass < 5; pass++) {
            int n = 0;
            for (Run r : runs) {
                r.closed = true;
                r.sample();
                n += stopDescendants(err);
            }
            for (Registration a : actions) {
                try {
                    a.undo.run();
                    n++;
                } catch (RuntimeException e) {
                    err.println("jipc: could not remove " + a.what + ": " + e.getMessage());
                }
            }
            actions = List.of();
            for (Run r : runs) {
                n += RunSweep.sweep(r.before, r.pids, err);
            }
            removed += n;
            if (n == 0) {
                break;
            }
        }
        err.println("jipc: cleanup done (" + removed + " process(es)/object(s) stopped or removed)");
        err.flush();
    }

    /** SIGTERM to every descendant, SIGKILL to those alive after the grace period; returns how many. */
    private static int stopDescendants(PrintStream err) {
        List<ProcessHandle> kids = ProcessHandle.current().descendants().toList();
        if (kids.isEmpty()) {
            return 0;
        }
        kids.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERM_GRACE_MS);
        for (ProcessHandle k : kids) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    k.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still running: killed below
                }
            }
        }
        for (ProcessHandle k : kids) {
            if (k.isAlive()) {
                k.destroyForcibly();
                try {
                    k.onExit().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    err.println("jipc: process " + k.pid() + " did not exit after SIGKILL");
                }
            }
        }
        return kids.size();
    }

}
