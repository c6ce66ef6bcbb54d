package io.jipc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outcome of the test classes that show the semantic claims (C5, C8, C9, C12, C15), read from
 * the Surefire reports of the project's modules ({@code MODULE/target/surefire-reports/TEST-*.xml})
 * when a build has left them; otherwise the report says which tests to run.
 */
public final class TestEvidence {
    private static final Pattern ATTR = Pattern.compile("(tests|failures|errors|skipped)=\"(\\d+)\"");

    /** One test class's counts. */
    record Suite(String name, int tests, int failures, int errors, int skipped) {
    }

    /** The outcome of a group of test classes. */
    public record Outcome(String text, String verdict) {
    }

    private final List<Suite> suites = new ArrayList<>();

    private TestEvidence() {
    }

    /** No evidence at all (every semantic claim then says which tests to run). */
    public static TestEvidence empty() {
        return new TestEvidence();
    }

    /** Reads the Surefire reports under the project root (found from {@code jipc.project.dir} or the working directory). */
    public static TestEvidence load() {
        TestEvidence t = new TestEvidence();
        Path root = projectRoot();
        if (root == null) {
            return t;
        }
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : (Iterable<Path>) modules::iterator) {
                Path dir = m.resolve("target/surefire-reports");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String n = f.getFileName().toString();
                        if (n.startsWith("TEST-") && n.endsWith(".xml")) {
                            t.read(f, n.substring(5, n.length() - 4));
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // no evidence
        }
        return t;
    }

    private void read(Path f, String name) throws IOException {
        String head;
        try (var in = Files.newBufferedReader(f)) {
            char[] buf = new char[4096];
            int n = in.read(buf);
            head = n <= 0 ? "" : new String(buf, 0, n);
        }
        int start = head.indexOf("<testsuite");
        if (start < 0) {
            return;
        }
        String tag = head.substring(start, Math.max(start, head.indexOf('>', start)));
        int[] v = new int[4];
        Matcher m = ATTR.matcher(tag);
        while (m.find()) {
            switch (m.group(1)) {
                case "tests": v[0] = Integer.parseInt(m.group(2)); break;
                case "failures": v[1] = Integer.parseInt(m.group(2)); break;
                case "errors": v[2] = Integer.parseInt(m.group(2)); break;
                default: v[3] = Integer.parseInt(m.group(2));
            }
        }
        suites.add(new Suite(name, v[0], v[1], v[2], v[3]));
    }

    static Path projectRoot() {
        String p = System.getProperty("jipc.project.dir");
        Path d = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        for (Path x = d; x != null; x = x.getParent()) {
            if (Files.exists(x.resolve("pom.xml")) && Files.isDirectory(x.resolve("api"))) {
                return x;
            }
        }
        return null;
    }

    /** The outcome of the test classes whose fully-qualified name matches {@code regex}. */
    public Outcome outcome(String regex) {
        int tests = 0;
        int bad = 0;
        List<String> names = new ArrayList<>();
        for (Suite s : suites) {
            if (s.name().matches(regex)) {
                tests += s.tests() - s.skipped();
                bad += s.failures() + s.errors();
                names.add(s.name().substring(s.name().lastIndexOf('.') + 1));
            }
        }
        if (names.isEmpty()) {
            return new Outcome("see the tests matching `" + regex + "` (no Surefire report found: run `mvn -B verify`)",
                    "depends (semantic: see test)");
        }
        String text = String.join(", ", names) + ": " + tests + " tests run, " + bad + " failed (Surefire reports)";
        return new Outcome(text, bad == 0 && tests > 0 ? "confirmed (by tests)" : "refuted (tests fail)");
    }

    /** A one-line summary for {@code regex}. */
    public String summary(String regex) {
        return outcome(regex).text();
    }
}
