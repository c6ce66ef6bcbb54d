package io.jipc.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PNG charts of the report (XChart, headless): category charts (mechanisms on the x axis, one
 * series per percentile/size/operation) and x/y charts (a parameter on the x axis); the
 * summary scatter is {@link ScatterChart}. Every chart has axis titles with units and figures in the report's
 * number format. When the values span more than a decade the value axis is logarithmic and a
 * category chart becomes a dot plot (a bar on a log axis would start at an arbitrary floor);
 * otherwise bars start at zero, with JMH's score error as error bars where given. A chart with
 * one series has no legend.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Tick labels of a logarithmic axis. */
    private static final String LOG_TICKS = "#,##0.###";

    private Charts() {
    }

    /** {@link #category(String, String, String, Map, Map)} without error bars. */
    public static byte[] category(String title, String xTitle, String yTitle, Map<String, Map<String, Double>> series) {
        return category(title, xTitle, yTitle, series, null);
    }

    /**
     * A category chart. {@code series} maps a series name to (category → value); a category is
     * drawn when at least one series has a positive value for it, a missing value is a gap. {@code errors}
     * (same shape, may be null or partial) draws error bars on a linear axis.
     *
     * @return the PNG, or {@code null} when nothing can be drawn
     */
    public static byte[] category(String title, String xTitle, String yTitle, Map<String, Map<String, Double>> series,
                                  Map<String, Map<String, Double>> errors) {
        CategoryChart ch = categoryChart(title, xTitle, yTitle, series, errors);
        return ch == null ? null : png(ch);
    }

    private static boolean drawable(Double v) {
        return v != null && v > 0 && !v.isNaN() && !v.isInfinite();
    }

    /** The chart behind {@link #category(String, String, String, Map, Map)}, or null. */
    static CategoryChart categoryChart(String title, String xTitle, String yTitle, Map<String, Map<String, Double>> series,
                                       Map<String, Map<String, Double>> errors) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        series.values().forEach(x -> all.addAll(x.keySet()));
        List<String> cats = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String c : all) {
            for (Map<String, Double> s : series.values()) {
                Double v = s.get(c);
                if (drawable(v)) {
                    if (!cats.contains(c)) {
                        cats.add(c);
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (cats.isEmpty()) {
            return null;
        }
        boolean log = max / min > 10;
        CategoryChart ch = new CategoryChartBuilder().width(960).height(480).title(title).xAxisTitle(xTitle)
                .yAxisTitle(log ? yTitle + " (log scale)" : yTitle).build();
        style(ch, ch.getStyler(), series.size(), log);
        ch.getStyler().setXAxisLabelRotation(cats.size() > 6 ? 30 : 0);
        if (log) {
            ch.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            ch.getStyler().setMarkerSize(11);
            ch.getStyler().setYAxisLogarithmic(true);
            ch.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        } else {
            ch.getStyler().setYAxisMin(0.0);
        }
        for (Map.Entry<String, Map<String, Double>> s : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            Map<String, Double> err = errors == null ? null : errors.get(s.getKey());
            boolean withErrors = !log && err != null;
            for (String c : cats) {
                Double v = s.getValue().get(c);
                ys.add(drawable(v) ? v : null); // a gap: XChart skips it
                Double e = err == null ? null : err.get(c);
                withErrors &= drawable(v) && e != null && !e.isNaN() && !e.isInfinite() && e >= 0;
                es.add(e == null || e.isNaN() || e.isInfinite() ? 0.0 : e);
            }
            CategorySeries cs = withErrors ? ch.addSeries(s.getKey(), cats, ys, es) : ch.addSeries(s.getKey(), cats, ys);
            if (log) {
                cs.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        ch.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        return ch;
    }

    /**
     * An x/y chart with one line per series (x → y); points with non-positive or NaN values are
     * dropped (zero is kept on a linear axis). {@code logX} for sizes.
     */
    public static byte[] xy(String title, String xTitle, String yTitle, Map<String, Map<Double, Double>> series,
                            boolean logX) {
        XYChart ch = xyChart(title, xTitle, yTitle, series, logX);
        return ch == null ? null : png(ch);
    }

    /** The chart behind {@link #xy}, or null. */
    static XYChart xyChart(String title, String xTitle, String yTitle, Map<String, Map<Double, Double>> series,
                           boolean logX) {
        double min = Double.MAX_VALUE;
        double max = 0;
        Map<String, List<double[]>> drawn = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Double, Double>> s : series.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, Double> e : new TreeMap<>(s.getValue()).entrySet()) {
                double v = e.getValue();
                if (v >= 0 && !Double.isNaN(v) && !Double.isInfinite(v) && (!logX || e.getKey() > 0)) {
                    pts.add(new double[] {e.getKey(), v});
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (!pts.isEmpty()) {
                drawn.put(s.getKey(), pts);
            }
        }
        if (drawn.isEmpty()) {
            return null;
        }
        boolean logY = min > 0 && max / min > 10;
        XYChart ch = new XYChartBuilder().width(960).height(480).title(title).xAxisTitle(xTitle)
                .yAxisTitle(logY ? yTitle + " (log scale)" : yTitle).build();
        style(ch, ch.getStyler(), drawn.size(), logY);
        if (!logX) {
            ch.getStyler().setxAxisTickLabelsFormattingFunction(Fmt::tick);
        }
        for (Map.Entry<String, List<double[]>> s : drawn.entrySet()) {
            double[] xs = s.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = s.getValue().stream().mapToDouble(p -> p[1]).toArray();
            ch.addSeries(s.getKey(), xs, ys);
        }
        if (logX) {
            ch.getStyler().setXAxisLogarithmic(true);
            ch.getStyler().setXAxisDecimalPattern(LOG_TICKS);
        }
        if (logY) {
            ch.getStyler().setYAxisLogarithmic(true);
            ch.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        } else {
            ch.getStyler().setYAxisMin(0.0);
        }
        return ch;
    }

    private static void style(Chart<?, ?> ch, AxesChartStyler st, int seriesCount, boolean logY) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendVisible(seriesCount > 1);
        if (logY) {
            // XChart places linear ticks when a log axis has a formatting function: its powers of ten take a
            // pattern instead (1,000 rather than 1E3)
            st.setYAxisDecimalPattern(LOG_TICKS);
        } else {
            st.setyAxisTickLabelsFormattingFunction(Fmt::tick);
        }
        st.setPlotGridVerticalLinesVisible(false);
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
