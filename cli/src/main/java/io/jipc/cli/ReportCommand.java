package io.jipc.cli;

import io.jipc.bench.report.Report;
import io.jipc.bench.report.ReportException;
import io.jipc.bench.report.Results;
import java.io.IOException;
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
        description = {"Turn the results of a benchmark run into a report.",
                "Reads a results.json from `jipc bench` (or any JMH JSON of the suite) and writes report.md and report.html."})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "JMH JSON results.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: beside the JSON).")
    Path out;

    @Override
    public Integer call() {
        checkInput("RESULTS.json", results);
        try {
            Results.load(results); // the input is checked before anything is created
        } catch (ReportException e) {
            throw new Failure(e.getMessage(), e);
        }
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new java.nio.file.AccessDeniedException(dir.toString());
            }
        } catch (IOException e) {
            throw new Failure("cannot write the report into " + (out != null ? "--out " : "") + dir + ": " + ReportException.why(e), e);
        }
        Report.Output o;
        try {
            o = Report.write(results, dir);
        } catch (ReportException e) {
            throw new Failure(e.getMessage(), e);
        }
        spec.commandLine().getOut().println("report: " + o.markdown() + "  and  " + o.html() + " (" + o.charts().size()
                + " charts)");
        return 0;
    }

    /** A results file named on the command line must be a readable regular file (a usage error otherwise). */
    static void checkInput(String what, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageError(what + " " + file + " is a directory, not a results file (give its results.json)");
        }
        if (!Files.exists(file)) {
            throw new UsageError(what + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new Failure("cannot read " + what + " " + file + ": permission denied");
        }
    }
}
