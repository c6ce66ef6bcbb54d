package io.jipc.bench.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jipc choose --across-hosts}: only the off-box rows count, with the one-host figure beside them. */
class AcrossHostsChoiceTest {
    private Path dir;

    @AfterEach
    void clean() {
        io.jipc.bench.BenchSupport.deleteQuietly(dir);
    }

    private Analysis analysis(String entries) throws Exception {
        dir = Files.createTempDirectory("jipc-across-");
        Path json = dir.resolve("results.json");
        Files.writeString(json, "[" + entries + "]");
        return new Analysis(Results.load(json));
    }

    private static String rtt(String mech, double p50us) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.ChannelRoundTrip.roundTrip\",\"mode\":\"sample\","
                + "\"params\":{\"mech\":\"%s\",\"size\":\"64\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,"
                + "\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"50.0\":%f,\"90.0\":%f,\"99.0\":%f,\"99.9\":%f}},"
                + "\"secondaryMetrics\":{}}", mech, p50us, p50us, p50us, p50us, p50us);
    }

    private static String lock(String mech, double ns) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.MutexUncontended.lockUnlock\",\"mode\":\"avgt\","
                + "\"params\":{\"mech\":\"%s\"},\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,\"scoreUnit\":\"ns/op\"},"
                + "\"secondaryMetrics\":{}}", mech, ns);
    }

    @Test
    void channelsAcrossHostsAreAeronUdpWithTheLocalFigureBeside() throws Exception {
        Analysis a = analysis(String.join(",", rtt("sysv", 15), rtt("aeron-ipc", 5), rtt("aeron-udp", 110)));
        Analysis.Choice c = a.acrossHosts("request-reply", 64);
        assertEquals("aeron-udp", c.choice());
        assertTrue(c.why().contains("110 us") && c.why().contains("on one host aeron-ipc"), c.why());
        assertEquals("aeron-ipc", a.channel("request-reply", 64, false, false, true).choice(), "one host: the fastest");
    }

    @Test
    void locksAcrossHostsAreZookeeperWhichIsNeverTheLocalChoice() throws Exception {
        Analysis a = analysis(String.join(",", lock("ofd", 300), lock("zookeeper", 5_000_000), rtt("aeron-udp", 110)));
        Analysis.Choice c = a.acrossHosts("lock", 64);
        assertEquals("zookeeper", c.choice());
        assertTrue(c.why().contains("on one host ofd"), c.why());
        assertEquals("ofd", a.lock(false).choice());
    }
}
