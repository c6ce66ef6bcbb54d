package io.jipc.bench.report;

import io.jipc.bench.BenchSupport;
import io.jipc.bench.CReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's Java / C table (the same statistic on both sides, every mechanism with a C twin),
 * its B/op table fed by the allocation pass's {@code gc.json}, and the Ring vs Agrona and Java vs C
 * charts, on a synthetic run: JMH JSON of the real shape, {@code c-results.tsv} as the C programs
 * print it, and a {@code gc.json} with {@code gc.alloc.rate.norm}.
 */
class JavaVsCAndAllocationTest {
    private Path dir;

    @AfterEach
    void clean() {
        BenchSupport.deleteQuietly(dir);
    }

    /** A SampleTime round trip whose mean differs from its p50 (so a mean/median mix-up shows). */
    private static String rtt(String mech, int size, double meanUs, double p50us) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.ChannelRoundTrip.roundTrip\",\"mode\":\"sample\","
                + "\"params\":{\"mech\":\"%s\",\"size\":\"%d\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":\"NaN\","
                + "\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"50.0\":%f,\"90.0\":%f,\"99.0\":%f,\"99.9\":%f}},"
                + "\"secondaryMetrics\":{}}", mech, size, meanUs, p50us, p50us * 2, p50us * 5, p50us * 20);
    }

    private static String metric(String bench, String mode, String params, double score, String unit, double allocNorm) {
        String sec = Double.isNaN(allocNorm) ? "{}" : String.format(Locale.ROOT,
                "{\"·gc.alloc.rate.norm\":{\"score\":%f,\"scoreError\":\"NaN\",\"scoreUnit\":\"B/op\"}}", allocNorm);
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.%s\",\"mode\":\"%s\",\"params\":{%s},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":\"NaN\",\"scoreUnit\":\"%s\"},\"secondaryMetrics\":%s}",
                bench, mode, params, score, unit, sec);
    }

    private static final String[] CHANNELS = {"sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "ring", "agrona"};
    private static final String[] MUTEXES = {"sysv", "posix", "fcntl", "ofd", "flock", "robust", "lockfile"};

    private Report.Output report() throws Exception {
        dir = Files.createTempDirectory("jipc-report-javavsc-");
        List<String> jmh = new ArrayList<>();
        List<String> gc = new ArrayList<>();
        List<String> c = new ArrayList<>();
        for (String m : CHANNELS) {
            boolean shm = m.equals("ring") || m.equals("agrona");
            // Java: mean 2x the p50; C: mean 3x the median
            jmh.add(rtt(m, 64, shm ? 1.6 : 40.0, shm ? 0.8 : 20.0));
            jmh.add(metric("ChannelThroughput.send", "thrpt", "\"mech\":\"" + m + "\",\"size\":\"64\"",
                    m.equals("ring") ? 4.0e6 : 1.0e7, "ops/s", Double.NaN));
            gc.add(metric("ChannelRoundTrip.roundTrip", "sample", "\"mech\":\"" + m + "\",\"size\":\"64\"", 1, "us/op",
                    m.equals("sysv") ? 0.02 : 0.0));
        }
        c.add("c.sysv.rtt\t64\t30000\tns/op");
        c.add("c.sysv.rtt.p50\t64\t10000\tns/op");
        c.add("c.shm.rtt\t64\t600\tns/op");
        c.add("c.shm.rtt.p50\t64\t200\tns/op");
        for (String n : new String[] {"posixmq", "pipe", "fifo", "unix-stream", "unix-seqpacket"}) {
            c.add("c." + n + ".rtt\t64\t30000\tns/op");
            c.add("c." + n + ".rtt.p50\t64\t10000\tns/op");
        }
        for (String m : MUTEXES) {
            jmh.add(metric("MutexUncontended.lockUnlock", "avgt", "\"mech\":\"" + m + "\"", 100, "ns/op", Double.NaN));
            gc.add(metric("MutexUncontended.lockUnlock", "avgt", "\"mech\":\"" + m + "\"", 100, "ns/op",
                    m.equals("lockfile") ? 12100 : 0.3));
        }
        for (String n : new String[] {"c.sysv.sem", "c.posix.sem", "c.fcntl.lock", "c.ofd.lock", "c.flock.lock", "c.robust.lock"}) {
            c.add(n + "\t0\t" + (n.equals("c.posix.sem") ? "2" : "50") + "\tns/op");
        }
        jmh.add(metric("RegionBandwidth.writeWarm", "avgt", "\"mech\":\"posix\",\"block\":\"16777216\"", 2000, "us/op",
                Double.NaN));
        c.add("c.memcpy\t16777216\t1000\tus/op");
        Path results = dir.resolve("results.json");
        Files.writeString(results, "[" + String.join(",", jmh) + "]");
        Files.writeString(dir.resolve(Results.GC_FILE), "[" + String.join(",", gc) + "]");
        Files.write(dir.resolve(CReference.FILE), c);
        return Report.write(results, Files.createDirectories(dir.resolve("out")));
    }

    private static String section(String md, String heading) {
        int i = md.indexOf("## " + heading);
        assertTrue(i >= 0, "section " + heading);
        int j = md.indexOf("\n## ", i + 3);
        return md.substring(i, j < 0 ? md.length() : j);
    }

    private static String row(String section, String start) {
        for (String line : section.split("\n")) {
            if (line.startsWith("| " + start + " |")) {
                return line;
            }
        }
        throw new AssertionError("no row '" + start + "' in\n" + section);
    }

    @Test
    void javaVsCComparesTheSameStatisticForEveryTwin() throws Exception {
        String md = Files.readString(report().markdown());
        String s = section(md, "Java / C ratios");
        // ring: Java p50 800 ns against the C median 200 ns = 4x (the mean 1.6 us against the median would be 8x)
        String ring = row(s, "ring round trip");
        assertTrue(ring.contains("| p50 / median |"), ring);
        assertTrue(ring.contains("| 800 |") && ring.contains("| 200 |") && ring.contains("| 4.00× |"), ring);
        String sysv = row(s, "sysv round trip");
        assertTrue(sysv.contains("| 20.0k |") && sysv.contains("| 10.0k |") && sysv.contains("| 2.00× |"), sysv);
        for (String m : new String[] {"posix", "pipe", "fifo", "unix-stream", "unix-seqpacket"}) {
            String r = row(s, m + " round trip");
            assertTrue(r.contains("| p50 / median |") && r.contains("| 2.00× |"), r);
        }
        assertTrue(row(s, "agrona round trip (peer)").contains("c.shm.rtt"));
        for (String m : new String[] {"sysv", "fcntl", "ofd", "flock", "robust"}) {
            String r = row(s, m + " lock+unlock");
            assertTrue(r.contains("| mean / mean |") && r.contains("| 2.00× |"), r);
        }
        assertTrue(row(s, "posix lock+unlock").contains("| 50.0× |"));
        String memcpy = row(s, "posix region write vs memcpy");
        assertTrue(memcpy.contains("| mean / mean |") && memcpy.contains("| 2.00× |"), memcpy);
        assertFalse(s.contains("no ratio in this run"), "every twin has its pair:\n" + s);
    }

    @Test
    void everyTwinWithoutAPairIsNamed() throws Exception {
        report();
        Files.delete(dir.resolve(CReference.FILE));
        Files.write(dir.resolve(CReference.FILE), List.of("c.sysv.rtt\t64\t30000\tns/op")); // an older run: means only
        Results r = Results.load(dir.resolve("results.json"));
        List<String> missing = new ArrayList<>();
        List<JavaVsC.Pair> pairs = JavaVsC.pairs(r, new Analysis(r), missing);
        assertTrue(pairs.isEmpty(), "a mean is never compared with a p50: " + pairs);
        assertEquals(JavaVsC.CHANNEL_TWINS.size() + JavaVsC.MUTEX_TWINS.size() + 1, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("sysv round trip (c.sysv.rtt): the C program gave no c.sysv.rtt.p50"), missing.get(0));
    }

    @Test
    void allocationTableShowsTheGcPassAndTheCauses() throws Exception {
        String md = Files.readString(report().markdown());
        String s = section(md, "Allocation per operation (B/op)");
        assertTrue(s.contains("| hot path | mechanism | size (B) | B/op | measured by |"), s);
        String lockfile = row(s, "lock+unlock | lockfile");
        assertTrue(lockfile.contains("| 12.1k |") && lockfile.contains("allocation pass (--quick)"), lockfile);
        assertTrue(row(s, "round trip | sysv").contains("| 0.0200 |"), s);
        assertTrue(row(s, "round trip | ring").contains("| 0 |") || row(s, "round trip | ring").contains("| 0.00 |"), s);
        assertTrue(s.contains("- lockfile lock+unlock: **12.1k B/op** — each acquisition writes a fresh identity"), s);
        assertFalse(s.contains("- sysv "), "below the noise floor is not listed as allocating:\n" + s);
        assertFalse(s.contains("- fcntl "), s);
    }

    @Test
    void ringVsAgronaAndJavaVsCCharts() throws Exception {
        Report.Output o = report();
        String md = Files.readString(o.markdown());
        for (String name : new String[] {"ring-vs-agrona", "java-vs-c"}) {
            Path png = o.charts().stream().filter(p -> p.getFileName().toString().equals(name + ".png")).findFirst()
                    .orElseThrow(() -> new AssertionError("no chart " + name));
            assertNotNull(javax.imageio.ImageIO.read(png.toFile()), name);
            assertTrue(md.contains("](charts/" + name + ".png)"), name);
        }
        String s = section(md, "Ring vs Agrona");
        assertTrue(row(s, "round trip p50, 64 B").contains("| 1.00× |"), s);
        assertTrue(row(s, "time per one-way message, 64 B").contains("| 2.50× |"), s); // 1e7 / 4e6 messages/s
        // the Java / C ratios span more than a decade (2x .. 50x): a dot plot on a log axis
        Results r = Results.load(dir.resolve("results.json"));
        Map<String, Double> v = new LinkedHashMap<>();
        for (JavaVsC.Pair p : JavaVsC.pairs(r, new Analysis(r), null)) {
            v.put(p.label(), p.ratio());
        }
        Map<String, Map<String, Double>> series = Charts.series();
        series.put("Java / C", v);
        CategoryChart ch = Charts.categoryChart("t", "x", "y", series, null);
        assertTrue(ch.getStyler().isYAxisLogarithmic());
    }
}
