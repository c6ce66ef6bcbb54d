package io.jipc.bench;

import io.jipc.bench.report.Machine;
import io.jipc.bench.report.Report;
import io.jipc.bench.report.Results;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The main job behind {@code ./jipc bench [--quick|--full] [--only REGEX] [--out DIR]}: runs the
 * JMH suite phase by phase with a progress line (benchmark i of N, elapsed, ETA), the C reference
 * programs, writes {@code results.json} (JMH's JSON, all phases) with its side files, the report
 * ({@code report.md}, {@code report.html}, {@code charts/}), prints the headline table and where
 * the report is. A benchmark that cannot run becomes a row with its reason; the run goes on.
 *
 * <p>{@code --quick} (default): every backend and every claim, short iterations, one fork, fewer
 * sizes, then a short {@code -prof gc} pass over the channel and mutex hot paths ({@link AllocPass})
 * — a few minutes on a 2-core machine. {@code --full}: all sizes, longer and more iterations, two
 * forks, {@code -prof gc} on the hot paths. Both give the report's B/op table.
 */
public final class BenchMain {
    /** Where {@code jipc choose} finds the latest run: a file holding its directory. */
    public static final Path LATEST = Path.of("jipc-results", "LATEST");

    private static volatile boolean stopRequested;

    private BenchMain() {
    }

    /**
     * Asks a running suite to start no further benchmark (the CLI calls it when SIGINT/SIGTERM
     * arrives, before it stops the peers and removes what the run created).
     */
    public static void requestStop() {
        stopRequested = true;
    }

    static boolean stopRequested() {
        return stopRequested;
    }

    /** Command-line entry point (exit status 0 when the report was written). */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the job; errors go to {@code out} too. */
    public static int run(String[] args, PrintWriter out) {
        return run(args, out, out);
    }

    /**
     * Runs the job; a mistake in the arguments or an output directory that cannot be made is one
     * line on {@code err}.
     *
     * @return 0 on success, 1 when the output directory cannot be made, 2 on bad usage
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean full = false;
        String only = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--only") || a.equals("--out")) && i + 1 >= args.length) {
                err.println("jipc bench: option '" + a + "' needs a value");
                return 2;
            }
            switch (a) {
                case "--quick": full = false; break;
                case "--full": full = true; break;
                case "--only": only = args[++i]; break;
                case "--out": dir = Path.of(args[++i]); break;
                default:
                    err.println("jipc bench: unknown argument '" + a + "'; usage: jipc bench [--quick|--full] [--only REGEX] [--out DIR]");
                    return 2;
            }
        }
        if (dir == null) {
            dir = Path.of("jipc-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return execute(full, only, dir, out, err);
    }

    /** Runs the suite into {@code dir}; errors go to {@code out} too. */
    public static int execute(boolean full, String only, Path dir, PrintWriter out) {
        return execute(full, only, dir, out, out);
    }

    /**
     * Checks {@code --only} as a regular expression: the one-line reason when it is not one, else null.
     */
    public static String badRegex(String only) {
        try {
            Pattern.compile(only);
            return null;
        } catch (java.util.regex.PatternSyntaxException e) {
            return "invalid value for option '--only': '" + only + "' is not a regular expression ("
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + ")";
        }
    }

    /** Runs the suite into {@code dir}. */
    public static int execute(boolean full, String only, Path dir, PrintWriter out, PrintWriter err) {
        long start = System.nanoTime();
        dir = dir.toAbsolutePath();
        if (only != null && badRegex(only) != null) {
            err.println("jipc bench: " + badRegex(only));
            return 2;
        }
        Pattern onlyP = only == null ? null : Pattern.compile(only);
        RunPlan plan = RunPlan.select(full ? Phase.full() : Phase.quick(), onlyP);
        boolean runC = onlyP == null || onlyP.matcher("CReference").find();
        if (plan.combos.isEmpty() && !runC) {
            err.println("jipc bench: no benchmark matches --only " + only);
            return 2;
        }
        if (!prepare(dir, err)) {
            return 1;
        }
        System.setProperty("jipc.bench.out", dir.toString());
        write(dir.resolve("plan.tsv"), plan.combos);
        write(dir.resolve(BenchSupport.SKIPS), plan.skips);
        Machine.write(dir, Machine.collect(full ? "full" : "quick"));
        // --quick: a short -prof gc pass over the hot paths for B/op (--full's hot-path phases have -prof gc)
        List<AllocPass.Group> gcGroups = full ? List.of() : AllocPass.plan(onlyP);
        int toRun = plan.combos.size() - plan.skips.size() + AllocPass.trials(gcGroups);
        out.println("jipc bench " + (full ? "--full" : "--quick") + ": " + toRun + " benchmarks to run in "
                + plan.selected.size() + " phases (" + plan.skips.size() + " skipped up front: backend not installed)"
                + (runC ? " + the C reference" : "") + "; results in " + dir);
        io.jipc.bench.checks.LiveChecks.runInto(dir, out); // C5, C8, C9, C12, C15: checks.tsv, read by the report
        Progress progress = new Progress(out, toRun, start, dir.resolve("jmh.log"));
        List<String> jsons = runPhases(plan, dir, progress, out);
        if (!stopRequested) {
            AllocPass.run(dir, gcGroups, progress, out);
        }
        if (stopRequested) {
            err.println("jipc bench: stopped");
            return 1;
        }
        if (runC) {
            out.println("C reference: " + (CReference.findCompiler() == null ? "skipped (no cc)" : "compiling and running"));
            CReference.run(dir, !full);
        }
        return finish(dir, jsons, progress, start, out, err);
    }

    /** Makes {@code dir} and removes the files of an earlier run there; false (and a line on err) when it cannot. */
    private static boolean prepare(Path dir, PrintWriter err) {
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {BenchSupport.SKIPS, BenchSupport.CPU, "plan.tsv", "results.json", Results.GC_FILE}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            if (!Files.isWritable(dir)) {
                throw new java.nio.file.AccessDeniedException(dir.toString());
            }
            return true;
        } catch (IOException e) {
            err.println("jipc bench: cannot write the results into --out " + dir + ": " + io.jipc.bench.report.ReportException.why(e));
            return false;
        }
    }

    /** Runs each selected phase (until a stop is requested); returns the JMH JSON files written. */
    private static List<String> runPhases(RunPlan plan, Path dir, Progress progress, PrintWriter out) {
        List<String> jsons = new ArrayList<>();
        for (Map.Entry<Phase, List<String>> e : plan.selected.entrySet()) {
            if (stopRequested) {
                break;
            }
            Phase ph = e.getKey();
            Path json = dir.resolve("jmh-" + ph.name() + ".json");
            try {
                new Runner(ph.options(e.getValue(), plan.params.get(ph), json, dir).build(), progress).run();
            } catch (RunnerException | RuntimeException ex) {
                progress.log("phase " + ph.name() + " failed: " + ex);
                if (!stopRequested) {
                    out.println("phase " + ph.name() + " failed: " + ex.getMessage() + " (the other phases go on)");
                }
            }
            if (Files.exists(json)) {
                jsons.add(json.toString());
            }
        }
        return jsons;
    }

    /**
     * Merges the phases' JSON into {@code results.json}, writes the report, points {@link #LATEST}
     * at the run and prints the headline; 1 when a benchmark failed.
     */
    private static int finish(Path dir, List<String> jsons, Progress progress, long start, PrintWriter out, PrintWriter err) {
        Path results = dir.resolve("results.json");
        merge(jsons, results);
        Report.Output rep = Report.write(results, dir);
        progress.close();
        write(LATEST.toAbsolutePath(), List.of(dir.toString()));
        long secs = (System.nanoTime() - start) / 1_000_000_000L;
        Results loaded = Results.load(results);
        out.println();
        out.print(Report.headline(loaded));
        out.println();
        out.println("finished in " + Progress.mmss(secs) + "; JMH JSON: " + results);
        out.println("report: " + rep.markdown() + "  and  " + rep.html());
        List<String> failed = failures(loaded);
        if (!failed.isEmpty()) {
            err.println("jipc bench: " + failed.size() + " benchmark(s) failed (reasons in the report and "
                    + dir.resolve("jmh.log") + "): " + String.join("; ", failed.subList(0, Math.min(3, failed.size())))
                    + (failed.size() > 3 ? "; ..." : ""));
            return 1;
        }
        return 0;
    }

    /**
     * The benchmarks of a run that failed, one line each ("Benchmark.method params: reason"). A row
     * skipped up front (backend not installed) or not allowed by a system limit is not a failure.
     */
    public static List<String> failures(Results r) {
        List<String> l = new ArrayList<>();
        for (io.jipc.bench.report.Row row : r.rows) {
            if (row.failure() != null && row.failure().startsWith("failed")) {
                l.add(row.benchmark() + "." + row.method() + " " + row.params() + ": " + row.failure());
            }
        }
        return l;
    }

    /** Concatenates JMH JSON arrays into one. */
    static void merge(List<String> jsons, Path into) {
        StringBuilder sb = new StringBuilder("[\n");
        boolean first = true;
        for (String j : jsons) {
            try {
                String s = Files.readString(Path.of(j)).trim();
                if (s.length() < 2) {
                    continue;
                }
                String body = s.substring(1, s.length() - 1).trim();
                if (body.isEmpty()) {
                    continue;
                }
                sb.append(first ? "" : ",\n").append(body);
                first = false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        write(into, List.of(sb.append("\n]").toString()));
    }

    private static void write(Path p, List<String> lines) {
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
