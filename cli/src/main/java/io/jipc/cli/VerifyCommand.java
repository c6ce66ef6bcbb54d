package io.jipc.cli;

import io.jipc.bench.verify.CrashMatrix;
import io.jipc.bench.verify.CrashRow;
import io.jipc.bench.verify.Cleanups;
import io.jipc.bench.verify.StressNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jipc verify}: the crash matrix ({@link CrashMatrix}) on this machine — {@code kill -9} of
 * a mutex holder, a channel sender, a channel receiver and a ring producer mid-write, observed vs
 * declared by each backend's capabilities; exit 1 when a row disagrees.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run the kill -9 crash matrix: observed vs declared.",
                "Kills a mutex holder, a channel sender, a receiver and a ring producer mid-write for every backend, and compares what happens with what the backend's capabilities declare."})
public final class VerifyCommand extends BaseCommand {
    @Option(names = "--only", paramLabel = "BACKENDS",
            description = "Comma-separated backends: sysv, sysv-noundo, posix, fcntl, ofd, flock, lockfile, linklock,"
                    + " robust, pipe, fifo, unix (or unix-stream, unix-seqpacket), ring.")
    String only;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write " + CrashMatrix.JSON_FILE + " into DIR (next to bench results: the report shows it).")
    Path outDir;

    @Override
    public Integer call() {
        try {
            CrashMatrix.select(only);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageError("--out " + outDir + " is not a directory");
        }
        PrintWriter out = out();
        PrintWriter err = err();
        StressNames names = StressNames.temporary();
        names.deleteDirOnExit();
        List<CrashRow> rows;
        try (Cleanups.Hook cleanup = Cleanups.onExit()) {
            rows = CrashMatrix.run(only, names, r -> {
                if (!json) {
                    err.println("verify: " + r.backend() + ", " + r.scenario() + ": " + r.check() + " -> "
                            + (r.agrees() ? "agrees" : "DISAGREES"));
                    err.flush();
                }
            });
        } finally {
            names.deleteDir();
        }
        String text = CrashMatrix.json(rows);
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
                Files.writeString(outDir.resolve(CrashMatrix.JSON_FILE), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new Failure("verify: cannot write " + outDir.resolve(CrashMatrix.JSON_FILE) + ": " + e, e);
            }
        }
        if (json) {
            out.print(text);
        } else {
            out.print(CrashMatrix.table(rows));
            long bad = rows.stream().filter(r -> !r.agrees()).count();
            out.println(rows.size() + " checks, " + (bad == 0 ? "all agree with the declared capabilities"
                    : bad + " disagree (details with --json)"));
            if (outDir != null) {
                out.println("written: " + outDir.resolve(CrashMatrix.JSON_FILE));
            }
        }
        out.flush();
        return rows.stream().allMatch(CrashRow::agrees) ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
}
