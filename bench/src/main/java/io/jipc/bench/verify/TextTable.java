package io.jipc.bench.verify;

import java.util.List;

/** A plain-text table with columns padded to their widest cell. */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String> head, List<List<String>> rows) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < w.length - 1; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append("-".repeat(i == w.length - 1 ? Math.max(w[i], 7) : w[i])).append(i + 1 < w.length ? "  " : "");
        }
        sb.append(rule).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            l.append(c);
            if (i + 1 < cells.size()) {
                l.append(" ".repeat(Math.max(0, w[i] - c.length()))).append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
