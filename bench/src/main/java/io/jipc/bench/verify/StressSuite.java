package io.jipc.bench.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stress suite: every channel scheme (normal and slow consumer) and every mutex scheme, each
 * across child JVMs. {@code jipc stress} runs it and prints {@link #table(List)}; the tests run it
 * at a CI size.
 *
 * <p>Sizes from one number {@code messages} (the documented full run is 10<sup>6</sup>): each
 * channel run sends {@code messages} messages split between its producers; the slow-consumer run
 * sends {@code max(500, messages / 200)} to consumers that pause 1 ms after each message, so the
 * channel is full most of the time ("sender blocked": the share of the producers' time spent inside
 * send calls; "found full": the share of sends whose {@code trySend} found no room, low where one
 * large message drained makes room for many small ones); each mutex run makes
 * {@code max(270, messages / 20)} increments, 3 processes × 3 threads.
 */
public final class StressSuite {
    /** Mutex layout: processes. */
    public static final int PROCESSES = 3;
    /** Mutex layout: threads per process. */
    public static final int THREADS = 3;
    static final long SLOW_NANOS = 1_000_000;

    private StressSuite() {
    }

    /** Every scheme name {@code --only} accepts (channel schemes, then mutex schemes, prefixed). */
    public static List<String> schemes() {
        List<String> all = new ArrayList<>();
        ChannelFixture.SCHEMES.forEach(s -> all.add("channel:" + s));
        MutexFixture.SCHEMES.forEach(s -> all.add("mutex:" + s));
        return all;
    }

    /**
     * Which runs {@code only} selects: a comma-separated list of scheme names; a bare name
     * ({@code sysv}) selects the channel and the mutex runs of that scheme, {@code channel:X} or
     * {@code mutex:X} one of them, {@code channels}/{@code mutexes} all of a kind. {@code null}: all.
     *
     * @throws IllegalArgumentException naming the unknown entry and the valid ones
     */
    public static List<String> select(String only) {
        if (only == null || only.isBlank()) {
            return schemes();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String raw : only.split(",")) {
            String w = raw.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String s : schemes()) {
                String bare = s.substring(s.indexOf(':') + 1);
                if (s.equals(w) || bare.equals(w) || (w.equals("channels") && s.startsWith("channel:"))
                        || (w.equals("mutexes") && s.startsWith("mutex:")) || (w.equals("unix") && bare.startsWith("unix-"))) {
                    out.add(s);
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException("--only: unknown scheme '" + raw.trim() + "'; known: channels, mutexes, "
                        + String.join(", ", schemes()));
            }
        }
        return new ArrayList<>(out);
    }

    /** Messages of the slow-consumer run for a given size. */
    public static long slowMessages(long messages) {
        return Math.max(500, messages / 200);
    }

    /** Increments of a mutex run (all processes and threads together) for a given size. */
    public static long increments(long messages) {
        return Math.max(PROCESSES * THREADS * 30L, messages / 20);
    }

    /**
     * Runs the selected schemes ({@link #select}) at size {@code messages}, one after the other,
     * calling {@code progress} with each row as it completes.
     */
    public static List<StressResult> run(long messages, List<String> selected, StressNames names,
                                         Consumer<StressResult> progress) {
        return run(messages, selected, names, 1, progress);
    }

    /**
     * As {@link #run(long, List, StressNames, Consumer)}, with up to {@code parallel} runs at the
     * same time (each on its own objects; the tests use 2 to fit their time budget). The rows keep
     * the order of {@code selected}.
     */
    public static List<StressResult> run(long messages, List<String> selected, StressNames names, int parallel,
                                         Consumer<StressResult> progress) {
        if (messages < 1) {
            throw new IllegalArgumentException("--messages must be at least 1, not " + messages);
        }
        List<java.util.concurrent.Callable<StressResult>> tasks = new ArrayList<>();
        Consumer<StressResult> report = progress == null ? r -> { } : r -> {
            synchronized (progress) {
                progress.accept(r);
            }
        };
        for (String s : selected) {
            String scheme = s.substring(s.indexOf(':') + 1);
            if (s.startsWith("channel:")) {
                tasks.add(() -> done(report, ChannelStress.run(scheme, names, messages, 0)));
                tasks.add(() -> done(report, ChannelStress.run(scheme, names, slowMessages(messages), SLOW_NANOS)));
            } else {
                long per = Math.max(1, increments(messages) / (PROCESSES * THREADS));
                tasks.add(() -> done(report, MutexStress.run(scheme, names, PROCESSES, THREADS, per)));
            }
        }
        return Parallel.all(tasks, parallel);
    }

    private static StressResult done(Consumer<StressResult> progress, StressResult r) {
        progress.accept(r);
        return r;
    }

    /** The table header. */
    public static List<String> head() {
        return List.of("scheme", "test", "layout", "messages/increments", "lost", "duplicated", "corrupt", "out of order",
                "found full", "sender blocked", "counter", "time", "verdict");
    }

    /** One table row. */
    public static List<String> cells(StressResult r) {
        boolean mutex = r.test().equals("mutex");
        return List.of(r.scheme(), r.test(), r.layout(), Long.toString(r.operations()),
                mutex ? "-" : num(r.lost()), mutex ? "-" : num(r.duplicated()), mutex ? "-" : num(r.corrupt()),
                mutex ? "-" : num(r.outOfOrder()),
                mutex ? "-" : String.format(Locale.ROOT, "%.0f%%", r.fullPercent()),
                mutex ? "-" : String.format(Locale.ROOT, "%.0f%%", r.blockedPercent()),
                mutex ? (r.counter() < 0 ? "?" : r.counter() + (r.overlaps() > 0 ? " (" + r.overlaps() + " overlaps)" : "")) : "-",
                String.format(Locale.ROOT, "%.1f s", r.seconds()),
                r.ok() ? "ok" : "FAIL" + (r.problem() == null ? "" : ": " + r.problem()));
    }

    private static String num(long v) {
        return v < 0 ? "?" : Long.toString(v);
    }

    /** The rows as a plain-text table. */
    public static String table(List<StressResult> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (StressResult r : rows) {
            cells.add(cells(r));
        }
        return TextTable.render(head(), cells);
    }

    /** The rows as JSON (an array of objects). */
    public static String json(List<StressResult> rows) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (StressResult r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("scheme", r.scheme());
            m.put("test", r.test());
            m.put("layout", r.layout());
            m.put("operations", r.operations());
            if (!r.test().equals("mutex")) {
                m.put("lost", r.lost());
                m.put("duplicated", r.duplicated());
                m.put("corrupt", r.corrupt());
                m.put("outOfOrder", r.outOfOrder());
                m.put("foundFullPercent", Math.round(r.fullPercent() * 10) / 10.0);
                m.put("senderBlockedPercent", Math.round(r.blockedPercent() * 10) / 10.0);
            } else {
                m.put("counter", r.counter());
                m.put("overlaps", r.overlaps());
            }
            m.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            m.put("ok", r.ok());
            m.put("problem", r.problem());
            list.add(m);
        }
        return io.jipc.bench.report.Json.write(list);
    }
}
