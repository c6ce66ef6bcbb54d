package io.jipc.cli;

import io.jipc.bench.BenchMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jipc bench [--quick|--full] [--only REGEX] [--out DIR]}: runs the JMH suite with a
 * progress line, writes the JMH JSON and the report (Markdown, HTML, charts), prints the headline
 * table and where the report is. See {@link BenchMain}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure every installed backend on this machine, write a report.",
            "Writes report.md, report.html with charts and results.json. --quick (default) takes a few minutes. Exits 1 when a benchmark failed (a row skipped because a backend is not installed or a system limit forbids it is not a failure).",
            "Ctrl-C / SIGTERM stops the peers and removes the IPC objects and temporary files the run created."})
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Every backend and claim, short iterations (default; <= 5 min on 2 cores).")
    boolean quick;

    @Option(names = "--full", description = "Publication mode: all sizes, longer iterations, 2 forks, -prof gc.")
    boolean full;

    @Option(names = "--only", paramLabel = "REGEX", description = "Only benchmarks whose name matches (e.g. ChannelRoundTrip).")
    String only;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default jipc-results/DATE-TIME).")
    Path out;

    @Override
    public Integer call() {
        if (quick && full) {
            throw new UsageError("--quick and --full exclude each other");
        }
        if (only != null && BenchMain.badRegex(only) != null) {
            throw new UsageError(BenchMain.badRegex(only));
        }
        java.util.List<String> args = new java.util.ArrayList<>();
        args.add(full ? "--full" : "--quick");
        if (only != null) {
            args.add("--only");
            args.add(only);
        }
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        // Ctrl-C / SIGTERM: peers and forks are stopped, the objects the run created are removed
        Teardown.onStop(BenchMain::requestStop);
        try (Teardown.Run run = Teardown.watchRun()) {
            return BenchMain.run(args.toArray(new String[0]), spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (io.jipc.bench.report.ReportException e) {
            throw new Failure(e.getMessage(), e);
        }
    }
}
