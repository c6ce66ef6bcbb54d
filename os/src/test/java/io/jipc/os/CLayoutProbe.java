package io.jipc.os;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the C compiler for sizes and offsets: compiles a program that prints
 * {@code sizeof(struct)} and {@code offsetof(struct, field)} for each field, runs it, and returns
 * {@code "sizeof"} and each field's offset. The calling test is skipped (not passed) when there is
 * no {@code cc}.
 */
public final class CLayoutProbe {
    private CLayoutProbe() {
    }

    /** Is a C compiler on the PATH? */
    public static boolean hasCompiler() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "cc"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param headers the headers to include, e.g. {@code List.of("sys/msg.h")}
     * @param type the C type, e.g. {@code "struct msqid_ds"}
     * @param fields the member names (nested members with dots: {@code "msg_perm.mode"})
     * @return {@code "sizeof"} and one entry per field
     */
    public static Map<String, Long> probe(List<String> headers, String type, List<String> fields) throws Exception {
        Assumptions.assumeTrue(hasCompiler(), "no C compiler (cc) on PATH: struct layout not checked");
        Path dir = Files.createTempDirectory("jipc-layout-");
        try {
            StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
            for (String h : headers) {
                c.append("#include <").append(h).append(">\n");
            }
            c.append("int main(void) {\n");
            c.append("  printf(\"sizeof %zu\\n\", sizeof(").append(type).append("));\n");
            for (String f : fields) {
                c.append("  printf(\"").append(f).append(" %zu\\n\", offsetof(").append(type).append(", ").append(f).append("));\n");
            }
            c.append("  return 0;\n}\n");
            Path src = dir.resolve("probe.c");
            Path exe = dir.resolve("probe");
            Files.writeString(src, c);
            run(dir, "cc", "-o", exe.toString(), src.toString());
            String out = run(dir, exe.toString());
            Map<String, Long> m = new HashMap<>();
            for (String line : out.split("\n")) {
                int sp = line.lastIndexOf(' ');
                if (sp > 0) {
                    m.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1).trim()));
                }
            }
            return m;
        } finally {
            Spawner.deleteTree(dir);
        }
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
