package io.jipc.bench;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One group of benchmarks run with the same JMH settings, and the phases of {@code --quick} and
 * {@code --full}.
 */
record Phase(String name, String regex, Map<String, String[]> params, boolean gc, int warmups, int warmupMs,
             int iterations, int iterationMs, int forks) {

    static List<Phase> quick() {
        // forks = 0: the benchmarks run inside this JVM (no JVM start per trial; each trial still
        // starts its peer JVMs). Numbers are rougher than --full's forked runs, the code is the same.
        List<Phase> l = new ArrayList<>();
        l.add(new Phase("channels", "io\\.jipc\\.bench\\.Channel(RoundTrip|Throughput)\\.",
                Map.of("size", new String[] {"64", "8192"}), false, 1, 300, 2, 300, 0));
        l.add(new Phase("mutexes", "io\\.jipc\\.bench\\.Mutex(Uncontended|Contended)\\.", Map.of(), false, 1, 200, 2, 250, 0));
        l.add(new Phase("regions", "io\\.jipc\\.bench\\.Region(Bandwidth|Sync|CrossRead)\\.",
                Map.of("block", new String[] {"16777216"}), false, 1, 200, 2, 250, 0));
        l.add(new Phase("claims", "io\\.jipc\\.bench\\.(RegionHandOver|SysvSelectDepth|MultiQueueServer|ClientServerDesigns)\\.",
                Map.of("size", new String[] {"64", "8192"}, "queues", new String[] {"1", "16"},
                        "clients", new String[] {"1", "16"}), false, 1, 200, 2, 250, 0));
        return l;
    }

    static List<Phase> full() {
        List<Phase> l = new ArrayList<>();
        l.add(new Phase("channels", "io\\.jipc\\.bench\\.Channel(RoundTrip|Throughput)\\.", Map.of(), true, 3, 1000, 5, 1000, 2));
        l.add(new Phase("mutex-hot", "io\\.jipc\\.bench\\.MutexUncontended\\.", Map.of(), true, 3, 1000, 5, 1000, 2));
        l.add(new Phase("mutex-contended", "io\\.jipc\\.bench\\.MutexContended\\.", Map.of(), false, 2, 1000, 5, 1000, 1));
        l.add(new Phase("regions", "io\\.jipc\\.bench\\.Region(Bandwidth|Sync|CrossRead)\\.", Map.of(), false, 2, 1000, 5, 1000, 1));
        l.add(new Phase("claims", "io\\.jipc\\.bench\\.(RegionHandOver|SysvSelectDepth|MultiQueueServer|ClientServerDesigns)\\.",
                Map.of(), false, 2, 1000, 5, 1000, 1));
        return l;
    }

    /**
     * The JMH options of this phase: its iterations and forks, the benchmarks {@code names} with the
     * parameters {@code params}, JSON results into {@code json}, peers' side files into {@code dir}.
     */
    ChainedOptionsBuilder options(List<String> names, Map<String, String[]> params, Path json, Path dir) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(warmupMs))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds(iterationMs))
                .forks(forks).shouldFailOnError(false).timeout(TimeValue.seconds(60))
                .jvmArgsAppend("-Djipc.bench.out=" + dir, "-Xmx512m", "-Djava.awt.headless=true")
                .result(json.toString()).resultFormat(ResultFormatType.JSON);
        for (String n : names) {
            o.include("^" + Pattern.quote(n) + "$");
        }
        params.forEach(o::param);
        if (gc) {
            o.addProfiler("gc");
        }
        return o;
    }
}
