package io.jipc.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * The report's "Ring vs Agrona": jipc's ring channel against Agrona's {@code OneToOneRingBuffer}
 * (the peer a Java engineer would pick) as ratios of time per operation, ring / Agrona — round-trip
 * p50 and p99 per size, and time per one-way message (the inverse of the rates) — so that 1 is
 * parity and above 1 means the ring is slower, in a table and a chart.
 */
final class RingVsAgrona {
    /** One ratio of the comparison. */
    record Ratio(String what, double ring, double agrona, String unit) {
        double value() {
            return ring / agrona;
        }
    }

    private RingVsAgrona() {
    }

    /** The ratios of this run that have both sides. */
    static List<Ratio> ratios(Analysis a) {
        List<Ratio> l = new ArrayList<>();
        for (int size : a.rttSizes()) {
            add(l, "round trip p50, " + JavaVsC.bytes(size), a.rtt("ring", size, "50.0"), a.rtt("agrona", size, "50.0"), "µs");
            add(l, "round trip p99, " + JavaVsC.bytes(size), a.rtt("ring", size, "99.0"), a.rtt("agrona", size, "99.0"), "µs");
        }
        for (int size : a.tputSizes()) {
            add(l, "time per one-way message, " + JavaVsC.bytes(size), 1e9 / a.tput("ring", size), 1e9 / a.tput("agrona", size),
                    "ns");
        }
        return l;
    }

    private static void add(List<Ratio> l, String what, double ring, double agrona, String unit) {
        if (!Double.isNaN(ring) && !Double.isNaN(agrona) && agrona > 0 && ring > 0) {
            l.add(new Ratio(what, ring, agrona, unit));
        }
    }

    /** The section: a table of the ratios and the chart. */
    static void section(Doc doc, Analysis a, ReportSections.ChartSink sink) {
        doc.h(2, "Ring vs Agrona");
        List<Ratio> ratios = ratios(a);
        if (ratios.isEmpty()) {
            doc.p("The ring and the Agrona peer did not both run in this run: no comparison.");
            return;
        }
        doc.p("jipc's ring channel against Agrona's `OneToOneRingBuffer` over a mapped file, same run, same peer set-up: "
                + "time per operation, ring / Agrona (1 = parity, above 1 = the ring is slower; the one-way row is the "
                + "inverse of the messages per second).");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> v = new LinkedHashMap<>();
        for (Ratio r : ratios) {
            rows.add(List.of(r.what(), fmt(r.ring()) + " " + r.unit(), fmt(r.agrona()) + " " + r.unit(), fmt(r.value()) + "×"));
            v.put(r.what().replace("round trip ", "RTT ").replace("time per one-way message", "one-way").replace(",", ""),
                    r.value()); // short: the category labels must not overlap
        }
        doc.table(List.of("measure", "ring", "agrona (peer)", "ring / Agrona"), rows);
        Map<String, Map<String, Double>> s = Charts.series();
        s.put("ring / Agrona", v);
        sink.chart("ring-vs-agrona", Charts.category("Ring vs Agrona: time per operation, ring / Agrona (1 = parity)",
                "measure", "ring time / Agrona time (×)", s), "ring / Agrona time ratios (above 1: the ring is slower)");
    }
}
