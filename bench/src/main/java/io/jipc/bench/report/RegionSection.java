package io.jipc.bench.report;

import io.jipc.bench.Regions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's "Regions" section: bandwidth, first touch, cross-process read and msync per region mechanism.
 */
final class RegionSection {
    private RegionSection() {
    }

    /** The region table, the bandwidth chart and the msync chart. */
    static void section(Doc doc, Results r, Analysis a, ReportSections.ChartSink sink) {
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
                cells.add(src == null ? fmt(v) : Fmt.pm(v, v * ReportRows.relErr(src)));
                s.get(o[2]).put(m, v);
            }
            cells.add(fmt(a.syncUs("dirtyOnly", m)));
            cells.add(fmt(a.syncUs("dirtyAndSync", m)));
            String st = ReportRows.status(r, "RegionBandwidth", "mech", m);
            String st2 = ReportRows.status(r, "RegionCrossRead", "mech", m);
            cells.add(st.equals(st2) ? st : "bandwidth: " + st + "; cross read: " + st2);
            rows.add(cells);
        }
        doc.table(List.of("mechanism", "write warm (GB/s)", "read warm (GB/s)", "first touch (GB/s)",
                "cross-process first read (GB/s)", "dirty the sync block (µs)", "dirty + msync (µs)", "status"), rows);
        doc.p("Bandwidth blocks and the sync block as run: " + blocks(r) + ". The msync columns dirty one byte per 4 KiB page of the sync block, then sync.");
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
        sink.chart("region-bandwidth", Charts.category("Region bandwidth", "region mechanism", "bandwidth (GB/s)", core),
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
        sink.chart("region-msync", Charts.category("Cost of msync (C11)", "region mechanism", "time per operation (µs)", sync),
                "dirtying the sync block with and without msync");
    }

    private static String blocks(Results r) {
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
}
