package io.jipc.bench;

import io.jipc.bench.report.Results;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The allocation pass of {@code jipc bench --quick}: every channel and mutex hot path
 * ({@code ChannelRoundTrip} and {@code ChannelThroughput} at 64 B, {@code MutexUncontended}) run
 * once more, briefly (one 100 ms warm-up, two 200 ms iterations in average-time mode: SampleTime's own
 * sample buffers would count), under JMH's {@code -prof gc}, after
 * the timed phases, so the code is already compiled. Its JMH JSON goes to {@link Results#GC_FILE}
 * (not into {@code results.json}: its short timings must not replace the measured ones) and its side
 * files to a subdirectory; the report reads the bytes allocated per operation (B/op) from it.
 * {@code --full} needs no such pass: its hot-path phases run with {@code -prof gc} already.
 *
 * <p>What it measures is the benchmark JVM (all its threads), not the peer JVM on the other end.
 */
final class AllocPass {
    /** One JMH run of the pass: the benchmarks of one family with their runnable mechanisms. */
    record Group(String name, List<String> benchmarks, List<String> mechs) {
        int trials() {
            return benchmarks.size() * mechs.size();
        }
    }

    private static final String[] CHANNEL_BENCHMARKS = {"io.jipc.bench.ChannelRoundTrip.roundTrip",
        "io.jipc.bench.ChannelThroughput.send"};
    private static final String[] MUTEX_BENCHMARKS = {"io.jipc.bench.MutexUncontended.lockUnlock"};

    private AllocPass() {
    }

    /** The groups to run: hot paths that {@code only} (may be null) selects, mechanisms installed here. */
    static List<Group> plan(Pattern only) {
        List<Group> l = new ArrayList<>();
        add(l, "channels", CHANNEL_BENCHMARKS, Channels.ALL, only);
        add(l, "mutexes", MUTEX_BENCHMARKS, Locker.ALL, only);
        return l;
    }

    private static void add(List<Group> l, String name, String[] benchmarks, String[] all, Pattern only) {
        List<String> names = new ArrayList<>();
        for (String b : benchmarks) {
            if (only == null || only.matcher(b).find()) {
                names.add(b);
            }
        }
        List<String> mechs = new ArrayList<>();
        for (String m : all) {
            if (!names.isEmpty() && RunPlan.unavailable(names.get(0), m) == null) {
                mechs.add(m);
            }
        }
        if (!names.isEmpty() && !mechs.isEmpty()) {
            l.add(new Group(name, names, mechs));
        }
    }

    /** How many benchmark runs the groups make (for the progress line's total). */
    static int trials(List<Group> groups) {
        return groups.stream().mapToInt(Group::trials).sum();
    }

    /**
     * Runs the groups into {@code dir/}{@link Results#GC_FILE}; a group that fails is logged and the
     * others go on (its hot paths then show "not measured" in the report).
     */
    static void run(Path dir, List<Group> groups, OutputFormat progress, PrintWriter out) {
        if (groups.isEmpty()) {
            return;
        }
        out.println("allocation pass (-prof gc, 64 B, average time, two 200 ms iterations): " + trials(groups) + " hot paths");
        String side = System.getProperty("jipc.bench.out");
        List<String> jsons = new ArrayList<>();
        try {
            System.setProperty("jipc.bench.out", Files.createDirectories(dir.resolve("gc-pass")).toString());
            for (Group g : groups) {
                Path json = dir.resolve("jmh-gc-" + g.name() + ".json");
                ChainedOptionsBuilder o = new OptionsBuilder()
                        .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                        .measurementIterations(2).measurementTime(TimeValue.milliseconds(200))
                        .mode(Mode.AverageTime)
                        .forks(0).shouldFailOnError(false).timeout(TimeValue.seconds(60))
                        .addProfiler("gc").param("mech", g.mechs().toArray(new String[0]))
                        .result(json.toString()).resultFormat(ResultFormatType.JSON);
                if (g.name().equals("channels")) {
                    o.param("size", "64");
                }
                for (String b : g.benchmarks()) {
                    o.include("^" + Pattern.quote(b) + "$");
                }
                try {
                    new Runner(o.build(), progress).run();
                } catch (RunnerException | RuntimeException e) {
                    progress.println("allocation pass " + g.name() + " failed: " + e);
                    out.println("allocation pass " + g.name() + " failed: " + e.getMessage() + " (B/op not measured there)");
                }
                if (Files.exists(json)) {
                    jsons.add(json.toString());
                }
            }
        } catch (IOException e) {
            out.println("allocation pass skipped: " + e);
        } finally {
            if (side == null) {
                System.clearProperty("jipc.bench.out");
            } else {
                System.setProperty("jipc.bench.out", side);
            }
        }
        BenchMain.merge(jsons, dir.resolve(Results.GC_FILE));
    }
}
