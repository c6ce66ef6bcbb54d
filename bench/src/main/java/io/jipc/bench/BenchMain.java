package io.jipc.bench;

import io.jipc.bench.report.Machine;
import io.jipc.bench.report.Report;
import io.jipc.bench.report.Results;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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

    /** One group of benchmarks run with the same JMH settings. */
    record Phase(String name, String regex, Map<String, String[]> params, boolean gc, int warmups, int warmupMs,
                 int iterations, int iterationMs, int forks) {
    }

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
        List<Phase> phases = full ? fullPhases() : quickPhases();
        Map<Phase, List<String>> selected = new LinkedHashMap<>();
        List<String> plan = new ArrayList<>();
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()),
                VerboseMode.SILENT);
        List<String> skips = new ArrayList<>();
        Map<Phase, Map<String, String[]>> overrides = new LinkedHashMap<>();
        for (Phase ph : phases) {
            List<String> names = new ArrayList<>();
            Map<String, String[]> phaseParams = new LinkedHashMap<>(ph.params());
            java.util.LinkedHashSet<String> mechs = new java.util.LinkedHashSet<>();
            for (BenchmarkListEntry e : BenchmarkList.defaultList().find(quiet, List.of(ph.regex()), List.of())) {
                String name = e.getUsername();
                if (onlyP != null && !onlyP.matcher(name).find()) {
                    continue;
                }
                Map<String, String[]> params = new LinkedHashMap<>();
                if (e.getParams().hasValue()) {
                    params.putAll(e.getParams().get());
                }
                params.replaceAll((k, v) -> ph.params().getOrDefault(k, v));
                String[] ms = params.get("mech");
                boolean any = ms == null;
                if (ms != null) {
                    List<String> runnable = new ArrayList<>();
                    for (String m : ms) {
                        String why = unavailable(name, m);
                        Map<String, String[]> fixed = new LinkedHashMap<>(params);
                        fixed.put("mech", new String[] {m});
                        List<String> combos = new ArrayList<>();
                        expand(name, new ArrayList<>(new java.util.TreeMap<>(fixed).entrySet()), 0, "", combos);
                        plan.addAll(combos);
                        if (why == null) {
                            runnable.add(m);
                        } else {
                            for (String c : combos) {
                                skips.add(c + "\t" + why);
                            }
                        }
                    }
                    mechs.addAll(runnable);
                    any = !runnable.isEmpty();
                } else {
                    expand(name, new ArrayList<>(new java.util.TreeMap<>(params).entrySet()), 0, "", plan);
                }
                if (any) {
                    names.add(name);
                }
            }
            if (!mechs.isEmpty()) {
                phaseParams.put("mech", mechs.toArray(new String[0]));
            }
            if (!names.isEmpty()) {
                selected.put(ph, names);
                overrides.put(ph, phaseParams);
            }
        }
        boolean runC = onlyP == null || onlyP.matcher("CReference").find();
        if (plan.isEmpty() && !runC) {
            err.println("jipc bench: no benchmark matches --only " + only);
            return 2;
        }
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {BenchSupport.SKIPS, BenchSupport.CPU, "plan.tsv", "results.json", Results.GC_FILE}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            if (!Files.isWritable(dir)) {
                throw new java.nio.file.AccessDeniedException(dir.toString());
            }
        } catch (IOException e) {
            err.println("jipc bench: cannot write the results into --out " + dir + ": " + io.jipc.bench.report.ReportException.why(e));
            return 1;
        }
        System.setProperty("jipc.bench.out", dir.toString());
        write(dir.resolve("plan.tsv"), plan);
        write(dir.resolve(BenchSupport.SKIPS), skips);
        Machine.write(dir, Machine.collect(full ? "full" : "quick"));
        // --quick: a short -prof gc pass over the hot paths for B/op (--full's hot-path phases have -prof gc)
        List<AllocPass.Group> gcGroups = full ? List.of() : AllocPass.plan(onlyP);
        int toRun = plan.size() - skips.size() + AllocPass.trials(gcGroups);
        out.println("jipc bench " + (full ? "--full" : "--quick") + ": " + toRun + " benchmarks to run in "
                + selected.size() + " phases (" + skips.size() + " skipped up front: backend not installed)" + (runC ? " + the C reference" : "") + "; results in " + dir);
        io.jipc.bench.checks.LiveChecks.runInto(dir, out); // C5, C8, C9, C12, C15: checks.tsv, read by the report
        Progress progress = new Progress(out, toRun, start, dir.resolve("jmh.log"));
        List<String> jsons = new ArrayList<>();
        for (Map.Entry<Phase, List<String>> e : selected.entrySet()) {
            if (stopRequested) {
                err.println("jipc bench: stopped");
                return 1;
            }
            Phase ph = e.getKey();
            Path json = dir.resolve("jmh-" + ph.name() + ".json");
            ChainedOptionsBuilder o = new OptionsBuilder()
                    .warmupIterations(ph.warmups()).warmupTime(TimeValue.milliseconds(ph.warmupMs()))
                    .measurementIterations(ph.iterations()).measurementTime(TimeValue.milliseconds(ph.iterationMs()))
                    .forks(ph.forks()).shouldFailOnError(false).timeout(TimeValue.seconds(60))
                    .jvmArgsAppend("-Djipc.bench.out=" + dir, "-Xmx512m", "-Djava.awt.headless=true")
                    .result(json.toString()).resultFormat(ResultFormatType.JSON);
            for (String n : e.getValue()) {
                o.include("^" + Pattern.quote(n) + "$");
            }
            overrides.get(ph).forEach(o::param);
            if (ph.gc()) {
                o.addProfiler("gc");
            }
            try {
                new Runner(o.build(), progress).run();
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
        out.println("finished in " + mmss(secs) + "; JMH JSON: " + results);
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

    private static void expand(String name, List<Map.Entry<String, String[]>> params, int i, String key, List<String> plan) {
        if (i == params.size()) {
            plan.add(name + "\t" + key);
            return;
        }
        for (String v : params.get(i).getValue()) {
            expand(name, params, i + 1, (key.isEmpty() ? "" : key + ",") + params.get(i).getKey() + "=" + v, plan);
        }
    }

    /** Why benchmark {@code name} cannot run mechanism {@code mech} here (checked before forking), or null. */
    static String unavailable(String name, String mech) {
        if (name.contains(".Channel")) {
            return Channels.unavailable(mech, 64);
        }
        if (name.contains(".Mutex")) {
            return Locker.unavailable(mech);
        }
        if (name.contains(".Region")) {
            return Regions.unavailable(mech);
        }
        if (name.contains(".MultiQueueServer")) {
            String why = Channels.unavailable(mech, 64);
            return why == null && mech.equals("posix") ? PosixWait.unavailable() : why;
        }
        return null;
    }

    static List<Phase> quickPhases() {
        // forks = 0: the benchmarks run inside this JVM (no JVM start per trial; each trial still
        // starts its peer JVMs). Numbers are rougher than --full's forked runs, the code is the same.
        List<Phase> l = new ArrayList<>();
        l.add(new Phase("channels", "io\\.jipc\\.bench\\.Channel(RoundTrip|Throughput)\\.",
                Map.of("size", new String[] {"64", "8192"}), false, 1, 300, 2, 300, 0));
        l.add(new Phase("mutexes", "io\\.jipc\\.bench\\.Mutex(Uncontended|Contended)\\.", Map.of(), false, 1, 200, 2, 250, 0));
        l.add(new Phase("regions", "io\\.jipc\\.bench\\.Region(Bandwidth|Sync|CrossRead)\\.",
                Map.of("block", new String[] {"16777216"}), false, 1, 200, 2, 250, 0));
        l.add(new Phase("claims", "io\\.jipc\\.bench\\.(RegionHandOver|SysvSelectDepth|MultiQueueServer|ClientServerDesigns)\\.",
                Map.of("size", new String[] {"64", "8192"}, "queues", new String[] {"1", "16"},
                        "clients", new String[] {"1", "16"}), false, 1, 200, 2, 250, 0));
        return l;
    }

    static List<Phase> fullPhases() {
        List<Phase> l = new ArrayList<>();
        l.add(new Phase("channels", "io\\.jipc\\.bench\\.Channel(RoundTrip|Throughput)\\.", Map.of(), true, 3, 1000, 5, 1000, 2));
        l.add(new Phase("mutex-hot", "io\\.jipc\\.bench\\.MutexUncontended\\.", Map.of(), true, 3, 1000, 5, 1000, 2));
        l.add(new Phase("mutex-contended", "io\\.jipc\\.bench\\.MutexContended\\.", Map.of(), false, 2, 1000, 5, 1000, 1));
        l.add(new Phase("regions", "io\\.jipc\\.bench\\.Region(Bandwidth|Sync|CrossRead)\\.", Map.of(), false, 2, 1000, 5, 1000, 1));
        l.add(new Phase("claims", "io\\.jipc\\.bench\\.(RegionHandOver|SysvSelectDepth|MultiQueueServer|ClientServerDesigns)\\.",
                Map.of(), false, 2, 1000, 5, 1000, 1));
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

    static String mmss(long secs) {
        return String.format("%d:%02d", secs / 60, secs % 60);
    }

    /** JMH's output goes to jmh.log; the console gets one progress line per benchmark. */
    static final class Progress implements OutputFormat {
        private final PrintWriter console;
        private final PrintStream logStream;
        private final OutputFormat log;
        private final int total;
        private final long start;
        private int done;

        Progress(PrintWriter console, int total, long start, Path logFile) {
            this.console = console;
            this.total = total;
            this.start = start;
            try {
                this.logStream = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.log = OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL);
        }

        void log(String s) {
            logStream.println(s);
        }

        @Override
        public void startBenchmark(BenchmarkParams bp) {
            if (stopRequested) {
                throw new IllegalStateException("jipc bench: stopped"); // ends this phase; the loop then stops
            }
            done++;
            long el = (System.nanoTime() - start) / 1_000_000_000L;
            long eta = done <= 1 ? -1 : el * (total - done + 1) / (done - 1);
            String name = bp.getBenchmark().substring(bp.getBenchmark().lastIndexOf('.', bp.getBenchmark().lastIndexOf('.') - 1) + 1);
            console.printf("[%3d/%d] %-34s %-32s elapsed %s  ETA %s%n", done, total, name, BenchSupport.paramsKey(bp),
                    mmss(el), eta < 0 ? "?" : mmss(eta));
            console.flush();
            log.startBenchmark(bp);
        }

        @Override
        public void iteration(BenchmarkParams b, IterationParams i, int n) {
            log.iteration(b, i, n);
        }

        @Override
        public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
            log.iterationResult(b, i, n, r);
        }

        @Override
        public void endBenchmark(BenchmarkResult r) {
            log.endBenchmark(r);
        }

        @Override
        public void startRun() {
            log.startRun();
        }

        @Override
        public void endRun(Collection<RunResult> r) {
            log.endRun(r);
        }

        @Override
        public void print(String s) {
            log.print(s);
        }

        @Override
        public void println(String s) {
            log.println(s);
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
            logStream.close();
        }

        @Override
        public void verbosePrintln(String s) {
            log.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            log.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            log.write(b);
        }
    }
}
