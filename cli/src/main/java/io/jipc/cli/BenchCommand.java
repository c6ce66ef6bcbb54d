package io.jipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jipc bench}: TEMPORARY placeholder. The benchmark suite (module {@code bench}) has not
 * landed yet; until it replaces this class, the command says so and prints the installed
 * backends and the limits in force instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure every backend and write a report (NOT YET AVAILABLE: until the benchmark",
                "suite lands, this prints the installed backends and the limits in force instead)."})
public final class BenchCommand extends BaseCommand {
    @Option(names = "--quick", description = "A short run (accepted; the suite is not there yet).")
    boolean quick;

    @Override
    public Integer call() {
        out().println("The benchmark suite is not there yet: `jipc bench` will measure every backend and write a report.");
        out().println("Meanwhile, here are the installed backends and the limits in force.");
        out().println();
        out().println("== Backends ==");
        int code = new picocli.CommandLine(new BackendsCommand()).setOut(out()).setErr(err()).execute();
        out().println();
        out().println("== Limits ==");
        int code2 = new picocli.CommandLine(new LimitsCommand()).setOut(out()).setErr(err()).execute();
        return Math.max(code, code2);
    }
}
