package io.jipc.bench.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tiny document model rendered twice: to Markdown (charts as {@code charts/NAME.png} links) and
 * to one self-contained HTML page (charts embedded as base64 PNG).
 *
 * <p>Every heading gets an anchor (GitHub's rule: lower case, punctuation dropped, spaces to
 * hyphens, {@code -1}, {@code -2} for repeats); {@link #toc()} places a table of contents of the
 * level-2 and level-3 headings. Table columns whose cells are all figures ({@code 315k},
 * {@code 4.44M ± 0.1M}, {@code -}) are right-aligned in both outputs; long text in cells wraps in
 * the HTML page.
 */
public final class Doc {
    private interface Block {
    }

    private record Heading(int level, String text, String id) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private record Toc() implements Block {
    }

    private record Table(List<String> head, List<List<String>> rows) implements Block {
    }

    private record Image(String name, byte[] png, String caption) implements Block {
    }

    /** A figure cell: a number with an optional suffix, error and unit, or "-". */
    private static final Pattern FIGURE = Pattern.compile(
            "[-+]?[0-9][0-9.,]*(e[-+]?[0-9]+)?[kMGT]?( ± [0-9][0-9.,]*(e[-+]?[0-9]+)?[kMGT]?)?"
                    + "( ?(µs|ns|ms|s|×|x|%|B|GB/s|MB/s|cores))?");

    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final String title;

    /** A document titled {@code title}. */
    public Doc(String title) {
        this.title = title;
    }

    /** Adds a heading (level 2 = section) with its anchor. */
    public Doc h(int level, String text) {
        String base = slug(text);
        int n = ids.merge(base, 1, Integer::sum) - 1;
        blocks.add(new Heading(level, text, n == 0 ? base : base + "-" + n));
        return this;
    }

    /** Places the table of contents (every level-2 and level-3 heading, wherever it is added). */
    public Doc toc() {
        blocks.add(new Toc());
        return this;
    }

    /** Adds a paragraph (inline {@code `code`} and {@code **bold**} are honoured in both outputs). */
    public Doc p(String text) {
        blocks.add(new Para(text));
        return this;
    }

    /** Adds a bulleted list. */
    public Doc bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    /** Adds a table; a table without rows becomes a line saying so. */
    public Doc table(List<String> head, List<List<String>> rows) {
        if (rows.isEmpty()) {
            blocks.add(new Para("_(nothing of this kind was measured in this run)_"));
        } else {
            blocks.add(new Table(head, rows));
        }
        return this;
    }

    /** Adds a chart. */
    public Doc image(String name, byte[] png, String caption) {
        blocks.add(new Image(name, png, caption));
        return this;
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
    public static String slug(String heading) {
        StringBuilder sb = new StringBuilder();
        String plain = heading.replace("`", "").replace("**", "");
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.append(Character.toLowerCase(c));
            } else if (c == ' ') {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    private List<Heading> tocEntries() {
        List<Heading> l = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Heading h && h.level() <= 3) {
                l.add(h);
            }
        }
        return l;
    }

    /** Which columns hold figures only (right-aligned). */
    static boolean[] figureColumns(List<String> head, List<List<String>> rows) {
        boolean[] num = new boolean[head.size()];
        for (int i = 1; i < num.length; i++) {
            boolean any = false;
            boolean all = true;
            for (List<String> r : rows) {
                String c = i < r.size() && r.get(i) != null ? r.get(i).trim() : "";
                if (c.isEmpty() || c.equals("-")) {
                    continue;
                }
                boolean f = FIGURE.matcher(c).matches() || c.contains(" / ") && splitAllFigures(c);
                any |= f;
                all &= f;
            }
            num[i] = any && all;
        }
        return num;
    }

    private static boolean splitAllFigures(String c) {
        for (String part : c.split(" / ")) {
            String p = part.trim();
            if (!p.equals("-") && !FIGURE.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<a id=\"").append(h.id()).append("\"></a>\n");
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Toc) {
                sb.append("**Contents**\n\n");
                for (Heading h : tocEntries()) {
                    sb.append("  ".repeat(h.level() - 2)).append("- [").append(h.text().replace("[", "\\[").replace("]", "\\]"))
                            .append("](#").append(h.id()).append(")\n");
                }
                sb.append('\n');
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Bullets l) {
                for (String item : l.items()) {
                    sb.append("- ").append(item.replace("\n", " ")).append('\n');
                }
                sb.append('\n');
            } else if (b instanceof Table t) {
                boolean[] num = figureColumns(t.head(), t.rows());
                sb.append("| ").append(String.join(" | ", esc(t.head()))).append(" |\n|");
                for (int i = 0; i < t.head().size(); i++) {
                    sb.append(num[i] ? "---:|" : "---|");
                }
                sb.append('\n');
                for (List<String> r : t.rows()) {
                    sb.append("| ").append(String.join(" | ", esc(r))).append(" |\n");
                }
                sb.append('\n');
            } else if (b instanceof Image im) {
                sb.append("![").append(im.caption()).append("](charts/").append(im.name()).append(".png)\n\n");
            }
        }
        return sb.toString();
    }

    private static List<String> esc(List<String> cells) {
        List<String> l = new ArrayList<>();
        for (String c : cells) {
            l.add(c == null ? "" : c.replace("|", "\\|").replace("\n", " "));
        }
        return l;
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
            + "color:#222;line-height:1.4}h2{margin-top:2em;border-bottom:1px solid #ddd}"
            + ".tw{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:88%}"
            + "td,th{border:1px solid #bbb;padding:3px 7px;text-align:left;vertical-align:top;max-width:34em;"
            + "overflow-wrap:break-word}th{background:#eee}td.n,th.n{text-align:right;white-space:nowrap;"
            + "font-variant-numeric:tabular-nums}code{background:#f4f4f4;padding:0 3px;overflow-wrap:anywhere}"
            + "img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0}figcaption{font-size:90%;color:#555}"
            + "nav.toc{background:#f8f8f8;border:1px solid #ddd;padding:.3em 1.2em;columns:2;font-size:92%}"
            + "nav.toc ul{margin:.2em 0;padding-left:1.2em}nav.toc li{break-inside:avoid}";

    /** One self-contained HTML page. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(html(title))
                .append("</title><style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(html(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<h").append(h.level()).append(" id=\"").append(h.id()).append("\">").append(inline(h.text()))
                        .append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Toc) {
                sb.append("<nav class=\"toc\"><b>Contents</b><ul>\n");
                boolean inSub = false;
                for (Heading h : tocEntries()) {
                    if (h.level() == 3 && !inSub) {
                        sb.append("<ul>");
                        inSub = true;
                    } else if (h.level() == 2 && inSub) {
                        sb.append("</ul>");
                        inSub = false;
                    }
                    sb.append("<li><a href=\"#").append(h.id()).append("\">").append(inline(h.text())).append("</a></li>\n");
                }
                sb.append(inSub ? "</ul>" : "").append("</ul></nav>\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(inline(p.text()).replace("\n", "<br>")).append("</p>\n");
            } else if (b instanceof Bullets l) {
                sb.append("<ul>");
                for (String item : l.items()) {
                    sb.append("<li>").append(inline(item)).append("</li>\n");
                }
                sb.append("</ul>\n");
            } else if (b instanceof Table t) {
                boolean[] num = figureColumns(t.head(), t.rows());
                sb.append("<div class=\"tw\"><table><tr>");
                for (int i = 0; i < t.head().size(); i++) {
                    sb.append(num[i] ? "<th class=\"n\">" : "<th>").append(inline(t.head().get(i))).append("</th>");
                }
                sb.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    for (int i = 0; i < r.size(); i++) {
                        String c = r.get(i);
                        sb.append(i < num.length && num[i] ? "<td class=\"n\">" : "<td>").append(inline(c == null ? "" : c))
                                .append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</table></div>\n");
            } else if (b instanceof Image im) {
                sb.append("<figure><img alt=\"").append(html(im.caption())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(im.png())).append("\"><figcaption>")
                        .append(html(im.caption())).append("</figcaption></figure>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String inline(String s) {
        String h = html(s);
        h = h.replaceAll("`([^`]+)`", "<code>$1</code>");
        h = h.replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
        h = h.replaceAll("(?<![\\w*])_([^_]+)_(?![\\w*])", "<i>$1</i>");
        return h;
    }
}
