package io.jipc.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** JMH's output goes to jmh.log; the console gets one progress line per benchmark. */
final class Progress implements OutputFormat {
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

    /** "m:ss". */
    static String mmss(long secs) {
        return String.format("%d:%02d", secs / 60, secs % 60);
    }

    void log(String s) {
        logStream.println(s);
    }

    @Override
    public void startBenchmark(BenchmarkParams bp) {
        if (BenchMain.stopRequested()) {
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
