package io.jipc.bench.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim verdicts follow the numbers: the same JMH JSON shape with different figures gives
 * different verdicts (C4 slope, C2 crossover), and a missing measurement gives "depends".
 */
class AnalysisVerdictTest {
    private Path dir;

    @AfterEach
    void clean() {
        io.jipc.bench.BenchSupport.deleteQuietly(dir);
    }

    private Analysis analysis(String entries) throws Exception {
        dir = Files.createTempDirectory("jipc-verdict-");
        Path json = dir.resolve("results.json");
        Files.writeString(json, "[" + entries + "]");
        return new Analysis(Results.load(json));
    }

    private static String avgt(String bench, String params, double ns) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.%s\",\"mode\":\"avgt\",\"params\":{%s},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,\"scoreUnit\":\"ns/op\"},\"secondaryMetrics\":{}}",
                bench, params, ns);
    }

    private static String sample(String bench, String params, double p50us) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"io.jipc.bench.%s\",\"mode\":\"sample\",\"params\":{%s},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":0.0,\"scoreUnit\":\"us/op\",\"scorePercentiles\":"
                + "{\"50.0\":%f,\"90.0\":%f,\"99.0\":%f,\"99.9\":%f}},\"secondaryMetrics\":{}}",
                bench, params, p50us, p50us, p50us, p50us, p50us);
    }

    private static Analysis.Claim claim(Analysis a, String id) {
        return a.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void c4FollowsTheSlope() throws Exception {
        String growing = String.join(",", avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"0\"", 1000),
                avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"10\"", 1100),
                avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"100\"", 2000),
                avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"1000\"", 11000));
        Analysis.Claim c = claim(analysis(growing), "C4");
        assertEquals("confirmed", c.verdict());
        assertTrue(c.figures().contains("slope 10.0 ns per message ahead"), c.figures());
        clean();
        String flat = String.join(",", avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"0\"", 1000),
                avgt("SysvSelectDepth.sendThenSelect", "\"ahead\":\"1000\"", 1010));
        assertEquals("refuted", claim(analysis(flat), "C4").verdict());
    }

    @Test
    void c2FindsTheCrossover() throws Exception {
        String data = String.join(",",
                sample("RegionHandOver.roundTrip", "\"size\":\"64\",\"mutex\":\"auto\"", 20),
                sample("RegionHandOver.roundTrip", "\"size\":\"65536\",\"mutex\":\"auto\"", 40),
                sample("ChannelRoundTrip.roundTrip", "\"mech\":\"pipe\",\"size\":\"64\"", 10),
                sample("ChannelRoundTrip.roundTrip", "\"mech\":\"pipe\",\"size\":\"65536\"", 80));
        Analysis.Claim c = claim(analysis(data), "C2");
        assertEquals("depends (region+mutex faster at [65536] B, pipe faster at [64] B)", c.verdict());
    }

    @Test
    void missingDataIsDependsNotAGuess() throws Exception {
        Analysis a = analysis("");
        for (String id : new String[] {"C1", "C2", "C4", "C7", "C10"}) {
            assertTrue(claim(a, id).verdict().startsWith("depends"), id + ": " + claim(a, id).verdict());
        }
    }
}
