package io.jipc.cli;

import io.jipc.bench.BenchMain;
import io.jipc.bench.Choose;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jipc choose [--size BYTES] [--pattern request-reply|stream|bulk|lock] [--related]
 * [--crash-safe]}: recommends a mechanism from the latest benchmark results, with the numbers
 * behind the choice. Without results it says how to get them and exits 1: it never starts a
 * benchmark on its own.
 */
@Command(name = "choose", mixinStandardHelpOptions = true,
        description = {"Recommend a mechanism from the latest benchmark results.",
                "Reads the latest `jipc bench` run (jipc-results/LATEST in this directory) or --results FILE. Without results it says how to get them and exits 1: it never starts a benchmark itself. Exits 1 too when nothing measured fits the constraints."})
public final class ChooseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", description = "Message size (default 64).")
    long size;

    @Option(names = "--pattern", defaultValue = "request-reply",
            description = "request-reply (default), stream, bulk or lock.")
    String pattern;

    @Option(names = "--related", description = "The processes are parent and spawned child (pipes, anon allowed).")
    boolean related;

    @Option(names = "--crash-safe", description = "Nothing may stay behind / a dead holder must be detected.")
    boolean crashSafe;

    @Option(names = "--across-hosts", description = "The processes run on different hosts (aeron-udp channels, zookeeper locks).")
    boolean acrossHosts;

    @Option(names = "--results", paramLabel = "RESULTS.json", description = "Use these results instead of the latest.")
    Path results;

    @Override
    public Integer call() {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("request-reply", "stream", "bulk", "lock").contains(p)) {
            throw new UsageError("invalid value for option '--pattern': '" + pattern + "' (choose request-reply, stream, bulk or lock)");
        }
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new UsageError("invalid value for option '--size': " + size + " (give 1 to " + Integer.MAX_VALUE + " bytes)");
        }
        if (results != null) {
            ReportCommand.checkInput("--results", results);
        }
        if (results == null && Choose.latest() == null) {
            throw new Failure("no benchmark results yet (nothing in " + BenchMain.LATEST.toAbsolutePath()
                    + "): run 'jipc bench' first (a few minutes), or give --results FILE");
        }
        try {
            return Choose.run(results, size, pattern, related, crashSafe, acrossHosts, spec.commandLine().getOut());
        } catch (io.jipc.bench.report.ReportException e) {
            throw new Failure(e.getMessage()
                    + (results == null ? " (the latest results, from " + BenchMain.LATEST.toAbsolutePath() + "; give --results FILE or run 'jipc bench')" : ""), e);
        }
    }
}
