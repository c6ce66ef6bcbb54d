package io.jipc.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's one-picture summary: a scatter on log-log axes with a name beside every point,
 * drawn with Java 2D so that labels never cover each other or a point (each label takes the
 * first free place around its point, with a thin leader line when it had to move away). Tick
 * labels are powers of ten in the report's number format.
 */
public final class ScatterChart {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLORS = {new Color(0x3b6fd8), new Color(0xe8902a), new Color(0x4aa564), new Color(0x9b4dca)};
    private static final int W = 960;
    private static final int H = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;

    private ScatterChart() {
    }

    /**
     * Draws {@code groups} (a group is a colour in the legend; each maps a label to {x, y}).
     * Points with a coordinate that is not positive and finite are left out.
     *
     * @return the PNG, or {@code null} when no point can be drawn
     */
    public static byte[] draw(String title, String xTitle, String yTitle, Map<String, Map<String, double[]>> groups) {
        Map<String, Map<String, double[]>> ok = drawable(groups);
        if (ok.isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Map<String, double[]> pts : ok.values()) {
            for (double[] p : pts.values()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        int x0 = (int) Math.floor(Math.log10(minX));
        int x1 = Math.max(x0 + 1, (int) Math.ceil(Math.log10(maxX) + 0.3)); // room for the labels on the right
        int y0 = (int) Math.floor(Math.log10(minY));
        int y1 = Math.max(y0 + 1, (int) Math.ceil(Math.log10(maxY)));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            Axes ax = new Axes(x0, x1, y0, y1);
            grid(g, ax);
            titles(g, title, xTitle, yTitle);
            legend(g, ok.keySet());
            points(g, ax, ok);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The groups with only their points that a log scale can show (both coordinates positive and finite). */
    private static Map<String, Map<String, double[]>> drawable(Map<String, Map<String, double[]>> groups) {
        Map<String, Map<String, double[]>> ok = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> g : groups.entrySet()) {
            Map<String, double[]> pts = new LinkedHashMap<>();
            g.getValue().forEach((label, p) -> {
                if (p[0] > 0 && p[1] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    pts.put(label, p);
                }
            });
            if (!pts.isEmpty()) {
                ok.put(g.getKey(), pts);
            }
        }
        return ok;
    }

    private static void titles(Graphics2D g, String title, String xTitle, String yTitle) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        centre(g, title, W / 2.0, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        centre(g, xTitle + " (log scale)", LEFT + (W - LEFT - RIGHT) / 2.0, H - 18);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centre(g, yTitle + " (log scale)", -(TOP + (H - TOP - BOTTOM) / 2.0), 22);
        g.setTransform(saved);
    }

    /** Data (log10 decades) to pixels. */
    private record Axes(int x0, int x1, int y0, int y1) {
        double px(double v) {
            return LEFT + (Math.log10(v) - x0) / (x1 - x0) * (W - LEFT - RIGHT);
        }

        double py(double v) {
            return H - BOTTOM - (Math.log10(v) - y0) / (y1 - y0) * (H - TOP - BOTTOM);
        }
    }

    private static void grid(Graphics2D g, Axes ax) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = ax.x0(); d <= ax.x1(); d++) {
            for (int m = 1; m <= 9 && (m == 1 || d < ax.x1()); m++) {
                double v = m * Math.pow(10, d);
                int x = (int) Math.round(ax.px(v));
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(x, TOP, x, H - BOTTOM);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    centre(g, Fmt.tick(v), x, H - BOTTOM + 18);
                }
            }
        }
        for (int d = ax.y0(); d <= ax.y1(); d++) {
            for (int m = 1; m <= 9 && (m == 1 || d < ax.y1()); m++) {
                double v = m * Math.pow(10, d);
                int y = (int) Math.round(ax.py(v));
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(LEFT, y, W - RIGHT, y);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String s = Fmt.tick(v);
                    g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), y + 4);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    }

    private static void legend(Graphics2D g, Iterable<String> names) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = LEFT;
        int i = 0;
        for (String n : names) {
            g.setColor(COLORS[i++ % COLORS.length]);
            g.fill(new Ellipse2D.Double(x, 42, 10, 10));
            g.setColor(Color.BLACK);
            g.drawString(n, x + 15, 52);
            x += 30 + g.getFontMetrics().stringWidth(n);
        }
    }

    private static void points(Graphics2D g, Axes ax, Map<String, Map<String, double[]>> groups) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle2D> taken = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        for (Map<String, double[]> pts : groups.values()) {
            for (double[] p : pts.values()) {
                double cx = ax.px(p[0]);
                double cy = ax.py(p[1]);
                centres.add(new double[] {cx, cy});
                taken.add(new Rectangle2D.Double(cx - 7, cy - 7, 14, 14));
            }
        }
        int i = 0;
        for (Map<String, double[]> pts : groups.values()) {
            Color c = COLORS[i++ % COLORS.length];
            for (Map.Entry<String, double[]> e : pts.entrySet()) {
                double cx = ax.px(e.getValue()[0]);
                double cy = ax.py(e.getValue()[1]);
                g.setColor(c);
                g.fill(new Ellipse2D.Double(cx - 6, cy - 6, 12, 12));
                int w = fm.stringWidth(e.getKey());
                int h = fm.getAscent();
                Rectangle2D place = placeLabel(cx, cy, w, h, taken);
                boolean moved = place.getMinY() != cy - h / 2.0;
                taken.add(place);
                if (moved) {
                    g.setColor(Color.GRAY);
                    g.setStroke(new BasicStroke(0.8f));
                    double lx = place.getMinX() > cx ? place.getMinX() - 1 : place.getMaxX() + 1;
                    g.drawLine((int) cx, (int) cy, (int) lx, (int) place.getCenterY());
                }
                g.setColor(Color.BLACK);
                g.drawString(e.getKey(), (float) place.getMinX(), (float) place.getMaxY() - 1);
            }
        }
    }

    /**
     * Where the label of the point at ({@code cx}, {@code cy}) goes: right of it, left, then further
     * and further above and below, the first place inside the plot that overlaps nothing taken.
     */
    private static Rectangle2D placeLabel(double cx, double cy, int w, int h, List<Rectangle2D> taken) {
        List<double[]> tries = new ArrayList<>();
        tries.add(new double[] {cx + 10, cy - h / 2.0});
        tries.add(new double[] {cx - 10 - w, cy - h / 2.0});
        for (int k = 1; k <= 8; k++) {
            for (int sign : new int[] {-1, 1}) {
                tries.add(new double[] {cx + 10, cy - h / 2.0 + sign * k * (h + 3)});
                tries.add(new double[] {cx - 10 - w, cy - h / 2.0 + sign * k * (h + 3)});
            }
        }
        for (double[] t : tries) {
            Rectangle2D r = new Rectangle2D.Double(t[0], t[1], w, h);
            if (r.getMinX() < LEFT + 2 || r.getMaxX() > W - RIGHT - 2 || r.getMinY() < TOP + 2
                    || r.getMaxY() > H - BOTTOM - 2) {
                continue;
            }
            boolean free = true;
            for (Rectangle2D o : taken) {
                free &= !o.intersects(r);
            }
            if (free) {
                return r;
            }
        }
        return new Rectangle2D.Double(cx + 10, cy - h / 2.0, w, h);
    }

    private static void centre(Graphics2D g, String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }
}
