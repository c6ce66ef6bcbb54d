package io.jipc.bench.report;

import io.jipc.api.Primitive;
import io.jipc.bench.Channels;
import io.jipc.bench.Locker;
import io.jipc.bench.Regions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * Turns a run's JMH JSON (and its side files) into {@code DIR/report.md}, a self-contained
 * {@code DIR/report.html} and {@code DIR/charts/*.png}: machine, capability matrix, the tables and
 * charts, the claims with computed verdicts, Java/C ratios, the peers, recommendations, and every
 * benchmark that did not run with its reason.
 *
 * <p>{@code java io.jipc.bench.report.Report RESULTS.json [DIR]}
 */
public final class Report {
    static final String[] PCTS = {"50.0", "90.0", "99.0", "99.9"};
    static final String[] PCT_NAMES = {"p50", "p90", "p99", "p99.9"};

    private final Results r;
    private final Analysis a;
    private final Doc doc = new Doc("jipc benchmark report");
    private final Map<String, byte[]> charts = new LinkedHashMap<>();

    private Report(Results r) {
        this.r = r;
        this.a = new Analysis(r);
    }

    /** What {@link #write} produced. */
    public record Output(Path markdown, Path html, List<Path> charts, List<Analysis.Claim> claims) {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        Path json = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : json.toAbsolutePath().getParent();
        Output o = write(json, out);
        System.out.println("report: " + o.markdown() + " and " + o.html());
    }

    /** Reads {@code json} and writes the report into {@code outDir}. */
    public static Output write(Path json, Path outDir) {
        Results res = Results.load(json);
        Report rep = new Report(res);
        List<Analysis.Claim> claims = rep.build();
        CrashMatrixSection.append(rep.doc, json.toAbsolutePath().getParent());
        try {
            Path chartDir = Files.createDirectories(outDir.resolve("charts"));
            List<Path> pngs = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : rep.charts.entrySet()) {
                Path p = chartDir.resolve(e.getKey() + ".png");
                Files.write(p, e.getValue());
                pngs.add(p);
            }
            Path md = outDir.resolve("report.md");
            Path html = outDir.resolve("report.html");
            Files.writeString(md, rep.doc.markdown(), StandardCharsets.UTF_8);
            Files.writeString(html, rep.doc.html(), StandardCharsets.UTF_8);
            return new Output(md, html, pngs, claims);
        } catch (IOException e) {
            throw new ReportException("cannot write the report into " + outDir + ": " + ReportException.why(e), e);
        }
    }

    /** The headline table as text (printed by {@code jipc bench}). */
    public static String headline(Results r) {
        List<List<String>> rows = headlineRows(new Analysis(r));
        List<String> head = headlineHead(new Analysis(r));
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> row : rows) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, w);
        for (List<String> row : rows) {
            appendRow(sb, row, w);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c).append("  ");
        }
        sb.append('\n');
    }

    static List<String> headlineHead(Analysis a) {
        int s = a.rttSizes().isEmpty() ? 64 : a.rttSizes().get(0);
        int t = a.tputSizes().isEmpty() ? 64 : a.tputSizes().get(0);
        return List.of("channel", "RTT p50 " + s + " B (µs)", "RTT p99 " + s + " B (µs)", "one-way " + t + " B (msg/s)",
                "status");
    }

    static List<List<String>> headlineRows(Analysis a) {
        int s = a.rttSizes().isEmpty() ? 64 : a.rttSizes().get(0);
        int t = a.tputSizes().isEmpty() ? 64 : a.tputSizes().get(0);
        List<List<String>> rows = new ArrayList<>();
        for (String m : Channels.ALL) {
            double p50 = a.rtt(m, s, "50.0");
            String status = "ok";
            if (Double.isNaN(p50)) {
                Row f = failure(a.r, "ChannelRoundTrip", "mech", m);
                status = f == null ? "not run" : f.failure();
            }
            rows.add(List.of(m + (Channels.isPeer(m) ? " (peer)" : ""), fmt(p50), fmt(a.rtt(m, s, "99.0")),
                    fmt(a.tput(m, t)), shorten(status, 70)));
        }
        return rows;
    }

    static Row failure(Results r, String bench, String k, String v) {
        for (Row row : r.rows) {
            if (row.failure() != null && row.benchmark().equals(bench) && v.equals(row.param(k))) {
                return row;
            }
        }
        return null;
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private String status(String bench, String... kv) {
        boolean any = false;
        for (Row row : r.rows) {
            if (!row.benchmark().equals(bench)) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i + 1 < kv.length; i += 2) {
                match &= kv[i + 1].equals(row.param(kv[i]));
            }
            if (match && row.failure() != null) {
                return row.failure();
            }
            any |= match;
        }
        return any ? "ok" : "not run";
    }

    private void chart(String name, byte[] png, String caption) {
        if (png != null) {
            charts.put(name, png);
            doc.image(name, png, caption);
        } else {
            doc.p("_(chart " + name + ": no data to draw)_");
        }
    }

    private List<Analysis.Claim> build() {
        List<Analysis.Claim> claims = a.claims();
        doc.p("How to read: every number comes from this run on the machine below. Latencies are JMH "
                + "`SampleTime` percentiles of one round trip to a peer JVM; throughput is one-way messages per second "
                + "into a consumer JVM that checks each message. A row that could not run says why "
                + "(`failed/skipped: reason`, `not allowed by limit X`). Verdicts are computed from the figures "
                + "beside them. Figures have three significant digits (k = thousand, M = million); `a ± e` is JMH's "
                + "score error (99.9% confidence) where it gives one.");
        if (r.rows.stream().noneMatch(x -> x.ok() && x.error() > 0 && !Double.isInfinite(x.error()))) {
            doc.p("JMH gave no score error in this run: it needs at least three measured iterations, and `--quick` "
                    + "measures two. Run `jipc bench --full` for figures with error bars.");
        }
        doc.toc();
        doc.h(2, "Headline");
        doc.table(headlineHead(a), headlineRows(a));
        ReportSections.summary(doc, a, this::chart);
        machine();
        capabilities();
        channels();
        mutexes();
        OffBoxSection.append(doc, a);
        AllocSection.section(doc, r);
        regions();
        claimSpecific();
        doc.h(2, "Claims");
        List<List<String>> rows = new ArrayList<>();
        for (Analysis.Claim c : claims) {
            rows.add(List.of(c.id(), c.claim(), c.figures(), "**" + c.verdict() + "**"));
        }
        doc.table(List.of("claim", "statement (docs/claims.md)", "figures from this run", "verdict"), rows);
        ReportSections.liveChecks(doc, r.checks);
        ratios();
        peers();
        RingVsAgrona.section(doc, a, this::chart);
        doc.h(2, "Recommendations");
        doc.p("Derived from the numbers above (jipc backends only; the peers are in their own section). "
                + "`jipc choose` answers the same question for a given size and pattern.");
        List<List<String>> rec = new ArrayList<>();
        for (Analysis.Choice c : a.recommendations()) {
            rec.add(List.of(c.need(), "**" + c.choice() + "**", c.why()));
        }
        doc.table(List.of("need", "choice", "because"), rec);
        failures();
        return claims;
    }

    private void machine() {
        doc.h(2, "Machine");
        Map<String, String> m = r.machine.isEmpty() ? Machine.collect("unknown (collected at report time)") : r.machine;
        List<List<String>> facts = new ArrayList<>();
        List<List<String>> limits = new ArrayList<>();
        m.forEach((k, v) -> {
            if (k.startsWith(Machine.LIMIT)) {
                limits.add(List.of(k.substring(Machine.LIMIT.length()), v));
            } else {
                facts.add(List.of(k, v));
            }
        });
        doc.table(List.of("fact", "value"), facts);
        doc.p("IPC limits in force (as `jipc limits` prints them; the suite never raises them):");
        doc.table(List.of("limit", "value (source)"), limits);
    }

    private void capabilities() {
        ReportSections.capabilities(doc);
    }

    private void channels() {
        doc.h(2, "Channels: round-trip latency");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.all("ChannelRoundTrip", "roundTrip")) {
            List<String> cells = new ArrayList<>(List.of(row.param("mech"), row.param("size")));
            for (String p : PCTS) {
                cells.add(row.ok() ? fmt(row.nanos(p) / 1e3) : "-");
            }
            cells.add(row.ok() ? Fmt.pm(row.nanos(null) / 1e3, row.error() * Row.nanosPerUnit(row.unit()) / 1e3) : "-");
            cells.add(row.ok() ? fmt(r.cpuPerOp(row, false) / 1e3) + " / " + fmt(r.cpuPerOp(row, true) / 1e3) : "-");
            cells.add(row.ok() ? fmt(row.allocBytesPerOp()) : "-");
            cells.add(row.ok() ? "ok" : row.failure());
            rows.add(cells);
        }
        rows.sort((x, y) -> x.get(0).equals(y.get(0)) ? Integer.compare(Integer.parseInt(x.get(1)), Integer.parseInt(y.get(1)))
                : Integer.compare(idx(Channels.ALL, x.get(0)), idx(Channels.ALL, y.get(0))));
        doc.table(List.of("mechanism", "size (B)", "p50 (µs)", "p90 (µs)", "p99 (µs)", "p99.9 (µs)",
                "mean ± error (µs)", "CPU/op self / peer (µs)", "alloc (B/op)", "status"), rows);
        for (int size : a.rttSizes()) {
            Map<String, Map<String, Double>> s = Charts.series();
            for (int i = 0; i < PCTS.length; i++) {
                Map<String, Double> v = new LinkedHashMap<>();
                for (String m : Channels.ALL) {
                    v.put(m, a.rtt(m, size, PCTS[i]));
                }
                s.put(PCT_NAMES[i], v);
            }
            chart("rtt-" + size, Charts.category("Round-trip latency, " + size + " B payload", "mechanism",
                    "round trip (µs)", s), "round-trip latency percentiles at " + size + " B");
        }
        doc.h(2, "Channels: one-way throughput");
        rows = new ArrayList<>();
        for (Row row : r.all("ChannelThroughput", "send")) {
            double ops = row.ok() ? row.opsPerSecond() : Double.NaN;
            double opsErr = row.ok() ? ops * relErr(row) : Double.NaN;
            rows.add(List.of(row.param("mech"), row.param("size"), Fmt.pm(ops, opsErr), fmt(ops * row.intParam("size") / 1e6),
                    row.ok() ? fmt(r.cpuPerOp(row, false) / 1e3) + " / " + fmt(r.cpuPerOp(row, true) / 1e3) : "-",
                    row.ok() ? fmt(row.allocBytesPerOp()) : "-", row.ok() ? "ok" : row.failure()));
        }
        rows.sort((x, y) -> x.get(0).equals(y.get(0)) ? Integer.compare(Integer.parseInt(x.get(1)), Integer.parseInt(y.get(1)))
                : Integer.compare(idx(Channels.ALL, x.get(0)), idx(Channels.ALL, y.get(0))));
        doc.table(List.of("mechanism", "size (B)", "messages/s", "MB/s", "CPU/msg producer / consumer (µs)",
                "alloc (B/op)", "status"), rows);
        Map<String, Map<String, Double>> s = Charts.series();
        for (int size : a.tputSizes()) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (String m : Channels.ALL) {
                v.put(m, a.tput(m, size) * size / 1e6);
            }
            s.put(size + " B", v);
        }
        chart("throughput", Charts.category("One-way throughput per payload size", "mechanism", "throughput (MB/s)", s),
                "one-way throughput in MB/s, one series per payload size");
    }

    private void mutexes() {
        doc.h(2, "Mutexes");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> unc = new LinkedHashMap<>();
        Map<String, Double> con = new LinkedHashMap<>();
        Map<String, Double> uncErr = new LinkedHashMap<>();
        for (String m : Locker.ALL) {
            Row u = r.find("MutexUncontended", "lockUnlock", "mech", m);
            Row c = r.find("MutexContended", "lockWorkUnlock", "mech", m);
            String st = status("MutexUncontended", "mech", m);
            String st2 = status("MutexContended", "mech", m);
            rows.add(List.of(m + (m.startsWith("jdk") ? " (peer)" : ""),
                    u == null ? "-" : Fmt.pm(a.mutexUncontended(m), a.mutexUncontended(m) * relErr(u)),
                    u == null ? "-" : fmt(u.allocBytesPerOp()),
                    c == null ? "-" : Fmt.pm(a.mutexContended(m), a.mutexContended(m) * relErr(c)),
                    c == null ? "-" : fmt(r.cpuPerOp(c, false) / 1e3) + " / " + fmt(r.cpuPerOp(c, true) / 1e3),
                    st.equals(st2) ? st : "uncontended: " + st + "; contended: " + st2));
            unc.put(m, a.mutexUncontended(m));
            uncErr.put(m, u == null ? Double.NaN : a.mutexUncontended(m) * relErr(u));
            con.put(m, a.mutexContendedCpu(m) * 1e3);
        }
        doc.table(List.of("mechanism", "uncontended lock+unlock (ns)", "alloc (B/op)", "contended ops/s (this side)",
                "contended CPU/op self / peer (µs)", "status"), rows);
        Map<String, Map<String, Double>> s = Charts.series();
        s.put("uncontended lock+unlock", unc);
        Map<String, Map<String, Double>> se = Charts.series();
        se.put("uncontended lock+unlock", uncErr);
        chart("mutex-uncontended", Charts.category("Mutex: uncontended lock+unlock", "mechanism", "time per lock+unlock (ns)",
                s, se), "uncontended lock+unlock per mutex mechanism (error bars: JMH score error, where the axis is linear)");
        s = Charts.series();
        s.put("CPU of both processes per contended op", con);
        chart("mutex-contended-cpu", Charts.category("Mutex: CPU burnt per contended hand-over", "mechanism",
                "CPU time of both processes per op (ns)", s), "CPU per contended lock+work+unlock (both processes)");
    }

    private void regions() {
        doc.h(2, "Regions");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> s = Charts.series();
        String[][] ops = {{"RegionBandwidth", "writeWarm", "write (warm)"}, {"RegionBandwidth", "readWarm", "read (warm)"},
            {"RegionBandwidth", "writeFirstTouch", "create + first-touch write"}, {"RegionCrossRead", "firstRead",
                "cross-process first read"}};
        for (String[] o : ops) {
            s.put(o[2], new LinkedHashMap<>());
        }
        for (String m : Regions.ALL) {
            List<String> cells = new ArrayList<>(List.of(m));
            for (String[] o : ops) {
                double v = a.regionGBs(o[0], o[1], m);
                Row src = r.find(o[0], o[1], "mech", m);
                cells.add(src == null ? fmt(v) : Fmt.pm(v, v * relErr(src)));
                s.get(o[2]).put(m, v);
            }
            cells.add(fmt(a.syncUs("dirtyOnly", m)));
            cells.add(fmt(a.syncUs("dirtyAndSync", m)));
            String st = status("RegionBandwidth", "mech", m);
            String st2 = status("RegionCrossRead", "mech", m);
            cells.add(st.equals(st2) ? st : "bandwidth: " + st + "; cross read: " + st2);
            rows.add(cells);
        }
        doc.table(List.of("mechanism", "write warm (GB/s)", "read warm (GB/s)", "first touch (GB/s)",
                "cross-process first read (GB/s)", "dirty the sync block (µs)", "dirty + msync (µs)", "status"), rows);
        doc.p("Bandwidth blocks and the sync block as run: " + blocks() + ". The msync columns dirty one byte per 4 KiB page of the sync block, then sync.");
        Map<String, Map<String, Double>> drawn = Charts.series();
        s.forEach((k, v) -> {
            if (v.values().stream().anyMatch(x -> !Double.isNaN(x))) {
                drawn.put(k, v);
            }
        });
        Map<String, Map<String, Double>> core = Charts.series();
        core.put("write (warm)", s.get("write (warm)"));
        core.put("read (warm)", s.get("read (warm)"));
        core.put("create + first-touch write", s.get("create + first-touch write"));
        chart("region-bandwidth", Charts.category("Region bandwidth", "region mechanism", "bandwidth (GB/s)", core),
                "region bandwidth: warm write/read and first touch");
        Map<String, Map<String, Double>> sync = Charts.series();
        Map<String, Double> d = new LinkedHashMap<>();
        Map<String, Double> ds = new LinkedHashMap<>();
        for (String m : Regions.ALL) {
            d.put(m, a.syncUs("dirtyOnly", m));
            ds.put(m, a.syncUs("dirtyAndSync", m));
        }
        sync.put("dirty every page", d);
        sync.put("dirty every page + msync", ds);
        chart("region-msync", Charts.category("Cost of msync (C11)", "region mechanism", "time per operation (µs)", sync),
                "dirtying the sync block with and without msync");
    }

    private String blocks() {
        java.util.TreeSet<String> l = new java.util.TreeSet<>();
        for (String b : new String[] {"RegionBandwidth", "RegionSync", "RegionCrossRead"}) {
            for (Row row : r.all(b, null)) {
                if (row.ok()) {
                    l.add(b + " " + (row.intParam("block") >> 20) + " MiB");
                }
            }
        }
        return l.isEmpty() ? "none" : String.join(", ", l);
    }

    private void claimSpecific() {
        doc.h(2, "C2: region + mutex hand-over vs a stream");
        String base = a.streamBaseline();
        List<List<String>> rows = new ArrayList<>();
        Map<Double, Double> h = new java.util.TreeMap<>();
        Map<Double, Double> p = new java.util.TreeMap<>();
        for (Row row : r.all("RegionHandOver", "roundTrip")) {
            int size = (int) row.intParam("size");
            double hv = row.ok() ? row.nanos("50.0") / 1e3 : Double.NaN;
            double pv = a.rtt(base, size, "50.0");
            rows.add(List.of(row.param("size"), fmt(hv), fmt(pv), row.ok() ? "ok" : row.failure()));
            h.put((double) size, hv);
            p.put((double) size, pv);
        }
        rows.sort((x, y) -> Integer.compare(Integer.parseInt(x.get(0)), Integer.parseInt(y.get(0))));
        doc.table(List.of("size (B)", "region+mutex p50 (µs)", base + " p50 (µs)", "status"), rows);
        Map<String, Map<Double, Double>> s = Charts.series();
        s.put("region + mutex", h);
        s.put(base, p);
        chart("c2-handover", Charts.xy("C2: region+mutex hand-over vs " + base, "payload size (bytes, log scale)",
                "round trip p50 (µs)", s, true), "C2 round trip per size");

        doc.h(2, "C4: SysV receive by type with messages ahead");
        rows = new ArrayList<>();
        Map<Double, Double> c4 = new java.util.TreeMap<>();
        for (Row row : r.all("SysvSelectDepth", "sendThenSelect")) {
            double v = row.ok() ? row.nanos(null) : Double.NaN;
            rows.add(List.of(row.param("ahead"), row.ok() ? Fmt.pm(v, v * relErr(row)) : "-", row.ok() ? "ok" : row.failure()));
            c4.put((double) row.intParam("ahead"), v);
        }
        rows.sort((x, y) -> Integer.compare(Integer.parseInt(x.get(0)), Integer.parseInt(y.get(0))));
        doc.table(List.of("messages ahead", "send + receive(tag) (ns)", "status"), rows);
        Map<String, Map<Double, Double>> s4 = Charts.series();
        s4.put("sysv send + receive(tag=1)", c4);
        chart("c4-slope", Charts.xy("C4: cost of selecting by type past N messages", "messages of another type ahead",
                "time per send + receive (ns)", s4, false), "C4 slope");

        doc.h(2, "C10: a server waiting on K queues");
        rows = new ArrayList<>();
        Map<String, Map<Double, Double>> s10 = Charts.series();
        Map<String, Map<Double, Double>> s10c = Charts.series();
        for (Row row : r.all("MultiQueueServer", "roundTrip")) {
            String m = row.param("mech");
            double v = row.ok() ? row.nanos("50.0") / 1e3 : Double.NaN;
            double cpu = row.ok() ? r.cpuPerOp(row, true) / 1e3 : Double.NaN;
            rows.add(List.of(m, row.param("queues"), fmt(v), row.ok() ? fmt(row.nanos("99.0") / 1e3) : "-", fmt(cpu),
                    row.ok() ? fmt(r.peerUtilization(row)) : "-", row.ok() ? fmt(r.peerIdleUtilization(row)) : "-",
                    row.ok() ? "ok" : row.failure()));
            s10.computeIfAbsent(m, k -> new java.util.TreeMap<>()).put((double) row.intParam("queues"), v);
            s10c.computeIfAbsent(m, k -> new java.util.TreeMap<>()).put((double) row.intParam("queues"),
                    row.ok() ? r.peerIdleUtilization(row) : Double.NaN);
        }
        doc.table(List.of("server waits with", "K queues", "round trip p50 (µs)", "p99 (µs)", "server CPU per request (µs)",
                "server busy (cores)", "idle server (cores)", "status"), rows);
        doc.p("Server CPU is read from /proc/PID/stat over the whole trial (10 ms ticks; it includes the peer JVM's "
                + "JIT work during the trial, so short --quick trials overstate it). \"Busy\" = server CPU time / wall time; \"idle server\" = the same over 0.5 s with no request at all.");
        chart("c10-latency", Charts.xy("C10: round trip vs number of queues", "K (queues the server waits on)",
                "round trip p50 (µs)", s10, false), "C10 latency");
        chart("c10-cpu", Charts.xy("C10: CPU of a server waiting with no request, vs number of queues",
                "K (queues the server waits on)", "idle server CPU time / wall time (cores)", s10c, false),
                "C10 idle server CPU");

        doc.h(2, "C14: client/server designs");
        rows = new ArrayList<>();
        Map<String, Map<String, Double>> s14 = Charts.series();
        for (Row row : r.all("ClientServerDesigns", "request")) {
            double v = row.ok() ? row.opsPerSecond() : Double.NaN;
            long c = row.intParam("clients");
            rows.add(List.of(row.param("design"), Long.toString(c), row.ok() ? Fmt.pm(v, v * relErr(row)) : "-", fmt(v * c),
                    row.ok() ? "ok" : row.failure()));
            s14.computeIfAbsent(row.param("design"), k -> new LinkedHashMap<>()).put(Fmt.plural(c, "client"), v * c);
        }
        doc.table(List.of("design", "clients", "requests/s per client", "total requests/s (approx.)", "status"), rows);
        chart("c14-designs", Charts.category("C14: request/response throughput of the two designs", "clients",
                "total requests/s", s14), "C14 throughput");
    }

    private void ratios() {
        JavaVsC.section(doc, r, a, this::chart);
    }

    private void peers() {
        doc.h(2, "Peers: what a Java engineer would use instead");
        List<List<String>> rows = new ArrayList<>();
        for (int size : a.rttSizes()) {
            rows.add(List.of("ring vs Agrona OneToOneRingBuffer (round trip p50, " + size + " B)",
                    fmt(a.rtt("ring", size, "50.0")) + " µs", fmt(a.rtt("agrona", size, "50.0")) + " µs"));
            rows.add(List.of("unix-stream vs JDK UnixDomain SocketChannel (round trip p50, " + size + " B)",
                    fmt(a.rtt("unix-stream", size, "50.0")) + " µs", fmt(a.rtt("jdk-unix", size, "50.0")) + " µs"));
        }
        rows.add(List.of("fcntl vs JDK FileChannel.lock (uncontended)", fmt(a.mutexUncontended("fcntl")) + " ns",
                fmt(a.mutexUncontended("jdk-filelock")) + " ns"));
        rows.add(List.of("fcntl vs JDK FileChannel.lock (contended ops/s)", fmt(a.mutexContended("fcntl")),
                fmt(a.mutexContended("jdk-filelock"))));
        doc.table(List.of("comparison", "jipc", "peer"), rows);
    }

    private void failures() {
        doc.h(2, "Benchmarks that did not run");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.rows) {
            if (row.failure() != null) {
                rows.add(List.of(row.benchmark() + "." + row.method(), row.paramsKey(), row.failure()));
            }
        }
        if (rows.isEmpty()) {
            doc.p("None: every planned benchmark produced a result.");
        } else {
            doc.table(List.of("benchmark", "parameters", "failed/skipped: reason"), rows);
        }
    }

    /** JMH's score error relative to the score (NaN when it gives none). */
    static double relErr(Row row) {
        return row == null || row.score() == 0 ? Double.NaN : Math.abs(row.error() / row.score());
    }

    private static int idx(String[] all, String v) {
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals(v)) {
                return i;
            }
        }
        return all.length;
    }
}
