package io.jipc.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's "Crash matrix: observed vs declared" section, drawn from the
 * {@code crash-matrix.json} that {@code jipc verify --out DIR} writes next to the benchmark
 * results. Without that file the report has no such section.
 */
final class CrashMatrixSection {
    /** The file {@code jipc verify --out} writes (io.jipc.bench.verify.CrashMatrix.JSON_FILE). */
    static final String FILE = "crash-matrix.json";

    private CrashMatrixSection() {
    }

    /** Appends the section to {@code doc} if {@code dir} holds a crash-matrix file. */
    static void append(Doc doc, Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return;
        }
        doc.h(2, "Crash matrix: observed vs declared");
        List<List<String>> rows = new ArrayList<>();
        long disagree = 0;
        try {
            Object parsed = Json.parse(Files.readString(f, StandardCharsets.UTF_8));
            Object list = parsed instanceof Map<?, ?> m ? m.get("crashMatrix") : null;
            if (!(list instanceof List<?> items)) {
                doc.p("_(" + FILE + " has no \"crashMatrix\" array: not shown)_");
                return;
            }
            for (Object o : items) {
                if (!(o instanceof Map<?, ?> r)) {
                    continue;
                }
                boolean agrees = Boolean.TRUE.equals(r.get("agrees"));
                disagree += agrees ? 0 : 1;
                rows.add(List.of(str(r.get("backend")), str(r.get("scenario")), str(r.get("check")),
                        str(r.get("observed")), str(r.get("declared")), agrees ? "agrees" : "**DISAGREES**",
                        str(r.get("detail"))));
            }
        } catch (IOException | IllegalArgumentException e) {
            doc.p("_(" + FILE + " could not be read: " + e.getMessage() + ")_");
            return;
        }
        doc.p("`jipc verify` killed (`kill -9`) a mutex holder, a channel sender, a channel receiver and a ring "
                + "producer in the middle of a write, for every backend, and set what it observed beside what the "
                + "backend's `capabilities()` declare (`crashReleases`, `ownerDeathDetected`, persistence, "
                + "`crashLeaves`). " + (disagree == 0 ? "Every check agrees." : disagree + " check(s) disagree."));
        doc.table(List.of("backend", "scenario", "check", "observed", "declared", "verdict", "detail"), rows);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
