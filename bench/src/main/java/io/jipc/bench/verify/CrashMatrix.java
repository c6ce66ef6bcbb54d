package io.jipc.bench.verify;

import io.jipc.api.Capabilities;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The crash matrix: {@code kill -9} of a mutex holder (every mutex scheme), of a channel sender
 * and of a channel receiver (every channel scheme), and of a ring producer in the middle of
 * writing large records; each observation is set beside what the backend's
 * {@link Capabilities} declare:
 * <ul>
 *   <li>holder killed: the lock is free for the next locker ({@code crashReleases}); the next
 *       holder is told ({@code ownerDeathDetected}); the object is still there (persistence other
 *       than {@code PROCESS});</li>
 *   <li>sender killed: every message it completed reaches the receiver, intact and in order, and no
 *       cut message is delivered ({@code crashLeaves}: "discarded, never delivered", "the queue and
 *       its messages"); the waiting receiver then gets {@code IpcRemoved} where the capabilities say
 *       the survivor gets end of stream or {@code IpcRemoved}, and keeps waiting otherwise; a new
 *       sender can use the channel unless it needs related processes or has one peer;</li>
 *   <li>receiver killed: sends after its death are accepted (kept for a new receiver) or fail with
 *       {@code IpcRemoved} ("end of stream" schemes); a new receiver gets every message that was
 *       not delivered;</li>
 *   <li>ring producer killed mid-write: what it committed arrives, a record being written never
 *       does, the waiting consumer gets {@code IpcRemoved}, a new producer takes the role over.</li>
 * </ul>
 * Every object is removed at the end of its scenario, also when the scenario failed.
 */
public final class CrashMatrix {
    static final String HOLDER = "holder killed";
    static final String SENDER = "sender killed";
    static final String RECEIVER = "receiver killed";
    static final String MID_WRITE = "producer killed mid-write";
    static final Duration START = Duration.ofSeconds(60);
    static final int SENT_BEFORE = 8;

    private CrashMatrix() {
    }

    /** Every backend name {@code --only} accepts: the mutex schemes and the channel schemes. */
    public static List<String> backends() {
        List<String> all = new ArrayList<>(MutexFixture.SCHEMES);
        for (String s : ChannelFixture.SCHEMES) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return all;
    }

    /**
     * Runs the scenarios of the backends named in {@code only} (comma-separated; {@code sysv}
     * selects its channel and both mutex forms, {@code unix} both socket types; {@code null}: all).
     */
    public static List<CrashRow> run(String only, StressNames names, Consumer<CrashRow> progress) {
        return run(only, names, 1, progress);
    }

    /** As {@link #run(String, StressNames, Consumer)}, with up to {@code parallel} scenarios at the same time. */
    public static List<CrashRow> run(String only, StressNames names, int parallel, Consumer<CrashRow> progress) {
        List<String> sel = select(only);
        Consumer<CrashRow> report = progress == null ? r -> { } : r -> {
            synchronized (progress) {
                progress.accept(r);
            }
        };
        List<java.util.concurrent.Callable<List<CrashRow>>> tasks = new ArrayList<>();
        for (String m : MutexFixture.SCHEMES) {
            if (sel.contains(m)) {
                tasks.add(() -> collect(add -> HolderKilled.run(m, names, add), report));
            }
        }
        for (String c : ChannelFixture.SCHEMES) {
            if (sel.contains(c)) {
                tasks.add(() -> collect(add -> ChannelCrashes.senderKilled(c, names, add), report));
                tasks.add(() -> collect(add -> ChannelCrashes.receiverKilled(c, names, add), report));
            }
        }
        if (sel.contains("ring")) {
            tasks.add(() -> collect(add -> ChannelCrashes.ringMidWrite(names, add), report));
        }
        List<CrashRow> rows = new ArrayList<>();
        for (List<CrashRow> part : Parallel.all(tasks, parallel)) {
            rows.addAll(part);
        }
        return rows;
    }

    private static List<CrashRow> collect(Consumer<Consumer<CrashRow>> scenario, Consumer<CrashRow> progress) {
        List<CrashRow> rows = new ArrayList<>();
        scenario.accept(r -> {
            rows.add(r);
            progress.accept(r);
        });
        return rows;
    }

    /**
     * The backends {@code only} names ({@code null}: all).
     *
     * @throws IllegalArgumentException naming an unknown backend and the known ones
     */
    public static List<String> select(String only) {
        if (only == null || only.isBlank()) {
            return backends();
        }
        List<String> out = new ArrayList<>();
        for (String raw : only.split(",")) {
            String w = raw.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String b : backends()) {
                if (b.equals(w) || b.startsWith(w + "-")) {
                    if (!out.contains(b)) {
                        out.add(b);
                    }
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException("--only: unknown backend '" + raw.trim() + "'; known: "
                        + String.join(", ", backends()));
            }
        }
        return out;
    }

    // ---- output -------------------------------------------------------------------------------

    /** The table header. */
    public static List<String> head() {
        return List.of("backend", "scenario", "check", "observed", "declared", "verdict");
    }

    /** One table row. */
    public static List<String> cells(CrashRow r) {
        return List.of(r.backend(), r.scenario(), r.check(), r.observed(), r.declared(), r.agrees() ? "agrees" : "DISAGREES");
    }

    /** The rows as a plain-text table. */
    public static String table(List<CrashRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (CrashRow r : rows) {
            cells.add(cells(r));
        }
        return TextTable.render(head(), cells);
    }

    /** The rows as JSON: {@code {"crashMatrix": [{backend, scenario, check, observed, declared, agrees, detail}]}}. */
    public static String json(List<CrashRow> rows) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (CrashRow r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("backend", r.backend());
            m.put("scenario", r.scenario());
            m.put("check", r.check());
            m.put("observed", r.observed());
            m.put("declared", r.declared());
            m.put("agrees", r.agrees());
            m.put("detail", r.detail());
            list.add(m);
        }
        return io.jipc.bench.report.Json.write(Map.of("crashMatrix", list));
    }

    /** The file name {@code jipc verify --out DIR} writes and the report looks for next to the results. */
    public static final String JSON_FILE = "crash-matrix.json";
}
