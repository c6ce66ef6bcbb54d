package io.jipc.bench.report;

import io.jipc.os.SystemLimits;
import io.jipc.spi.Limit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts about the machine a run was measured on: CPU model and count, kernel, distribution,
 * JVM, and every IPC limit in force ({@link SystemLimits}, as {@code jipc limits} prints them).
 * Saved as {@code machine.tsv} beside the results so a report made later says where the numbers
 * come from.
 */
public final class Machine {
    /** Prefix of limit entries. */
    public static final String LIMIT = "limit ";

    private Machine() {
    }

    /** Collects the facts now. */
    public static Map<String, String> collect(String mode) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU model", cpuModel());
        m.put("CPUs (available to the JVM)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("distribution", osRelease());
        m.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("run mode", mode);
        m.put("date (UTC)", java.time.Instant.now().toString());
        m.put("CPU pinning", "none (the suite pins nothing)");
        for (Limit l : SystemLimits.all()) {
            m.put(LIMIT + l.name(), l.value() + " " + l.unit() + " (" + l.source() + ")");
        }
        return m;
    }

    /** Writes {@code machine.tsv} into {@code dir}. */
    public static void write(Path dir, Map<String, String> facts) {
        List<String> lines = new ArrayList<>();
        facts.forEach((k, v) -> lines.add(k + "\t" + v.replace('\t', ' ')));
        try {
            Files.write(dir.resolve("machine.tsv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    private static String read(String f) {
        try {
            try (java.io.InputStream in = Files.newInputStream(Path.of(f))) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
        } catch (IOException e) {
            return "unknown";
        }
    }
}
