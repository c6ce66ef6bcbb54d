package io.jipc.cli;

import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, deliverable 7 (CLI part): bad command lines. Each prints exactly one line on standard
 * error, starting with {@code jipc} and naming what is wrong (the option, the URI part, the file),
 * never a stack trace or an "internal error", and exits 2 (the command line is wrong) or 1 (the
 * operation failed). Nothing is created by any of them.
 */
@ExtendWith(LeakGuard.class)
class CliBadInputTest {
    private static Path dir;

    @BeforeAll
    static void files() throws Exception {
        dir = TestNames.path("bad-input");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("not-jmh.json"), "{\"hello\": \"world\"}");
        Files.writeString(dir.resolve("garbage.json"), "this is not JSON at all\n");
        Files.writeString(dir.resolve("numbers.json"), "[1, 2, 3]");
        Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Files.writeString(dir.resolve("nameless.json"), "[{\"benchmark\": \"x\", \"primaryMetric\": {}}]");
        Files.writeString(dir.resolve("results.json"), "[{\"benchmark\": \"io.jipc.bench.ChannelRoundTrip.roundTrip\","
                + " \"mode\": \"avgt\", \"params\": {\"mech\": \"sysv\", \"size\": \"64\"},"
                + " \"primaryMetric\": {\"score\": 1.5, \"scoreError\": 0.1, \"scoreUnit\": \"us/op\"}}]");
        Files.writeString(dir.resolve("a-file"), "in the way\n");
        Path side = Files.createDirectories(dir.resolve("corrupt-side"));
        Files.copy(dir.resolve("results.json"), side.resolve("results.json"));
        Files.writeString(side.resolve("cpu.tsv"), "io.jipc.bench.X.y\tmech=a\tmany\tlots\tsome\tfew\n");
    }

    private static Arguments usage(String expected, String... args) {
        return Arguments.of(String.join(" ", args), Main.EXIT_USAGE, expected, args);
    }

    private static Arguments failure(String expected, String... args) {
        return Arguments.of(String.join(" ", args), Main.EXIT_FAILURE, expected, args);
    }

    static Stream<Arguments> badCommandLines() {
        String absent = "jipc-no-such-" + ProcessHandle.current().pid();
        List<Arguments> l = new ArrayList<>(List.of(
                // the command line itself
                usage("Unknown option: '--bogus'", "ls", "--bogus"),
                usage("Unmatched argument", "frobnicate"),
                usage("Missing required parameter: 'URI'", "stat"),
                usage("Missing required parameter: 'URI'", "send"),
                usage("--timeout", "recv", "posix:/" + absent, "--timeout", "soon"),
                usage("no unit", "recv", "posix:/" + absent, "--timeout", "5"),
                usage("--timeout", "send", "posix:/" + absent, "--timeout", "-3s", "x"),
                usage("--select", "recv", "posix:/" + absent, "--select", "upto:x"),
                usage("--select", "recv", "posix:/" + absent, "--select", "sideways:3"),
                usage("--count must be at least 1", "recv", "posix:/" + absent, "--count", "0"),
                usage("--count", "recv", "posix:/" + absent, "--count", "many"),
                usage("--tag", "send", "posix:/" + absent, "--tag", "high", "x"),
                usage("--kind", "stat", "posix:/" + absent, "--kind", "gizmo"),
                usage("nothing to send", "send", "posix:/" + absent),
                usage("give TEXT, --file F or '-', not several", "send", "posix:/" + absent, "x", "--file", "/etc/hostname"),
                usage("nothing to remove", "rm"),
                usage("either URIs or --orphans", "rm", "--orphans", "posix:/" + absent),
                usage("--name and --pid only apply with --orphans", "rm", "posix:/" + absent, "--name", "x"),
                // URIs
                usage("unknown scheme 'nosuch'", "send", "nosuch:/x", "hello"),
                usage("unknown scheme 'nosuch'", "stat", "nosuch:/x"),
                usage("scheme", "send", ":nothing", "hello"),
                usage("key", "send", "sysv:?key=zz", "hello"),
                usage("bogus", "recv", "sysv:?key=0x1234&bogus=1"),
                usage("maxmsg", "send", "posix:/" + absent + "?maxmsg=-1&open=create", "x"),
                usage("open", "send", "posix:/" + absent + "?open=sometimes", "x"),
                // related-process schemes from the shell
                usage("no other process can reach", "send", "pipe:", "x"),
                usage("no other process can reach", "send", "unix:pair", "x"),
                usage("no other process can reach", "recv", "pipe:", "--timeout", "0"),
                usage("no other process can reach", "send", "sysv:private", "x"),
                // demos
                usage("unknown demo 'nosuch'", "demo", "nosuch"),
                usage("--clients must be between 1 and 16", "demo", "adder", "--clients", "0"),
                usage("--rounds must be between 1 and 100000", "demo", "pingpong", "--rounds", "-5"),
                usage("--design must be per-client or shared", "demo", "adder", "--design", "star"),
                // bench, report, choose
                usage("--quick and --full exclude each other", "bench", "--quick", "--full"),
                usage("'--only': '(' is not a regular expression", "bench", "--only", "("),
                usage("no benchmark matches --only NoSuchBenchmarkAnywhere", "bench", "--only", "NoSuchBenchmarkAnywhere",
                        "--out", "{dir}/bench-out"),
                usage("'--pattern': 'telepathy'", "choose", "--pattern", "telepathy"),
                usage("'--size': -1", "choose", "--size", "-1"),
                usage("--size", "choose", "--size", "lots"),
                usage("--results {dir}/missing.json: no such file", "choose", "--results", "{dir}/missing.json"),
                usage("missing.json: no such file", "report", "{dir}/missing.json"),
                usage("is a directory, not a results file", "report", "{dir}"),
                failure("not-jmh.json is not a JMH JSON results file", "report", "{dir}/not-jmh.json", "--out", "{dir}/r1"),
                failure("garbage.json is not a JMH JSON results file", "report", "{dir}/garbage.json", "--out", "{dir}/r2"),
                failure("numbers.json is not a JMH JSON results file", "report", "{dir}/numbers.json", "--out", "{dir}/r3"),
                failure("binary.json is not a JMH JSON results file", "report", "{dir}/binary.json", "--out", "{dir}/r4"),
                failure("nameless.json is not a JMH JSON results file", "report", "{dir}/nameless.json", "--out", "{dir}/r5"),
                failure("not-jmh.json is not a JMH JSON results file", "choose", "--results", "{dir}/not-jmh.json"),
                failure("is corrupt", "report", "{dir}/corrupt-side/results.json", "--out", "{dir}/r6"),
                failure("cannot write the report into --out {dir}/a-file/sub", "report", "{dir}/results.json", "--out", "{dir}/a-file/sub"),
                failure("cannot write the results into --out {dir}/a-file/sub", "bench", "--only", "CReference", "--out", "{dir}/a-file/sub"),
                // operations that fail
                failure("no such object", "stat", "posix:/" + absent),
                failure("no such object", "rm", "posix:/" + absent),
                failure("/dev/shm/" + absent, "rm", "/dev/shm/" + absent),
                failure("not an IPC object jipc knows", "stat", "/etc/hostname"),
                failure("cannot read", "send", "posix:/" + absent, "--file", "{dir}/missing.bin")));
        return l.stream();
    }

    @org.junit.jupiter.api.AfterAll
    static void removeFiles() {
        RunSweep.deleteTree(dir);
    }

    @ParameterizedTest(name = "jipc {0}")
    @MethodSource("badCommandLines")
    void oneClearLineAndTheRightExitCode(String shown, int expectedCode, String expected, String[] args) throws Exception {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].replace("{dir}", dir.toString());
        }
        String want = expected.replace("{dir}", dir.toString());
        CliRun r = CliRun.run(a);
        System.out.println("jipc " + String.join(" ", a) + "\n  -> exit " + r.code + ": " + r.err.strip());
        assertEquals(expectedCode, r.code, r.toString());
        String err = r.err.strip();
        assertFalse(err.isEmpty(), "nothing on standard error: " + r);
        assertFalse(err.contains("\n"), "more than one line on standard error: " + r);
        assertTrue(err.startsWith("jipc"), r.toString());
        assertTrue(err.contains(want), "the error does not say '" + want + "': " + r);
        assertFalse(err.contains("\tat ") || err.contains("internal error") || err.contains("Exception"), r.toString());
        for (String out : new String[] {"r1", "r2", "r3", "r4", "r5", "r6", "bench-out"}) {
            assertFalse(Files.exists(dir.resolve(out)), "a failed command created its output " + dir.resolve(out));
        }
    }
}
