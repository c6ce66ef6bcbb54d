package io.jipc.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result (a JMH JSON entry), or a benchmark that did not run with its reason.
 *
 * @param benchmark  the benchmark class's simple name ({@code ChannelRoundTrip})
 * @param method     the benchmark method ({@code roundTrip})
 * @param params     the JMH parameters
 * @param mode       JMH mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param score      the primary score (NaN when it did not run)
 * @param error      the score's error
 * @param unit       the score's unit
 * @param percentiles percentile (e.g. "50.0") to value, in {@code unit}
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} when run with {@code -prof gc}, else NaN
 * @param failure    why it did not run, or {@code null}
 */
public record Row(String benchmark, String method, Map<String, String> params, String mode, double score,
                  double error, String unit, Map<String, Double> percentiles, double allocBytesPerOp,
                  String failure) {

    /** Did it produce a number? */
    public boolean ok() {
        return failure == null && !Double.isNaN(score);
    }

    /** A parameter value or {@code null}. */
    public String param(String k) {
        return params.get(k);
    }

    /** The integer value of a parameter, or -1. */
    public long intParam(String k) {
        String v = params.get(k);
        try {
            return v == null ? -1 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code k=v,k=v}, sorted (the key used by the side files). */
    public String paramsKey() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The score (or a percentile, e.g. "50.0") converted to nanoseconds per operation; NaN if not a time. */
    public double nanos(String percentile) {
        double v = percentile == null ? score : percentiles.getOrDefault(percentile, Double.NaN);
        return v * nanosPerUnit(unit);
    }

    /** The score converted to operations per second; NaN if not a rate. */
    public double opsPerSecond() {
        switch (unit) {
            case "ops/s": return score;
            case "ops/ms": return score * 1e3;
            case "ops/us": return score * 1e6;
            case "ops/ns": return score * 1e9;
            default: {
                double ns = nanos(null);
                return Double.isNaN(ns) ? Double.NaN : 1e9 / ns;
            }
        }
    }

    static double nanosPerUnit(String unit) {
        switch (unit == null ? "" : unit) {
            case "ns/op": return 1;
            case "us/op": return 1e3;
            case "ms/op": return 1e6;
            case "s/op": return 1e9;
            default: return Double.NaN;
        }
    }
}
