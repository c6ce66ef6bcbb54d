package io.jipc.bench.report;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jipc.bench.report.Analysis.fmt;

/**
 * Turns a run's JMH JSON (and its side files) into {@code DIR/report.md}, a self-contained
 * {@code DIR/report.html} and {@code DIR/charts/*.png}: machine, capability matrix, the tables and
 * charts, the claims with computed verdicts, Java/C ratios, the peers, recommendations, and every
 * benchmark that did not run with its reason.
 *
 * <p>{@code java io.jipc.bench.report.Report RESULTS.json [DIR]}
 */
public final class Report {
    private final Results r;
    private final Analysis a;
    private final Doc doc = new Doc("jipc benchmark report");
    private final Map<String, byte[]> charts = new LinkedHashMap<>();

    private Report(Results r) {
        this.r = r;
        this.a = new Analysis(r);
    }

    /** What {@link #write} produced. */
    public record Output(Path markdown, Path html, List<Path> charts, List<Analysis.Claim> claims) {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        Path json = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : json.toAbsolutePath().getParent();
        Output o = write(json, out);
        System.out.println("report: " + o.markdown() + " and " + o.html());
    }

    /** Reads {@code json} and writes the report into {@code outDir}. */
    public static Output write(Path json, Path outDir) {
        Results res = Results.load(json);
        Report rep = new Report(res);
        List<Analysis.Claim> claims = rep.build();
        CrashMatrixSection.append(rep.doc, json.toAbsolutePath().getParent());
        try {
            Path chartDir = Files.createDirectories(outDir.resolve("charts"));
            List<Path> pngs = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : rep.charts.entrySet()) {
                Path p = chartDir.resolve(e.getKey() + ".png");
                Files.write(p, e.getValue());
                pngs.add(p);
            }
            Path md = outDir.resolve("report.md");
            Path html = outDir.resolve("report.html");
            Files.writeString(md, rep.doc.markdown(), StandardCharsets.UTF_8);
            Files.writeString(html, rep.doc.html(), StandardCharsets.UTF_8);
            return new Output(md, html, pngs, claims);
        } catch (IOException e) {
            throw new ReportException("cannot write the report into " + outDir + ": " + ReportException.why(e), e);
        }
    }

    /** The headline table as text (printed by {@code jipc bench}). */
    public static String headline(Results r) {
        return Headline.text(r);
    }

    private void chart(String name, byte[] png, String caption) {
        if (png != null) {
            charts.put(name, png);
            doc.image(name, png, caption);
        } else {
            doc.p("_(chart " + name + ": no data to draw)_");
        }
    }

    private List<Analysis.Claim> build() {
        List<Analysis.Claim> claims = a.claims();
        doc.p("How to read: every number comes from this run on the machine below. Latencies are JMH "
                + "`SampleTime` percentiles of one round trip to a peer JVM; throughput is one-way messages per second "
                + "into a consumer JVM that checks each message. A row that could not run says why "
                + "(`failed/skipped: reason`, `not allowed by limit X`). Verdicts are computed from the figures "
                + "beside them. Figures have three significant digits (k = thousand, M = million); `a ± e` is JMH's "
                + "score error (99.9% confidence) where it gives one.");
        if (r.rows.stream().noneMatch(x -> x.ok() && x.error() > 0 && !Double.isInfinite(x.error()))) {
            doc.p("JMH gave no score error in this run: it needs at least three measured iterations, and `--quick` "
                    + "measures two. Run `jipc bench --full` for figures with error bars.");
        }
        doc.toc();
        doc.h(2, "Headline");
        doc.table(Headline.head(a), Headline.rows(a));
        ReportSections.summary(doc, a, this::chart);
        ReportSections.machine(doc, r);
        ReportSections.capabilities(doc);
        ChannelSections.roundTrip(doc, r, a, this::chart);
        ChannelSections.throughput(doc, r, a, this::chart);
        MutexSection.section(doc, r, a, this::chart);
        OffBoxSection.append(doc, a);
        AllocSection.section(doc, r);
        RegionSection.section(doc, r, a, this::chart);
        ClaimSections.section(doc, r, a, this::chart);
        doc.h(2, "Claims");
        List<List<String>> rows = new ArrayList<>();
        for (Analysis.Claim c : claims) {
            rows.add(List.of(c.id(), c.claim(), c.figures(), "**" + c.verdict() + "**"));
        }
        doc.table(List.of("claim", "statement (docs/claims.md)", "figures from this run", "verdict"), rows);
        ReportSections.liveChecks(doc, r.checks);
        JavaVsC.section(doc, r, a, this::chart);
        ReportSections.peers(doc, a);
        RingVsAgrona.section(doc, a, this::chart);
        doc.h(2, "Recommendations");
        doc.p("Derived from the numbers above (jipc backends only; the peers are in their own section). "
                + "`jipc choose` answers the same question for a given size and pattern.");
        List<List<String>> rec = new ArrayList<>();
        for (Analysis.Choice c : a.recommendations()) {
            rec.add(List.of(c.need(), "**" + c.choice() + "**", c.why()));
        }
        doc.table(List.of("need", "choice", "because"), rec);
        ReportSections.failures(doc, r);
        return claims;
    }
}
