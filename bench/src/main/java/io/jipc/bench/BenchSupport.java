package io.jipc.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared plumbing of the benchmarks: unique object names, the side files a run writes beside
 * JMH's JSON (skipped benchmarks with their reason, CPU time of both processes), and CPU time
 * read from {@code /proc/PID/stat}.
 *
 * <p>The side directory is the system property {@code jipc.bench.out} (BenchMain passes it to
 * every fork), else {@code java.io.tmpdir/jipc-bench-side}.
 */
public final class BenchSupport {
    /** Side file listing benchmarks that could not run: benchmark, params, reason (tab-separated). */
    public static final String SKIPS = "skips.tsv";
    /** Side file of CPU time: benchmark, params, ops, wall ns, own CPU ns, peer CPU ns. */
    public static final String CPU = "cpu.tsv";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long CLK_TCK_NS = 10_000_000L; // USER_HZ = 100 on Linux

    private BenchSupport() {
    }

    /** The directory where side files go. */
    public static Path sideDir() {
        String p = System.getProperty("jipc.bench.out");
        Path d = p != null ? Path.of(p) : Path.of(System.getProperty("java.io.tmpdir"), "jipc-bench-side");
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** A name unique in this machine for this run: {@code jipc-bench-PID-N-hint}. */
    public static String unique(String hint) {
        return "jipc-bench-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + hint;
    }

    /** A random SysV key in a range unlikely to collide, as {@code 0x...}. */
    public static String randomKey() {
        return "0x" + Integer.toHexString(0x6a000000 | ThreadLocalRandom.current().nextInt(0x00ffffff));
    }

    /** A fresh private directory for files, sockets and FIFOs of one trial. */
    public static Path tempDir(String hint) {
        try {
            return Files.createTempDirectory(unique(hint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code k=v,k=v} of the benchmark's parameters, sorted by name. */
    public static String paramsKey(BenchmarkParams bp) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : bp.getParamsKeys()) {
            m.put(k, bp.getParam(k));
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Records that this benchmark cannot run here and why, and returns the exception to throw
     * (JMH then marks the benchmark as failed and goes on with the next one).
     */
    public static BenchSkipped skip(BenchmarkParams bp, String reason) {
        String line = bp.getBenchmark() + "\t" + paramsKey(bp) + "\t" + oneLine(reason) + "\n";
        append(SKIPS, line);
        return new BenchSkipped(reason);
    }

    /** Records a failure caught in setup (with the exception's message) and returns what to throw. */
    public static BenchSkipped fail(BenchmarkParams bp, String what, Throwable t) {
        String msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return skip(bp, "failed: " + what + ": " + msg);
    }

    /** A trial's setup body: it may throw anything. */
    public interface SetupBody {
        /** Opens what the trial needs. */
        void run() throws Throwable;
    }

    /**
     * Runs a trial's setup: a {@link BenchSkipped} goes through as it is; any other failure first
     * runs {@code undo} (closing and removing what was made) and then fails the benchmark with
     * {@link #fail} naming {@code what}.
     */
    public static void setUp(BenchmarkParams bp, String what, Runnable undo, SetupBody body) {
        try {
            body.run();
        } catch (BenchSkipped e) {
            throw e;
        } catch (Throwable t) {
            undo.run();
            throw fail(bp, what, t);
        }
    }

    /**
     * As {@link #setUp(BenchmarkParams, String, Runnable, SetupBody)}, after skipping the benchmark
     * (before anything is made) when {@code unavailable}, the reason it cannot run here, is not null.
     */
    public static void setUp(BenchmarkParams bp, String unavailable, String what, Runnable undo, SetupBody body) {
        if (unavailable != null) {
            throw skip(bp, unavailable);
        }
        setUp(bp, what, undo, body);
    }

    /** Side file of a peer's CPU while no traffic flows: benchmark, params, wall ns, peer CPU ns. */
    public static final String IDLE = "idle.tsv";

    /** Records the CPU a peer burnt while idle (waiting for traffic that did not come). */
    public static void recordIdle(BenchmarkParams bp, long wallNs, long peerCpuNs) {
        append(IDLE, bp.getBenchmark() + "\t" + paramsKey(bp) + "\t" + wallNs + "\t" + peerCpuNs + "\n");
    }

    /** Records the CPU burnt by this process and the peer over a trial. */
    public static void recordCpu(BenchmarkParams bp, long ops, long wallNs, long selfCpuNs, long peerCpuNs) {
        append(CPU, bp.getBenchmark() + "\t" + paramsKey(bp) + "\t" + ops + "\t" + wallNs + "\t" + selfCpuNs
                + "\t" + peerCpuNs + "\n");
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static synchronized void append(String file, String line) {
        try {
            Files.writeString(sideDir().resolve(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User+system CPU time of process {@code pid} in ns (10 ms resolution), or -1 when unknown. */
    public static long cpuNanos(long pid) {
        long ticks = io.jipc.os.ProcStat.forThisThread().cpuTicks(pid);
        return ticks < 0 ? -1 : ticks * CLK_TCK_NS;
    }

    /** CPU time of this process in ns. */
    public static long selfCpuNanos() {
        return cpuNanos(ProcessHandle.current().pid());
    }

    /** Runs a tear-down {@code remove()} and ignores its failure (the object may be gone already). */
    public static void removeQuietly(Runnable remove) {
        try {
            remove.run();
        } catch (RuntimeException ignored) {
            // already gone: tear-down removes what it can and goes on
        }
    }

    /** Deletes a file or a directory tree, ignoring what cannot be deleted. */
    public static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>();
            walk.forEach(all::add);
            all.sort(java.util.Comparator.reverseOrder());
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Thrown by a setup that cannot run its benchmark here; the reason is in {@link #SKIPS}. */
    public static final class BenchSkipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchSkipped(String reason) {
            super(reason);
        }
    }
}
