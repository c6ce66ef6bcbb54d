package io.jipc.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PNG charts of the report (XChart, headless): category charts (mechanisms on the x axis, one
 * series per percentile/size/operation) and x/y charts (a parameter on the x axis). Every chart
 * has axis titles with units; the value axis is logarithmic when the values span more than a
 * decade.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * A category chart. {@code series} maps a series name to (category → value); only categories
     * with a positive value in every series are drawn (the tables hold the rest).
     *
     * @return the PNG, or {@code null} when nothing can be drawn
     */
    public static byte[] category(String title, String xTitle, String yTitle, Map<String, Map<String, Double>> series) {
        List<String> cats = new ArrayList<>();
        Map<String, Double> first = series.isEmpty() ? Map.of() : series.values().iterator().next();
        for (String c : first.keySet()) {
            boolean all = true;
            for (Map<String, Double> s : series.values()) {
                Double v = s.get(c);
                all &= v != null && v > 0 && !v.isNaN() && !v.isInfinite();
            }
            if (all) {
                cats.add(c);
            }
        }
        if (cats.isEmpty()) {
            return null;
        }
        CategoryChart ch = new CategoryChartBuilder().width(960).height(480).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        ch.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        ch.getStyler().setXAxisLabelRotation(cats.size() > 6 ? 30 : 0);
        ch.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map.Entry<String, Map<String, Double>> s : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String c : cats) {
                double v = s.getValue().get(c);
                ys.add(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            ch.addSeries(s.getKey(), cats, ys);
        }
        if (max / min > 10) {
            ch.getStyler().setYAxisLogarithmic(true);
            ch.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            ch.setYAxisTitle(yTitle + " (log scale)");
        } else {
            ch.getStyler().setYAxisMin(0.0);
        }
        return png(ch);
    }

    /**
     * An x/y chart with one line per series (x → y); points with non-positive or NaN values are
     * dropped (zero is kept on a linear axis). {@code logX} for sizes.
     */
    public static byte[] xy(String title, String xTitle, String yTitle, Map<String, Map<Double, Double>> series,
                            boolean logX) {
        XYChart ch = new XYChartBuilder().width(960).height(480).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        ch.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        ch.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double min = Double.MAX_VALUE;
        double max = 0;
        int drawn = 0;
        for (Map.Entry<String, Map<Double, Double>> s : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map.Entry<Double, Double> e : new java.util.TreeMap<>(s.getValue()).entrySet()) {
                double v = e.getValue();
                if (v >= 0 && !Double.isNaN(v) && !Double.isInfinite(v) && (!logX || e.getKey() > 0)) {
                    xs.add(e.getKey());
                    ys.add(v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (!xs.isEmpty()) {
                ch.addSeries(s.getKey(), xs, ys);
                drawn++;
            }
        }
        if (drawn == 0) {
            return null;
        }
        if (logX) {
            ch.getStyler().setXAxisLogarithmic(true);
        }
        if (min > 0 && max / min > 10) {
            ch.getStyler().setYAxisLogarithmic(true);
            ch.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            ch.setYAxisTitle(yTitle + " (log scale)");
        } else {
            ch.getStyler().setYAxisMin(0.0);
        }
        return png(ch);
    }

    /** An empty series map that keeps insertion order. */
    public static <K> Map<String, Map<K, Double>> series() {
        return new LinkedHashMap<>();
    }

    private static byte[] png(Chart<?, ?> ch) {
        try {
            return BitmapEncoder.getBitmapBytes(ch, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
