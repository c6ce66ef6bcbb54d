package io.jipc.bench.report;

import io.jipc.bench.BenchSupport;
import io.jipc.bench.CReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's results: JMH's JSON plus the side files written beside it ({@code skips.tsv},
 * {@code cpu.tsv}, {@code c-results.tsv}, {@code plan.tsv}, {@code machine.tsv}). Rows that did not
 * run carry their reason ("failed/skipped: ..."), never vanish.
 */
public final class Results {
    /** Every row, results and failures. */
    public final List<Row> rows = new ArrayList<>();
    /** CPU per trial: key "FullBenchmark|paramsKey" → {ops, wallNs, selfCpuNs, peerCpuNs}. */
    public final Map<String, double[]> cpu = new HashMap<>();
    /** Idle peer CPU: key "FullBenchmark|paramsKey" → {wallNs, peerCpuNs}. */
    public final Map<String, double[]> idle = new HashMap<>();
    /** C reference results: name|size → value (in the unit of {@link #cUnits}). */
    public final Map<String, Double> c = new LinkedHashMap<>();
    /** Units of the C results. */
    public final Map<String, String> cUnits = new HashMap<>();
    /** Lines saying why the C reference (or a part) did not run. */
    public final List<String> cSkipped = new ArrayList<>();
    /** The JMH JSON of {@code jipc bench --quick}'s allocation pass ({@code -prof gc} over the hot paths). */
    public static final String GC_FILE = "gc.json";
    /**
     * Bytes allocated per operation measured by the allocation pass ({@link #GC_FILE}): key
     * "Benchmark.method|paramsKey" → B/op (empty when the run made no such pass).
     */
    public final Map<String, Double> gcAlloc = new LinkedHashMap<>();
    /** The machine facts saved by the run (empty when absent). */
    public final Map<String, String> machine = new LinkedHashMap<>();

    /**
     * The live checks of the semantic claims ({@code checks.tsv}), or {@code null} when the run
     * made none (an older results directory): the claims then say "not checked in this run".
     */
    public List<io.jipc.bench.checks.CheckResult> checks;

    /** Loads {@code json} and the side files in its directory. */
    public static Results load(Path json) {
        Results r = new Results();
        Path dir = json.toAbsolutePath().getParent();
        try {
            r.readRows(json, dir);
            r.readCosts(dir);
            for (String[] f : tsv(dir.resolve("machine.tsv"))) {
                if (f.length >= 2) {
                    r.machine.put(f[0], f[1]);
                }
            }
            if (Files.exists(dir.resolve(GC_FILE))) {
                for (Row row : jmhRows(dir.resolve(GC_FILE))) {
                    r.gcAlloc.put(row.benchmark() + "." + row.method() + "|" + row.paramsKey(), row.allocBytesPerOp());
                }
            }
            r.checks = io.jipc.bench.checks.LiveChecks.read(dir).orElse(null);
        } catch (IOException e) {
            throw new ReportException("cannot read the results beside " + json + ": " + ReportException.why(e), e);
        } catch (ReportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReportException("a side file beside " + json + " (skips.tsv, cpu.tsv, idle.tsv, c-results.tsv, "
                    + "plan.tsv, machine.tsv) is corrupt: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return r;
    }

    /**
     * The JMH rows, then a failure row for every planned benchmark without a result: skipped up
     * front ({@code skips.tsv}, with its reason) or missing ("failed: no result").
     */
    private void readRows(Path json, Path dir) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Row row : jmhRows(json)) {
            rows.add(row);
            seen.add(row.benchmark() + "." + row.method() + "|" + row.paramsKey());
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (String[] f : tsv(dir.resolve(BenchSupport.SKIPS))) {
            if (f.length >= 3) {
                failures.put(shortName(f[0]) + "|" + f[1], f[2]);
            }
        }
        for (String[] f : tsv(dir.resolve("plan.tsv"))) {
            if (f.length >= 2) {
                String key = shortName(f[0]) + "|" + f[1];
                if (!seen.contains(key) && !failures.containsKey(key)) {
                    failures.put(key, "failed: no result (see jmh.log)");
                }
            }
        }
        for (Map.Entry<String, String> e : failures.entrySet()) {
            String[] k = e.getKey().split("\\|", -1);
            rows.removeIf(x -> (x.benchmark() + "." + x.method()).equals(k[0]) && x.paramsKey().equals(k[1]));
            rows.add(failureRow(k[0], k[1], e.getValue()));
        }
    }

    /** A row for benchmark {@code name} ("Class.method") with parameters {@code key} that has no result. */
    private static Row failureRow(String name, String key, String why) {
        int dot = name.lastIndexOf('.');
        Map<String, String> params = new TreeMap<>();
        if (!key.isEmpty()) {
            for (String kv : key.split(",")) {
                int eq = kv.indexOf('=');
                params.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String reason = why;
        if (!reason.startsWith("failed") && !reason.startsWith("skipped") && !reason.startsWith("not allowed")) {
            reason = "failed: " + reason;
        }
        return new Row(name.substring(0, dot), name.substring(dot + 1), params, "", Double.NaN, Double.NaN,
                "", Map.of(), Double.NaN, reason);
    }

    /** The CPU and idle-CPU side files of the peers, and the C reference's figures. */
    private void readCosts(Path dir) throws IOException {
        Path cpuFile = dir.resolve(BenchSupport.CPU);
        for (String[] f : tsv(cpuFile)) {
            if (f.length >= 6) {
                cpu.put(shortName(f[0]) + "|" + f[1], new double[] {num(cpuFile, f[2]), num(cpuFile, f[3]), num(cpuFile, f[4]),
                    num(cpuFile, f[5])});
            }
        }
        Path idleFile = dir.resolve(BenchSupport.IDLE);
        for (String[] f : tsv(idleFile)) {
            if (f.length >= 4) {
                idle.put(shortName(f[0]) + "|" + f[1], new double[] {num(idleFile, f[2]), num(idleFile, f[3])});
            }
        }
        Path cFile = dir.resolve(CReference.FILE);
        for (String[] f : tsv(cFile)) {
            if (f.length >= 4 && f[0].equals("skipped")) {
                cSkipped.add(f[3]);
            } else if (f.length >= 4) {
                c.put(f[0] + "|" + f[1], num(cFile, f[2]));
                cUnits.put(f[0] + "|" + f[1], f[3]);
            }
        }
    }

    /**
     * The rows of a JMH JSON results file, checked: a {@link ReportException} naming the file when
     * it cannot be read or is not a JSON array of JMH results of this suite.
     */
    static List<Row> jmhRows(Path json) {
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ReportException(json + " is not a JMH JSON results file: it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ReportException("cannot read " + json + ": " + ReportException.why(e), e);
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (RuntimeException e) {
            throw new ReportException(json + " is not a JMH JSON results file: " + e.getMessage(), e);
        }
        if (!(parsed instanceof List)) {
            throw new ReportException(json + " is not a JMH JSON results file: expected a JSON array of benchmark results", null);
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) parsed) {
            try {
                if (!(o instanceof Map) || !(((Map<?, ?>) o).get("benchmark") instanceof String)
                        || !(((Map<?, ?>) o).get("primaryMetric") instanceof Map)) {
                    throw new IllegalArgumentException("no \"benchmark\" name or \"primaryMetric\"");
                }
                rows.add(fromJmh((Map<?, ?>) o));
            } catch (RuntimeException e) {
                throw new ReportException(json + " is not a JMH JSON results file: element " + i + " is not a JMH result ("
                        + e.getMessage() + ")", e);
            }
            i++;
        }
        return rows;
    }

    /** A number read from a side file, or a {@link ReportException} naming the file and the value. */
    private static double num(Path file, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ReportException("the side file " + file + " is corrupt: '" + v + "' is not a number", e);
        }
    }

    /** "io.jipc.bench.ChannelRoundTrip.roundTrip" → "ChannelRoundTrip.roundTrip". */
    static String shortName(String full) {
        int m = full.lastIndexOf('.');
        int c = full.lastIndexOf('.', m - 1);
        return full.substring(c + 1);
    }

    private static List<String[]> tsv(Path p) throws IOException {
        List<String[]> l = new ArrayList<>();
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    l.add(line.split("\t", -1));
                }
            }
        }
        return l;
    }

    private static Row fromJmh(Map<?, ?> m) {
        String[] name = shortName((String) m.get("benchmark")).split("\\.");
        if (name.length < 2) {
            throw new IllegalArgumentException("benchmark name '" + m.get("benchmark") + "' is not Class.method");
        }
        Map<String, String> params = new TreeMap<>();
        Object p = m.get("params");
        if (p instanceof Map) {
            ((Map<?, ?>) p).forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<?, ?> pm = (Map<?, ?>) m.get("primaryMetric");
        Map<String, Double> pct = new TreeMap<>();
        Object sp = pm.get("scorePercentiles");
        if (sp instanceof Map) {
            ((Map<?, ?>) sp).forEach((k, v) -> pct.put((String) k, Json.num(v)));
        }
        double alloc = Double.NaN;
        Object sec = m.get("secondaryMetrics");
        if (sec instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) sec).entrySet()) {
                if (String.valueOf(e.getKey()).endsWith("gc.alloc.rate.norm")) {
                    alloc = allocPerOp((Map<?, ?>) e.getValue());
                }
            }
        }
        return new Row(name[0], name[1], params, String.valueOf(m.get("mode")), Json.num(pm.get("score")),
                Json.num(pm.get("scoreError")), String.valueOf(pm.get("scoreUnit")), pct, alloc, null);
    }

    /**
     * B/op of one benchmark: the smallest iteration of {@code rawData} when there are several, else the
     * score. JMH runs a trial's {@code @TearDown} (closing handles, stopping peers) inside the last
     * measured iteration and {@code -prof gc} charges its allocation to that iteration; a hot path that
     * really allocates per operation allocates in every iteration, so the smallest one is its figure.
     */
    static double allocPerOp(Map<?, ?> metric) {
        double min = Double.NaN;
        int n = 0;
        if (metric.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> iterations) {
                    for (Object v : iterations) {
                        double d = Json.num(v);
                        n++;
                        min = Double.isNaN(min) ? d : Math.min(min, d);
                    }
                }
            }
        }
        return n >= 2 ? min : Json.num(metric.get("score"));
    }

    /** The successful row of {@code benchmark.method} whose params include every {@code k, v} pair given. */
    public Row find(String benchmark, String method, String... kv) {
        for (Row r : rows) {
            if (r.ok() && r.benchmark().equals(benchmark) && r.method().equals(method) && matches(r, kv)) {
                return r;
            }
        }
        return null;
    }

    /** Every row (results and failures) of {@code benchmark} (any method when {@code method} is null). */
    public List<Row> all(String benchmark, String method) {
        List<Row> l = new ArrayList<>();
        for (Row r : rows) {
            if (r.benchmark().equals(benchmark) && (method == null || r.method().equals(method))) {
                l.add(r);
            }
        }
        return l;
    }

    private static boolean matches(Row r, String... kv) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (!kv[i + 1].equals(r.param(kv[i]))) {
                return false;
            }
        }
        return true;
    }

    /** CPU ns per operation of this process (peer=false) or the peer (true); NaN when not recorded. */
    public double cpuPerOp(Row r, boolean peer) {
        double[] v = cpu.get(r.benchmark() + "." + r.method() + "|" + r.paramsKey());
        if (v == null || v[0] <= 0 || v[peer ? 3 : 2] < 0) {
            return Double.NaN;
        }
        return v[peer ? 3 : 2] / v[0];
    }

    /** The peer's CPU time per wall-clock time over the trial (1.0 = one core busy all along); NaN when unknown. */
    public double peerUtilization(Row r) {
        double[] v = cpu.get(r.benchmark() + "." + r.method() + "|" + r.paramsKey());
        if (v == null || v[1] <= 0 || v[3] < 0) {
            return Double.NaN;
        }
        return v[3] / v[1];
    }

    /** The peer's CPU per wall time while no traffic flowed (cores); NaN when not recorded. */
    public double peerIdleUtilization(Row r) {
        double[] v = idle.get(r.benchmark() + "." + r.method() + "|" + r.paramsKey());
        return v == null || v[0] <= 0 || v[1] < 0 ? Double.NaN : v[1] / v[0];
    }

    /** A C reference value, NaN when absent. */
    public double c(String name, long size) {
        return c.getOrDefault(name + "|" + size, Double.NaN);
    }
}
