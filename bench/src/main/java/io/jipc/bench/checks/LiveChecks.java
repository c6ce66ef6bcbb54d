package io.jipc.bench.checks;


import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The live checks behind the semantic claims: each runs in well under a second (the three with a
 * child JVM about as long as a JVM takes to start), records what it saw, and removes every object
 * it created, also when it fails.
 *
 * <table>
 *   <caption>checks</caption>
 *   <tr><th>check</th><th>claim</th><th>what it does</th></tr>
 *   <tr><td>{@code sysv-msgtyp-order}</td><td>C5</td><td>seed 000: types 300, 100, 200, 400, 100
 *       read with {@code msgtyp = -300}</td></tr>
 *   <tr><td>{@code posix-priority-order}</td><td>C5</td><td>priorities 1, 5, 3, 5, 0 come out highest
 *       first; a select by tag is refused</td></tr>
 *   <tr><td>{@code sysv-sem-undo-kill}</td><td>C8</td><td>a child JVM holding two SysV semaphore
 *       mutexes (with and without {@code SEM_UNDO}) is killed with {@code SIGKILL}</td></tr>
 *   <tr><td>{@code sysv-persistence}</td><td>C9</td><td>a child JVM creates a queue, sends, exits;
 *       the queue and its message are still there</td></tr>
 *   <tr><td>{@code sysv-eidrm}</td><td>C9</td><td>a receiver asleep in {@code msgrcv} when the queue is
 *       removed</td></tr>
 *   <tr><td>{@code posix-unlink-while-open}</td><td>C12</td><td>{@code mq_unlink} while a handle is
 *       open</td></tr>
 *   <tr><td>{@code unix-peercred}</td><td>C15</td><td>{@code SO_PEERCRED} names the child JVM that
 *       connected</td></tr>
 * </table>
 */
public final class LiveChecks {
    /** The side file in the results directory. */
    public static final String FILE = "checks.tsv";
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A check body: returns the sentence of what it saw; {@link Failed} when it saw something else. */
    private interface Body {
        String run(Deque<AutoCloseable> cleanup) throws Exception;
    }

    /** The check observed something other than the claimed behaviour. */
    static final class Failed extends Exception {
        Failed(String observed) {
            super(observed);
        }
    }

    /** Objects this run created (SysV keys, POSIX names, paths), so a test can see they are gone. */
    private final CheckKit kit = new CheckKit();

    /** The SysV keys ({@code 0x...}), POSIX queue names ({@code /name}) and paths the checks created. */
    public List<String> created() {
        return kit.created();
    }

    /** Runs every check, in order. */
    public List<CheckResult> runAll() {
        List<CheckResult> l = new ArrayList<>();
        l.add(check("sysv-msgtyp-order", "C5", c -> OrderChecks.sysvMsgtypOrder(kit, c)));
        l.add(check("posix-priority-order", "C5", c -> OrderChecks.posixPriorityOrder(kit, c)));
        l.add(check("sysv-sem-undo-kill", "C8", c -> SysvLifetimeChecks.sysvSemUndoKill(kit, c)));
        l.add(check("sysv-persistence", "C9", c -> SysvLifetimeChecks.sysvPersistence(kit, c)));
        l.add(check("sysv-eidrm", "C9", c -> SysvLifetimeChecks.sysvEidrm(kit, c)));
        l.add(check("posix-unlink-while-open", "C12", c -> NameChecks.posixUnlinkWhileOpen(kit, c)));
        l.add(check("unix-peercred", "C15", c -> NameChecks.unixPeercred(kit, c)));
        return l;
    }

    /**
     * Runs every check and writes {@value #FILE} into {@code dir}; prints one line to {@code out}.
     * Never throws: a check that cannot run is a row saying why.
     */
    public static List<CheckResult> runInto(Path dir, PrintWriter out) {
        long t0 = System.nanoTime();
        List<CheckResult> results = new LiveChecks().runAll();
        try {
            write(dir, results);
        } catch (RuntimeException e) {
            out.println("live checks: cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        out.printf("live checks of the semantic claims: %d of %d passed in %.1f s%s%n", passed, results.size(),
                (System.nanoTime() - t0) / 1e9, passed == results.size() ? "" : " (see " + FILE + ")");
        out.flush();
        return results;
    }

    private CheckResult check(String name, String claim, Body body) {
        long t0 = System.nanoTime();
        Deque<AutoCloseable> cleanup = new ArrayDeque<>();
        CheckResult.Outcome outcome;
        String observed;
        try {
            observed = body.run(cleanup);
            outcome = CheckResult.Outcome.PASSED;
        } catch (Failed f) {
            observed = f.getMessage();
            outcome = CheckResult.Outcome.FAILED;
        } catch (Exception | LinkageError e) {
            observed = "could not run: " + e;
            outcome = CheckResult.Outcome.ERROR;
        } finally {
            while (!cleanup.isEmpty()) {
                try {
                    cleanup.pop().close();
                } catch (Exception | LinkageError ignored) {
                    // best effort: the next cleanup still runs
                }
            }
        }
        return new CheckResult(name, List.of(claim), outcome, observed, (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------ the side file

    /** Writes {@code results} as {@value #FILE}: name, claims, outcome, milliseconds, what it saw. */
    public static void write(Path dir, List<CheckResult> results) {
        List<String> lines = new ArrayList<>();
        for (CheckResult c : results) {
            lines.add(String.join("\t", c.name(), String.join(",", c.claims()), c.outcome().name().toLowerCase(),
                    Long.toString(c.millis()), c.observed().replaceAll("[\t\r\n]+", " ")));
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** Reads {@value #FILE} from {@code dir}; empty when the run did not write one. */
    public static Optional<List<CheckResult>> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        List<CheckResult> l = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] x = line.split("\t", 5);
                if (x.length == 5) {
                    CheckResult.Outcome o;
                    try {
                        o = CheckResult.Outcome.valueOf(x[2].toUpperCase());
                    } catch (IllegalArgumentException e) {
                        o = CheckResult.Outcome.ERROR;
                    }
                    long ms;
                    try {
                        ms = Long.parseLong(x[3]);
                    } catch (NumberFormatException e) {
                        ms = -1;
                    }
                    l.add(new CheckResult(x[0], List.of(x[1].split(",")), o, x[4], ms));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return Optional.of(l);
    }
}
