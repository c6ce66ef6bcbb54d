package io.jipc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell. */
public final class Table {
    private final List<String> header;
    private int wrap = Integer.MAX_VALUE;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column names */
    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Wraps cells wider than {@code width} characters onto continuation lines (at spaces where possible). */
    public Table wrap(int width) {
        this.wrap = Math.max(20, width);
        return this;
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "-" : c.toString());
        }
        rows.add(r);
        return this;
    }

    /** Has no row been added? */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, each line indented by {@code indent}. */
    public void print(PrintWriter out, String indent) {
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < n && i < r.size(); i++) {
                w[i] = Math.max(w[i], Math.min(wrap, r.get(i).length()));
            }
        }
        line(out, indent, header, w);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(indent + sep);
        for (List<String> r : rows) {
            List<List<String>> parts = new ArrayList<>();
            int height = 1;
            for (String c : r) {
                List<String> p = split(c, wrap);
                parts.add(p);
                height = Math.max(height, p.size());
            }
            for (int h = 0; h < height; h++) {
                List<String> cells = new ArrayList<>();
                for (List<String> p : parts) {
                    cells.add(h < p.size() ? p.get(h) : "");
                }
                line(out, indent, cells, w);
            }
        }
    }

    private static List<String> split(String s, int width) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    private static void line(PrintWriter out, String indent, List<String> cells, int[] w) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append(i == 0 ? "" : "  ");
            sb.append(i == w.length - 1 ? c : pad(c, w[i]));
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
