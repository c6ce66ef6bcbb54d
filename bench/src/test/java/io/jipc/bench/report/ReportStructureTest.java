package io.jipc.bench.report;

import io.jipc.bench.BenchSupport;
import io.jipc.bench.checks.CheckResult;
import io.jipc.bench.checks.LiveChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's form, on a JMH JSON of the real shape with chosen figures (and errors): a table of
 * contents whose anchors resolve in both outputs, µs, one number format, right-aligned figure
 * columns, {@code ±} columns where JMH gives a score error, proper plurals, a capability matrix
 * with one column per backend, charts without a legend for one series and dot plots on log
 * axes, and the semantic claims judged from {@code checks.tsv} (or "not checked in this run").
 */
class ReportStructureTest {
    private Path dir;

    @AfterEach
    void clean() {
        BenchSupport.deleteQuietly(dir);
    }

    private static String sample(String bench, String params, double meanUs, double errUs, double p50us) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.%s\",\"mode\":\"sample\",\"params\":{%s},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":%f,\"scoreUnit\":\"us/op\",\"scorePercentiles\":"
                + "{\"50.0\":%f,\"90.0\":%f,\"99.0\":%f,\"99.9\":%f}},\"secondaryMetrics\":{}}",
                bench, params, meanUs, errUs, p50us, p50us * 2, p50us * 5, p50us * 20);
    }

    private static String metric(String bench, String mode, String params, double score, double err, String unit) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.%s\",\"mode\":\"%s\",\"params\":{%s},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":%s,\"scoreUnit\":\"%s\"},\"secondaryMetrics\":{}}",
                bench, mode, params, score, Double.isNaN(err) ? "\"NaN\"" : String.format(Locale.ROOT, "%f", err), unit);
    }

    private Report.Output report(boolean withChecks) throws Exception {
        dir = Files.createTempDirectory("jipc-report-structure-");
        String json = "[" + String.join(",",
                sample("ChannelRoundTrip.roundTrip", "\"mech\":\"sysv\",\"size\":\"64\"", 16.2, 0.8, 15.0),
                sample("ChannelRoundTrip.roundTrip", "\"mech\":\"ring\",\"size\":\"64\"", 0.9, 0.05, 0.73),
                sample("ChannelRoundTrip.roundTrip", "\"mech\":\"pipe\",\"size\":\"64\"", 22.0, 1.5, 21.4),
                metric("ChannelThroughput.send", "thrpt", "\"mech\":\"sysv\",\"size\":\"64\"", 314801, 12000, "ops/s"),
                metric("ChannelThroughput.send", "thrpt", "\"mech\":\"ring\",\"size\":\"64\"", 4440000, 300000, "ops/s"),
                metric("ChannelThroughput.send", "thrpt", "\"mech\":\"pipe\",\"size\":\"64\"", 191992, 9000, "ops/s"),
                metric("MutexUncontended.lockUnlock", "avgt", "\"mech\":\"posix\"", 69.9, 2.1, "ns/op"),
                metric("MutexUncontended.lockUnlock", "avgt", "\"mech\":\"fcntl\"", 480, 20, "ns/op"),
                metric("ClientServerDesigns.request", "thrpt", "\"design\":\"shared-queue\",\"clients\":\"1\"", 40000, 900,
                        "ops/s"),
                metric("ClientServerDesigns.request", "thrpt", "\"design\":\"queue-per-client\",\"clients\":\"1\"", 41000,
                        Double.NaN, "ops/s")) + "]";
        Path results = dir.resolve("results.json");
        Files.writeString(results, json);
        if (withChecks) {
            LiveChecks.write(dir, List.of(
                    new CheckResult("sysv-msgtyp-order", List.of("C5"), CheckResult.Outcome.PASSED,
                            "receive with msgtyp -300 gave 100, 100, 200, 300, then nothing", 12),
                    new CheckResult("posix-priority-order", List.of("C5"), CheckResult.Outcome.PASSED, "5, 5, 3, 1, 0", 3),
                    new CheckResult("sysv-sem-undo-kill", List.of("C8"), CheckResult.Outcome.FAILED,
                            "the semaphore stayed taken (test)", 800),
                    new CheckResult("sysv-persistence", List.of("C9"), CheckResult.Outcome.PASSED, "still there", 700),
                    new CheckResult("posix-unlink-while-open", List.of("C12"), CheckResult.Outcome.ERROR,
                            "could not run: backend missing (test)", 1),
                    new CheckResult("unix-peercred", List.of("C15"), CheckResult.Outcome.PASSED, "SO_PEERCRED gave pid 42",
                            600)));
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        return Report.write(results, out);
    }

    @Test
    void tableOfContentsAnchorsResolveInBothOutputs() throws Exception {
        Report.Output o = report(true);
        String md = Files.readString(o.markdown());
        String html = Files.readString(o.html());
        int links = 0;
        Matcher m = Pattern.compile("\\]\\(#([^)]+)\\)").matcher(md);
        while (m.find()) {
            links++;
            assertTrue(md.contains("<a id=\"" + m.group(1) + "\"></a>"), "markdown anchor #" + m.group(1));
        }
        assertTrue(links >= 15, "a contents list with the sections: " + links);
        Matcher h = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        int hrefs = 0;
        while (h.find()) {
            hrefs++;
            assertTrue(html.contains(" id=\"" + h.group(1) + "\""), "html anchor #" + h.group(1));
        }
        assertEquals(links, hrefs);
        assertTrue(md.contains("](#live-checks-of-the-semantic-claims)"), "GitHub-style anchors");
        assertTrue(md.contains("](#c2-region--mutex-hand-over-vs-a-stream)"), "GitHub drops '+' and keeps both hyphens");
        // the one-picture summary: a chart that decodes
        Path summary = o.charts().stream().filter(p -> p.getFileName().toString().equals("summary.png")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary chart"));
        assertNotNull(javax.imageio.ImageIO.read(summary.toFile()));
        assertTrue(md.contains("](charts/summary.png)"));
    }

    @Test
    void unitsNumbersPluralsAndErrors() throws Exception {
        Report.Output o = report(true);
        String md = Files.readString(o.markdown());
        assertTrue(md.contains("(µs)"), "µs");
        Matcher us = Pattern.compile("\\(us\\)|[0-9] us\\b").matcher(md);
        assertFalse(us.find(), () -> "no 'us' left: " + md.substring(Math.max(0, us.start() - 80), us.end() + 20));
        assertFalse(md.contains("Mutexs") || md.contains("Regionss"), "plurals");
        assertFalse(Pattern.compile("\\b1 clients\\b").matcher(md).find(), "1 client, not 1 clients");
        assertTrue(md.contains("1 client"), md);
        // one number format: 314801 msg/s is 315k, 4.44M stays 4.44M
        assertFalse(md.contains("314801"), "raw figure");
        assertTrue(md.contains("315k ± 12.0k"), "throughput with its error");
        assertTrue(md.contains("4.44M ± 300k"), "throughput with its error");
        assertTrue(md.contains("| posix | 69.9 ± 2.10 |"), "mutex with its error\n" + md);
        assertTrue(md.contains("16.2 ± 0.800"), "round-trip mean with its error");
        assertTrue(md.contains("mean ± error (µs)"), "the error column is named");
        assertTrue(md.contains("| 41.0k |"), "no error: the figure alone");
        // figures are right-aligned (markdown ---:, html class n)
        assertTrue(md.contains("---:|"), "right-aligned columns");
        assertTrue(Files.readString(o.html()).contains("<td class=\"n\">315k ± 12.0k</td>"), "right-aligned cell");
    }

    @Test
    void capabilityMatrixHasOneColumnPerBackendAndNotesBelow() throws Exception {
        Report.Output o = report(true);
        String md = Files.readString(o.markdown());
        assertTrue(md.contains("### Channels"), md);
        assertTrue(md.contains("### Mutexes"), md);
        assertTrue(Pattern.compile("\\| channel \\| `sysv` \\|").matcher(md).find()
                || Pattern.compile("\\| channel \\| `[a-z]+` \\|").matcher(md).find(), "one column per backend");
        assertTrue(md.contains("| tagging |"), "a row per capability");
        assertFalse(md.contains("| notes |"), "notes are a list, not a column");
    }

    @Test
    void semanticClaimsComeFromTheLiveChecks() throws Exception {
        Report.Output o = report(true);
        Map<String, Analysis.Claim> c = new LinkedHashMap<>();
        o.claims().forEach(x -> c.put(x.id(), x));
        assertEquals("confirmed (live checks)", c.get("C5").verdict());
        assertTrue(c.get("C5").figures().contains("100, 100, 200, 300, then nothing"), c.get("C5").figures());
        assertTrue(c.get("C8").verdict().startsWith("refuted"), c.get("C8").verdict());
        assertEquals("confirmed (live check)", c.get("C9").verdict());
        assertTrue(c.get("C12").verdict().startsWith("depends (live check posix-unlink-while-open could not run"),
                c.get("C12").verdict());
        assertEquals("confirmed (live check)", c.get("C15").verdict());
        assertTrue(c.get("C15").figures().contains("SO_PEERCRED gave pid 42"));
        String md = Files.readString(o.markdown());
        assertTrue(md.contains("## Live checks of the semantic claims"));
        assertTrue(md.contains("the semaphore stayed taken (test)"), "what the check saw is in the report");

        clean();
        Report.Output without = report(false);
        for (Analysis.Claim x : without.claims()) {
            if (List.of("C5", "C8", "C9", "C12", "C15").contains(x.id())) {
                assertEquals("depends (not checked in this run)", x.verdict(), x.id());
            }
        }
        assertTrue(Files.readString(without.markdown()).contains("not checked in this run"));
    }

    @Test
    void chartsOneSeriesNoLegendAndDotsOnLogAxes() {
        Map<String, Map<String, Double>> one = Charts.series();
        one.put("only", new LinkedHashMap<>(Map.of("a", 1.0, "b", 2.0)));
        CategoryChart single = Charts.categoryChart("t", "x", "y", one, null);
        assertNotNull(single);
        assertFalse(single.getStyler().isLegendVisible(), "one series: no legend");
        assertEquals(0.0, single.getStyler().getYAxisMin(), "linear bars start at the axis");

        Map<String, Map<String, Double>> two = Charts.series();
        two.put("p50", new LinkedHashMap<>(Map.of("a", 1.0, "b", 2.0)));
        two.put("p99", new LinkedHashMap<>(Map.of("a", 100.0, "b", 900.0)));
        CategoryChart log = Charts.categoryChart("t", "x", "y", two, null);
        assertTrue(log.getStyler().isLegendVisible(), "two series: a legend");
        assertTrue(log.getStyler().isYAxisLogarithmic());
        assertEquals(CategorySeries.CategorySeriesRenderStyle.Scatter, log.getStyler().getDefaultSeriesRenderStyle(),
                "a log axis gets dots, not bars from an arbitrary floor");

        Map<String, Map<String, Double>> gap = Charts.series();
        gap.put("64 B", new LinkedHashMap<>(Map.of("fifo", 10.0, "pipe", 12.0)));
        gap.put("8192 B", new LinkedHashMap<>(Map.of("pipe", 900.0)));
        CategoryChart withGap = Charts.categoryChart("t", "x", "y", gap, null);
        assertTrue(withGap.getSeriesMap().get("8192 B").getXData().contains("fifo"),
                "a mechanism missing one size keeps its other points (a gap, not a vanished category)");

        Map<String, Map<Double, Double>> line = Charts.series();
        line.put("only", new LinkedHashMap<>(Map.of(1.0, 3.0, 2.0, 4.0)));
        XYChart xy = Charts.xyChart("t", "x", "y", line, false);
        assertFalse(xy.getStyler().isLegendVisible(), "one line: no legend");
    }

    @Test
    void oneNumberFormat() {
        assertEquals("315k", Fmt.num(314801));
        assertEquals("4.44M", Fmt.num(4_440_000));
        assertEquals("1.00k", Fmt.num(999.7));
        assertEquals("176", Fmt.num(176.2));
        assertEquals("88.7", Fmt.num(88.66));
        assertEquals("0.730", Fmt.num(0.73));
        assertEquals("-", Fmt.num(Double.NaN));
        assertEquals("-12.0", Fmt.num(-12));
        assertEquals("15.0 ± 1.20", Fmt.pm(15, 1.2));
        assertEquals("15.0", Fmt.pm(15, Double.NaN));
        assertEquals("1 client", Fmt.plural(1, "client"));
        assertEquals("16 clients", Fmt.plural(16, "client"));
        assertEquals("mutexes", Fmt.plural("mutex"));
        assertEquals("10", Fmt.tick(10));
        assertEquals("0.1", Fmt.tick(0.1));
        assertEquals("1M", Fmt.tick(1e6));
        assertEquals("100k", Fmt.tick(1e5));
    }
}
