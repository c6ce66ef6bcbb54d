package io.jipc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column names */
    public Table(String... header) {
        this.header = List.of(header);
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
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        line(out, indent, header, w);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(indent + sep);
        for (List<String> r : rows) {
            line(out, indent, r, w);
        }
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
