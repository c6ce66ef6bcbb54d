package io.jipc.bench;

import io.jipc.bench.report.Analysis;
import io.jipc.bench.report.Results;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code jipc choose [--size BYTES] [--pattern request-reply|stream|bulk|lock] [--related]
 * [--crash-safe]}: a recommendation from the latest results ({@code jipc-results/LATEST}, or the
 * results file given), with the numbers that justify it. Without results it fails and says how
 * to get them: it never starts a benchmark on its own.
 */
public final class Choose {
    private Choose() {
    }

    /** The results.json of the latest run, or {@code null}. */
    public static Path latest() {
        try {
            if (Files.exists(BenchMain.LATEST)) {
                Path dir = Path.of(Files.readString(BenchMain.LATEST).trim());
                Path json = dir.resolve("results.json");
                return Files.exists(json) ? json : null;
            }
        } catch (IOException ignored) {
            // none
        }
        return null;
    }

    /**
     * Prints the recommendation.
     *
     * @param results a results.json, or null for the latest (a {@code ReportException} when there is none)
     * @return exit status (0; 1 when nothing measured fits, the choice is "none"; 2 on bad usage)
     */
    public static int run(Path results, long size, String pattern, boolean related, boolean crashSafe, PrintWriter out) {
        return run(results, size, pattern, related, crashSafe, false, out);
    }

    /**
     * As {@link #run(Path, long, String, boolean, boolean, PrintWriter)}; with {@code acrossHosts}
     * the processes are on different hosts, so only the off-box mechanisms count (aeron-udp, zookeeper).
     */
    public static int run(Path results, long size, String pattern, boolean related, boolean crashSafe, boolean acrossHosts,
                          PrintWriter out) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (!p.equals("request-reply") && !p.equals("stream") && !p.equals("bulk") && !p.equals("lock")) {
            out.println("jipc choose: --pattern must be request-reply, stream, bulk or lock (not '" + pattern + "')");
            return 2;
        }
        if (size <= 0 || size > Integer.MAX_VALUE) {
            out.println("jipc choose: --size must be between 1 and " + Integer.MAX_VALUE + " bytes (not " + size + ")");
            return 2;
        }
        Path json = results != null ? results : latest();
        if (json == null) {
            throw new io.jipc.bench.report.ReportException("no benchmark results yet (nothing in "
                    + BenchMain.LATEST.toAbsolutePath() + "): run 'jipc bench' first (a few minutes), or give --results FILE", null);
        }
        Analysis a = new Analysis(Results.load(json));
        Analysis.Choice c;
        switch (acrossHosts ? "across-hosts" : p) {
            case "across-hosts":
                c = a.acrossHosts(p, (int) size);
                break;
            case "request-reply":
            case "stream":
                c = a.channel(p, (int) size, related, crashSafe, true);
                break;
            case "bulk":
                c = a.bulk(related, crashSafe);
                break;
            default:
                c = a.lock(crashSafe);
        }
        out.println("need:   " + c.need());
        out.println("choice: " + c.choice());
        out.println("why:    " + c.why());
        out.println("(from " + json + ")");
        return c.choice().equals("none") ? 1 : 0;
    }
}
