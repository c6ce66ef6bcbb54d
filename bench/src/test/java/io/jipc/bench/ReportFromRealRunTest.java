package io.jipc.bench;

import io.jipc.bench.report.Analysis;
import io.jipc.bench.report.Fmt;
import io.jipc.bench.report.Report;
import io.jipc.bench.report.Results;
import io.jipc.bench.report.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report generator on a REAL JMH JSON: a tiny in-test run (a few short iterations, no fork)
 * of one channel benchmark (the JDK Unix-domain socket peer, with its echo peer JVM) and one
 * mutex benchmark (the JDK FileChannel.lock peer) — both independent of which jipc backends are
 * installed — then the report: tables carry the measured numbers, charts are PNG files that
 * decode, every claim C1-C15 has a verdict row, and a recorded skip becomes a failure row.
 * Never asserts a timing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportFromRealRunTest {
    static Path dir;
    static Path json;
    static String previousOut;

    @BeforeAll
    static void run() throws Exception {
        dir = Files.createTempDirectory("jipc-bench-test-");
        previousOut = System.getProperty("jipc.bench.out");
        System.setProperty("jipc.bench.out", dir.toString());
        // a `./jipc bench` running at the same time holds JMH's /tmp/jmh.lock: this tiny in-process run
        // measures nothing that matters, so it must not fail for that
        System.setProperty("jmh.ignoreLock", "true");
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        new Runner(new OptionsBuilder().include("io\\.jipc\\.bench\\.ChannelRoundTrip\\.roundTrip")
                .param("mech", "jdk-unix").param("size", "64")
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(200)).forks(0).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .result(a.toString()).resultFormat(ResultFormatType.JSON).build()).run();
        new Runner(new OptionsBuilder().include("io\\.jipc\\.bench\\.MutexUncontended\\.lockUnlock")
                .param("mech", "jdk-filelock")
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(200)).forks(0).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .result(b.toString()).resultFormat(ResultFormatType.JSON).build()).run();
        json = dir.resolve("results.json");
        BenchMain.merge(List.of(a.toString(), b.toString()), json);
        // a benchmark that "could not run": the report must show it as a row with its reason
        Files.writeString(dir.resolve(BenchSupport.SKIPS), "io.jipc.bench.ChannelRoundTrip.roundTrip\tmech=sysv,size=65536\t"
                + "not allowed by limit msgmax=8192 (test)\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @AfterAll
    static void cleanUp() {
        if (previousOut == null) {
            System.clearProperty("jipc.bench.out");
        } else {
            System.setProperty("jipc.bench.out", previousOut);
        }
        BenchSupport.deleteQuietly(dir);
    }

    @Test
    void tablesChartsAndVerdictsComeFromTheNumbers() throws Exception {
        Results res = Results.load(json);
        Row rtt = res.find("ChannelRoundTrip", "roundTrip", "mech", "jdk-unix", "size", "64");
        Row lock = res.find("MutexUncontended", "lockUnlock", "mech", "jdk-filelock");
        assertNotNull(rtt, "the channel benchmark produced a result");
        assertNotNull(lock, "the mutex benchmark produced a result");
        assertTrue(rtt.percentiles().containsKey("99.9"), "SampleTime percentiles are read");

        Path out = dir.resolve("report");
        Files.createDirectories(out);
        Report.Output o = Report.write(json, out);
        String md = Files.readString(o.markdown());
        String html = Files.readString(o.html());

        // tables carry the measured numbers, formatted as the report formats them
        String p50 = Analysis.fmt(rtt.nanos("50.0") / 1e3);
        String p999 = Analysis.fmt(rtt.nanos("99.9") / 1e3);
        assertTrue(md.contains("| jdk-unix | 64 | " + p50 + " |"), "latency row with p50 " + p50 + "\n" + md);
        assertTrue(md.contains(p999), "p99.9 " + p999);
        String lockCell = Fmt.pm(lock.nanos(null), lock.nanos(null) * Math.abs(lock.error() / lock.score()));
        assertTrue(md.contains("| jdk-filelock (peer) | " + lockCell + " |"), "mutex row with JMH's error: " + lockCell);
        if (lock.error() > 0) {
            assertTrue(lockCell.contains(" ± "), "JMH gave a score error: the report shows it");
        }
        if (rtt.error() > 0) {
            assertTrue(md.contains(Fmt.pm(rtt.nanos(null) / 1e3, rtt.error() * 1e3 / 1e3)),
                    "round-trip mean with its error");
        }

        // readability: units, plurals, contents
        assertTrue(md.contains("(µs)") && !md.contains("(us)"), "µs");
        assertFalse(md.contains("Mutexs"), "plural");
        assertTrue(md.contains("**Contents**") && html.contains("<nav class=\"toc\">"), "table of contents");
        // this directory has no checks.tsv: the semantic claims say so instead of guessing
        assertTrue(md.contains("not checked in this run"), "no live checks in this directory");
        assertTrue(Report.headline(res).contains("jdk-unix (peer)"), "headline table");

        // the recorded skip is a row with its reason; the machine and limits are printed
        assertTrue(md.contains("not allowed by limit msgmax=8192 (test)"), "skip row");
        assertTrue(md.contains("msgmax"), "limits section");
        assertTrue(md.contains("## Machine") && md.contains("## Capability matrix"), "sections");

        // charts: PNG files that decode, embedded in the HTML
        assertTrue(o.charts().stream().anyMatch(p -> p.getFileName().toString().equals("rtt-64.png")), "rtt chart");
        assertTrue(o.charts().stream().anyMatch(p -> p.getFileName().toString().equals("mutex-uncontended.png")), "mutex chart");
        for (Path png : o.charts()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " decodes");
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100, png + " has a size");
        }
        assertTrue(html.contains("data:image/png;base64,"), "charts embedded in the HTML");
        assertTrue(md.contains("](charts/rtt-64.png)"), "markdown links the chart");

        // a verdict row per claim, each one of the three verdicts
        assertEquals(15, o.claims().size());
        for (int i = 1; i <= 15; i++) {
            String id = "C" + i;
            Analysis.Claim c = o.claims().get(i - 1);
            assertEquals(id, c.id());
            assertTrue(Set.of("confirmed", "refuted", "depends").stream().anyMatch(v -> c.verdict().startsWith(v)),
                    id + " verdict: " + c.verdict());
            assertTrue(md.contains("| " + id + " |"), id + " row in the claims table");
        }
    }
}
