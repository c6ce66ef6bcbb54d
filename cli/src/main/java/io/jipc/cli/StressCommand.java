package io.jipc.cli;

import io.jipc.bench.verify.Cleanups;
import io.jipc.bench.verify.StressNames;
import io.jipc.bench.verify.StressResult;
import io.jipc.bench.verify.StressSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code jipc stress}: the stress suite ({@link StressSuite}) across child JVMs for every channel
 * and mutex scheme, or those of {@code --only}; prints lost / duplicated / corrupt / out-of-order
 * counts and exact counters, exit 1 when a scheme broke a promise.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Stress every channel and mutex scheme across child JVMs.",
                "Checks that nothing is lost, duplicated, corrupt or reordered, and that mutex counters are exact. The full run is --messages 1000000 (minutes); the default is 100000."})
public final class StressCommand extends BaseCommand {
    @Option(names = "--messages", paramLabel = "N", defaultValue = "100000",
            description = "Messages per channel run, split between its producers (default ${DEFAULT-VALUE}); the"
                    + " slow-consumer run sends max(500, N/200) to consumers pausing 1 ms per message, each mutex run makes max(270, N/20) increments.")
    long messages;

    @Option(names = "--only", paramLabel = "SCHEMES",
            description = "Comma-separated schemes: sysv, posix, pipe, fifo, unix (or unix-stream, unix-seqpacket),"
                    + " ring, sysv-noundo, fcntl, ofd, flock, lockfile, linklock, robust; channel:X or mutex:X for one"
                    + " kind; channels, mutexes.")
    String only;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (messages < 1) {
            throw new UsageError("--messages must be at least 1, not " + messages);
        }
        List<String> selected;
        try {
            selected = StressSuite.select(only);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        PrintWriter out = out();
        PrintWriter err = err();
        StressNames names = StressNames.temporary();
        names.deleteDirOnExit();
        long start = System.nanoTime();
        List<StressResult> rows;
        try (Cleanups.Hook cleanup = Cleanups.onExit()) {
            rows = StressSuite.run(messages, selected, names, r -> {
                if (!json) {
                    err.println("stress: " + r.scheme() + " " + r.test() + ": " + (r.ok() ? "ok" : "FAIL") + " ("
                            + String.format(java.util.Locale.ROOT, "%.1f s", r.seconds()) + ")");
                    err.flush();
                }
            });
        } finally {
            names.deleteDir();
        }
        if (json) {
            out.print(StressSuite.json(rows));
        } else {
            out.print(StressSuite.table(rows));
            out.printf(java.util.Locale.ROOT, "%d runs, %d failed, %.0f s%n", rows.size(),
                    rows.stream().filter(r -> !r.ok()).count(), (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return rows.stream().allMatch(StressResult::ok) ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
}
