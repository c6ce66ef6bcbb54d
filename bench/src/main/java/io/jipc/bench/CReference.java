package io.jipc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native C reference: small programs under {@code bench/src/main/c} (shipped in the jar)
 * doing the same ping-pong, lock and copy loops as the Java benchmarks, compiled with {@code cc}
 * at run time and run once, so that the report states Java/C ratios measured in the same run.
 * Without a C compiler the reference is skipped with a line saying so. Results go to
 * {@code c-results.tsv}: name, size, value, unit (or a {@code skipped} line with the reason). The
 * ping-pong programs time each round trip and print the mean ({@code c.pipe.rtt}) and the median
 * ({@code c.pipe.rtt.p50}); the lock and copy loops print a mean.
 */
public final class CReference {
    /** The side file of C results. */
    public static final String FILE = "c-results.tsv";
    private static final String[] SOURCES = {"pingpong_sysv", "pingpong_posixmq", "pingpong_pipe", "pingpong_fifo",
        "pingpong_unix", "shm_spin", "lock_loop", "memcpy_bw"};

    private CReference() {
    }

    /** Compiles and runs the C programs, writing {@code out/c-results.tsv}; returns the lines. */
    public static List<String> run(Path out, boolean quick) {
        // Long: one switch case per C program with its sizes, kept in one place as the table of what runs.
        List<String> lines = new ArrayList<>();
        try {
            Path dir = Files.createDirectories(out.resolve("c"));
            String cc = findCompiler();
            if (cc == null) {
                lines.add("skipped\t0\t0\tno C compiler (cc or gcc) on PATH: Java/C ratios not measured");
                write(out, lines);
                return lines;
            }
            copy("common.h", dir);
            int iters = quick ? 5000 : 50000;
            for (String s : SOURCES) {
                Path src = copy(s + ".c", dir);
                Path exe = dir.resolve(s);
                List<String> compile = new ArrayList<>(List.of(cc, "-O2", "-o", exe.toString(), src.toString()));
                if (s.equals("pingpong_posixmq") || s.equals("lock_loop")) {
                    compile.addAll(List.of("-pthread", "-lrt")); // mq_*, sem_*, pthread_mutex_* (libc on glibc >= 2.34)
                }
                String err = exec(compile, null);
                if (err != null) {
                    lines.add("skipped\t0\t0\t" + s + ": compile failed: " + err);
                    continue;
                }
                switch (s) {
                    case "pingpong_fifo":
                        for (int size : new int[] {64, 1024, 4096}) {
                            exec(List.of(exe.toString(), dir.toString(), Integer.toString(size), Integer.toString(iters)), lines);
                        }
                        break;
                    case "pingpong_unix":
                        for (String type : new String[] {"stream", "seqpacket"}) {
                            for (int size : new int[] {64, 1024, 8192}) {
                                exec(List.of(exe.toString(), type, Integer.toString(size), Integer.toString(iters)), lines);
                            }
                        }
                        break;
                    case "pingpong_sysv":
                    case "pingpong_posixmq":
                    case "pingpong_pipe":
                        for (int size : new int[] {64, 1024, 8192}) {
                            exec(List.of(exe.toString(), Integer.toString(size), Integer.toString(iters)), lines);
                        }
                        if (s.equals("pingpong_pipe")) {
                            exec(List.of(exe.toString(), "65536", Integer.toString(iters / 5)), lines);
                        }
                        break;
                    case "shm_spin":
                        for (int size : new int[] {64, 1024, 8192, 65536}) {
                            exec(List.of(exe.toString(), Integer.toString(size), Integer.toString(iters * 4)), lines);
                        }
                        break;
                    case "lock_loop":
                        exec(List.of(exe.toString(), dir.resolve("lockfile").toString(), Integer.toString(iters * 4)), lines);
                        break;
                    default:
                        exec(List.of(exe.toString(), Integer.toString(64 << 20), quick ? "5" : "20"), lines);
                        exec(List.of(exe.toString(), Integer.toString(16 << 20), quick ? "10" : "40"), lines);
                }
            }
        } catch (IOException | InterruptedException e) {
            lines.add("skipped\t0\t0\tC reference failed: " + e);
        }
        write(out, lines);
        return lines;
    }

    private static void write(Path out, List<String> lines) {
        try {
            Files.write(out.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String findCompiler() {
        for (String c : new String[] {"cc", "gcc", "clang"}) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (Files.isExecutable(Path.of(d, c))) {
                    return Path.of(d, c).toString();
                }
            }
        }
        return null;
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = CReference.class.getResourceAsStream("c/" + name)) {
            if (in == null) {
                throw new IOException("C source " + name + " missing from the class path");
            }
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    /** Runs a command; collects RESULT lines into {@code results} (when given); returns an error or null. */
    private static String exec(List<String> cmd, List<String> results) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] outBytes;
        try (InputStream in = p.getInputStream()) {
            outBytes = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        String out = new String(outBytes, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            String msg = out.trim().replace('\n', ' ').replace('\t', ' ');
            if (results != null) {
                results.add("skipped\t0\t0\t" + Path.of(cmd.get(0)).getFileName() + " failed: " + msg);
            }
            return msg.isEmpty() ? "exit " + p.exitValue() : msg;
        }
        if (results != null) {
            for (String line : out.split("\n")) {
                if (line.startsWith("RESULT ")) {
                    String[] f = line.trim().split(" ");
                    results.add(f[1] + "\t" + f[2] + "\t" + f[3] + "\t" + f[4]);
                }
            }
        }
        return null;
    }
}
