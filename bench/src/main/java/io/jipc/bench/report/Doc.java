package io.jipc.bench.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A tiny document model rendered twice: to Markdown (charts as {@code charts/NAME.png} links) and
 * to one self-contained HTML page (charts embedded as base64 PNG).
 */
public final class Doc {
    private interface Block {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Table(List<String> head, List<List<String>> rows) implements Block {
    }

    private record Image(String name, byte[] png, String caption) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();
    private final String title;

    /** A document titled {@code title}. */
    public Doc(String title) {
        this.title = title;
    }

    /** Adds a heading (level 2 = section). */
    public Doc h(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    /** Adds a paragraph (inline {@code `code`} and {@code **bold**} are honoured in both outputs). */
    public Doc p(String text) {
        blocks.add(new Para(text));
        return this;
    }

    /** Adds a table. */
    public Doc table(List<String> head, List<List<String>> rows) {
        blocks.add(new Table(head, rows));
        return this;
    }

    /** Adds a chart. */
    public Doc image(String name, byte[] png, String caption) {
        blocks.add(new Image(name, png, caption));
        return this;
    }

    /** Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Table t) {
                sb.append("| ").append(String.join(" | ", esc(t.head()))).append(" |\n|");
                for (int i = 0; i < t.head().size(); i++) {
                    sb.append("---|");
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

    /** One self-contained HTML page. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(html(title))
                .append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
                        + "color:#222}table{border-collapse:collapse;margin:1em 0;font-size:90%}"
                        + "td,th{border:1px solid #bbb;padding:3px 7px;text-align:left}th{background:#eee}"
                        + "code{background:#f4f4f4;padding:0 3px}img{max-width:100%;border:1px solid #ddd}"
                        + "figure{margin:1em 0}figcaption{font-size:90%;color:#555}</style></head><body>\n");
        sb.append("<h1>").append(html(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level())
                        .append(">\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(inline(p.text()).replace("\n", "<br>")).append("</p>\n");
            } else if (b instanceof Table t) {
                sb.append("<table><tr>");
                for (String c : t.head()) {
                    sb.append("<th>").append(inline(c)).append("</th>");
                }
                sb.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    for (String c : r) {
                        sb.append("<td>").append(inline(c == null ? "" : c)).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
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
        return h;
    }
}
