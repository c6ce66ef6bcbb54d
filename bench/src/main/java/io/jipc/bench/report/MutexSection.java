package io.jipc.bench.report;

import io.jipc.bench.Locker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's "Mutexes" section: uncontended and contended figures per mutex mechanism.
 */
final class MutexSection {
    private MutexSection() {
    }

    /** The mutex table and its two charts. */
    static void section(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "Mutexes");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> unc = new LinkedHashMap<>();
        Map<String, Double> con = new LinkedHashMap<>();
        Map<String, Double> uncErr = new LinkedHashMap<>();
        for (String m : Locker.ALL) {
            Row u = r.find("MutexUncontended", "lockUnlock", "mech", m);
            Row c = r.find("MutexContended", "lockWorkUnlock", "mech", m);
            String st = ReportRows.status(r, "MutexUncontended", "mech", m);
            String st2 = ReportRows.status(r, "MutexContended", "mech", m);
            rows.add(List.of(m + (m.startsWith("jdk") ? " (peer)" : ""),
                    u == null ? "-" : Fmt.pm(a.mutexUncontended(m), a.mutexUncontended(m) * ReportRows.relErr(u)),
                    u == null ? "-" : fmt(u.allocBytesPerOp()),
                    c == null ? "-" : Fmt.pm(a.mutexContended(m), a.mutexContended(m) * ReportRows.relErr(c)),
                    c == null ? "-" : ReportRows.cpuSelfPeer(r, c),
                    st.equals(st2) ? st : "uncontended: " + st + "; contended: " + st2));
            unc.put(m, a.mutexUncontended(m));
            uncErr.put(m, u == null ? Double.NaN : a.mutexUncontended(m) * ReportRows.relErr(u));
            con.put(m, a.mutexContendedCpu(m) * 1e3);
        }
        doc.table(List.of("mechanism", "uncontended lock+unlock (ns)", "alloc (B/op)", "contended ops/s (this side)",
                "contended CPU/op self / peer (µs)", "status"), rows);
        Map<String, Map<String, Double>> s = Charts.series();
        s.put("uncontended lock+unlock", unc);
        Map<String, Map<String, Double>> se = Charts.series();
        se.put("uncontended lock+unlock", uncErr);
        sink.chart("mutex-uncontended", Charts.category("Mutex: uncontended lock+unlock", "mechanism", "time per lock+unlock (ns)",
                s, se), "uncontended lock+unlock per mutex mechanism (error bars: JMH score error, where the axis is linear)");
        s = Charts.series();
        s.put("CPU of both processes per contended op", con);
        sink.chart("mutex-contended-cpu", Charts.category("Mutex: CPU burnt per contended hand-over", "mechanism",
                "CPU time of both processes per op (ns)", s), "CPU per contended lock+work+unlock (both processes)");
    }
}
