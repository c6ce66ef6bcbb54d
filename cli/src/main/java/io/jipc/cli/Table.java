package io.jipc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell. */
public final class Table {
    /** A column of text is not wrapped narrower than this (unless its cells are shorter): a thinner one is unreadable. */
    private static final int READABLE = 16;

    private final List<String> header;
    private int wrap = Integer.MAX_VALUE;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column names */
    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Wraps cells wider than {@code width} characters onto continuation lines (at spaces; a word is never cut). */
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

    /** This table without the columns named {@code drop} (the same rows, those cells left out). */
    public Table without(String... drop) {
        java.util.Set<String> gone = java.util.Set.of(drop);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!gone.contains(header.get(i))) {
                keep.add(i);
            }
        }
        Table t = new Table(keep.stream().map(header::get).toArray(String[]::new));
        t.wrap = wrap;
        for (List<String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (int i : keep) {
                cells.add(i < r.size() ? r.get(i) : "");
            }
            t.rows.add(cells);
        }
        return t;
    }

    /** Has no row been added? */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, each line indented by {@code indent}, as wide as its cells need. */
    public void print(PrintWriter out, String indent) {
        print(out, indent, Integer.MAX_VALUE);
    }

    /**
     * Prints the table within {@code width} columns where it can: the widest columns wrap their
     * cells at spaces until the table fits. A word (an identifier, a path, a number) is never
     * broken: a column is never narrower than its longest word (nor than 16 characters when its
     * cells are longer), so a table whose words alone are wider than {@code width} stays wider.
     */
    public void print(PrintWriter out, String indent, int width) {
        int n = header.size();
        int[] w = new int[n];
        int[] min = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
            min[i] = longestWord(header.get(i));
        }
        int[] cells = new int[n];
        for (List<String> r : rows) {
            for (int i = 0; i < n && i < r.size(); i++) {
                cells[i] = Math.max(cells[i], Math.min(wrap, r.get(i).length()));
                min[i] = Math.max(min[i], longestWord(r.get(i)));
            }
        }
        for (int i = 0; i < n; i++) {
            // the header may wrap at its spaces; the cells keep a readable width
            min[i] = Math.max(min[i], Math.min(cells[i], READABLE));
            w[i] = Math.max(Math.max(w[i], cells[i]), min[i]);
        }
        int total = indent.length() + 2 * (n - 1);
        for (int x : w) {
            total += x;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < n; i++) {
                if (w[i] > min[i] && (widest < 0 || w[i] > w[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            w[widest]--;
            total--;
        }
        printRow(out, indent, header, w);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(indent + sep);
        for (List<String> r : rows) {
            printRow(out, indent, r, w);
        }
    }

    /** The narrowest this table can be printed, indent included (every column as wide as its longest word). */
    public int minWidth(String indent) {
        int n = header.size();
        int total = indent.length() + 2 * (n - 1);
        for (int i = 0; i < n; i++) {
            int m = longestWord(header.get(i));
            int natural = 0;
            for (List<String> r : rows) {
                if (i < r.size()) {
                    m = Math.max(m, longestWord(r.get(i)));
                    natural = Math.max(natural, Math.min(wrap, r.get(i).length()));
                }
            }
            total += Math.max(m, Math.min(natural, READABLE));
        }
        return total;
    }

    private void printRow(PrintWriter out, String indent, List<String> r, int[] w) {
        List<List<String>> parts = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < r.size(); i++) {
            List<String> p = split(r.get(i), i < w.length ? w[i] : wrap);
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

    private static int longestWord(String s) {
        int best = 0;
        for (String word : s.split(" ")) {
            best = Math.max(best, word.length());
        }
        return best;
    }

    /** {@code s} in lines of at most {@code width}, cut at spaces only (a longer word stays whole). */
    static List<String> split(String s, int width) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = rest.indexOf(' ', width);
                if (cut <= 0) {
                    break;
                }
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
