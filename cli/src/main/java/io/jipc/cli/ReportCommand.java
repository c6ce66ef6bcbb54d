package io.jipc.cli;

import io.jipc.bench.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jipc report RESULTS.json [--out DIR]}: turns a JMH JSON (with the side files a
 * {@code jipc bench} run writes beside it) into {@code DIR/report.md}, {@code DIR/report.html} and
 * {@code DIR/charts/}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Turn a results.json from `jipc bench` (or any JMH JSON of the suite) into report.md/report.html.")
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "JMH JSON results.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: beside the JSON).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(results)) {
            spec.commandLine().getErr().println("jipc report: " + results + ": no such file");
            return 2;
        }
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Report.Output o = Report.write(results, dir);
        spec.commandLine().getOut().println("report: " + o.markdown() + "  and  " + o.html() + " (" + o.charts().size()
                + " charts)");
        return 0;
    }
}
