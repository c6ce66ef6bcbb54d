package io.jipc.bench.report;

import io.jipc.bench.BenchSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's "what going off-box costs" paragraph: computed from the run's aeron and zookeeper
 * rows against the local ones when they exist, "not measured" when they do not.
 */
class OffBoxSectionTest {
    private final List<Path> dirs = new ArrayList<>();

    @AfterEach
    void clean() {
        dirs.forEach(BenchSupport::deleteQuietly);
    }

    private static String rtt(String mech, double p50us) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.ChannelRoundTrip.roundTrip\",\"mode\":\"sample\","
                + "\"params\":{\"mech\":\"%s\",\"size\":\"64\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,"
                + "\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"50.0\":%f,\"90.0\":%f,\"99.0\":%f,\"99.9\":%f}},"
                + "\"secondaryMetrics\":{}}", mech, p50us, p50us, p50us, p50us, p50us);
    }

    private static String tput(String mech, double opsPerSecond) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.ChannelThroughput.send\",\"mode\":\"thrpt\","
                + "\"params\":{\"mech\":\"%s\",\"size\":\"64\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,"
                + "\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{}}", mech, opsPerSecond);
    }

    private static String lock(String mech, double ns) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.MutexUncontended.lockUnlock\",\"mode\":\"avgt\","
                + "\"params\":{\"mech\":\"%s\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,\"scoreUnit\":\"ns/op\"},"
                + "\"secondaryMetrics\":{}}", mech, ns);
    }

    private static String contended(String mech, double opsPerSecond) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.MutexContended.lockWorkUnlock\",\"mode\":\"thrpt\","
                + "\"params\":{\"mech\":\"%s\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{}}", mech, opsPerSecond);
    }

    /** The report's markdown for these JMH entries. */
    private String report(String... entries) throws Exception {
        Path dir = Files.createTempDirectory("jipc-offbox-");
        dirs.add(dir);
        Path json = dir.resolve("results.json");
        Files.writeString(json, "[" + String.join(",", entries) + "]");
        return Files.readString(Report.write(json, dir).markdown(), StandardCharsets.UTF_8);
    }

    private static String section(String md) {
        int start = md.indexOf("## " + OffBoxSection.TITLE);
        assertTrue(start >= 0, "no off-box section in:\n" + md);
        int end = md.indexOf("\n## ", start + 3);
        return md.substring(start, end < 0 ? md.length() : end);
    }

    @Test
    void theParagraphSetsTheOffBoxRowsAgainstTheLocalOnes() throws Exception {
        String s = section(report(rtt("sysv", 9.12), rtt("pipe", 44.2), rtt("ring", 0.300), rtt("aeron-ipc", 0.301),
                rtt("aeron-udp", 81.3), tput("sysv", 400_000), tput("ring", 8_100_000), tput("aeron-udp", 1_980_000),
                lock("fcntl", 1640), lock("robust", 49.7), lock("zookeeper", 5_410_000), contended("fcntl", 222_000),
                contended("zookeeper", 119)));
        assertTrue(s.contains("aeron-udp's round trip (p50, 64 B) is 81.3 µs: 8.91× sysv's 9.12 µs (the fastest kernel "
                + "channel) and 271× ring's 0.300 µs (the fastest channel on one host)"), s);
        assertTrue(s.contains("aeron-ipc (the same Aeron streams through shared memory on one host) takes 0.301 µs: 0.0330× "
                + "sysv's 9.12 µs"), s);
        assertTrue(s.contains("1.00× ring's 0.300 µs"), s);
        assertTrue(s.contains("the gap to aeron-udp (81.0 µs)"), s);
        assertTrue(s.contains("One way at 64 B aeron-udp moves 1.98M msg/s: 4.95× sysv's 400k msg/s (the fastest kernel "
                + "channel) and 0.244× ring's 8.10M msg/s"), s);
        assertTrue(s.contains("zookeeper's uncontended lock+unlock takes 5.41 ms: 3299× fcntl's 1.64 µs and 108853× "
                + "robust's 49.7 ns (the fastest mutex on one host); contended, it hands the lock over 119 times a second "
                + "against fcntl's 222k"), s);
        assertTrue(s.contains("What this means for choosing"), s);
        assertFalse(s.contains("not measured"), s);
    }

    @Test
    void withoutOffBoxRowsItSaysNotMeasured() throws Exception {
        String s = section(report(rtt("sysv", 9.12), rtt("ring", 0.3), lock("fcntl", 1640)));
        assertTrue(s.contains("Not measured in this run: it has no aeron-udp, aeron-ipc or zookeeper rows"), s);
        assertFalse(s.contains("×"), s);
    }

    @Test
    void aMissingHalfIsSaidNotMeasured() throws Exception {
        String s = section(report(rtt("sysv", 9.12), rtt("aeron-udp", 81.3), lock("fcntl", 1640)));
        assertTrue(s.contains("aeron-udp's round trip (p50, 64 B) is 81.3 µs: 8.91× sysv's 9.12 µs"), s);
        assertTrue(s.contains("zookeeper not measured in this run"), s);

        s = section(report(lock("fcntl", 1640), lock("zookeeper", 5_410_000)));
        assertTrue(s.contains("Channels off-box: not measured in this run"), s);
        assertTrue(s.contains("zookeeper's uncontended lock+unlock takes 5.41 ms: 3299× fcntl's 1.64 µs."), s);
    }
}
