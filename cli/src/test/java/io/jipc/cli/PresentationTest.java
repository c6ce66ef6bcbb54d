package io.jipc.cli;

import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the commands print: help, tables within the terminal, typed JSON, completion, exit codes. */
class PresentationTest {
    private static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z]+)\\s{2,}(.*)$");

    private static void allWithin(String text, int width, String what) {
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= width, what + ": a line of " + line.length() + " columns (> " + width + "):\n" + line
                    + "\n--- in ---\n" + text);
        }
    }

    @Test
    void theCommandListHasOneSentenceSummariesWithinEightyColumns() {
        CliRun top = CliRun.run("--help");
        assertEquals(0, top.code, top.toString());
        allWithin(top.out, 80, "jipc --help");
        String commands = top.out.substring(top.out.indexOf("Commands:"));
        int listed = 0;
        for (String line : commands.split("\n")) {
            Matcher m = COMMAND_LINE.matcher(line);
            if (m.matches()) {
                listed++;
                String summary = m.group(2);
                assertTrue(summary.endsWith("."), "summary cut or not a sentence: '" + line + "'\n" + top.out);
                assertEquals(1, summary.split("\\. ").length, "one sentence: " + line);
            } else if (line.startsWith("      ")) {
                throw new AssertionError("a summary continues on a second line: '" + line + "'\n" + top.out);
            }
        }
        assertTrue(listed >= 14, top.out);
        assertTrue(commands.contains("  completion "), top.out);
    }

    @Test
    void eachCommandsHelpIsWrappedOnceToTheWidth() {
        for (String cmd : new String[] {"backends", "limits", "bench", "report", "choose", "ls", "rm", "stat", "send", "recv",
            "demo", "stress", "verify", "completion"}) {
            for (int width : new int[] {60, 80, 140}) {
                CliRun r = run(width, cmd, "--help");
                assertEquals(0, r.code, r.toString());
                allWithin(r.out, width, cmd + " --help at " + width);
                // wrapped once: no description line ends far short of the width only to continue on
                // the next line (the mark of an array of hard-wrapped lines wrapped again)
                String[] lines = r.out.split("\n");
                for (int i = 0; i + 1 < lines.length; i++) {
                    String a = lines[i];
                    String b = lines[i + 1];
                    boolean prose = !a.isEmpty() && !a.startsWith(" ") && !b.isEmpty() && !b.startsWith(" ")
                            && !a.startsWith("Usage:") && Character.isLowerCase(b.charAt(0));
                    if (prose && width >= 80) {
                        int firstWord = b.indexOf(' ') < 0 ? b.length() : b.indexOf(' ');
                        assertTrue(a.length() + 1 + firstWord > width - 2, // picocli keeps the last column free
                                cmd + " at " + width + ": '" + b + "' would have fit after '" + a + "' (wrapped twice)\n" + r.out);
                    }
                }
            }
        }
    }

    /** The command run with the help and tables laid out for {@code width} columns. */
    private static CliRun run(int width, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--columns=" + width;
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(all);
    }

    @Test
    void demoWithoutANameListsTheDemos() {
        CliRun r = CliRun.run("demo");
        assertEquals(0, r.code, r.toString());
        for (String d : new String[] {"pingpong", "adder", "priority", "lock", "shm-monitor"}) {
            assertTrue(r.out.contains("  " + d + " "), d + " not listed: " + r.out);
        }
        allWithin(r.out, 80, "jipc demo");
    }

    @Test
    void backendsLimitsAndLsFitTheTerminalAndWideShowsEverything() {
        for (int width : new int[] {80, 100}) {
            CliRun b = run(width, "backends");
            assertEquals(0, b.code, b.toString());
            allWithin(b.out, width, "backends");
            CliRun l = run(width, "limits");
            assertEquals(0, l.code, l.toString());
            allWithin(l.out, width, "limits");
            CliRun ls = run(width, "ls", "--name", "jipc-presentation-test-none");
            assertEquals(0, ls.code, ls.toString());
        }
        // every scheme and every capability value is still there, whole, in the compact form
        CliRun compact = run(80, "backends");
        for (io.jipc.spi.Backend be : io.jipc.api.Ipc.backends()) {
            assertTrue(compact.out.contains(be.scheme()), be.scheme());
            assertTrue(compact.out.contains(" " + be.module() + " "), be.module());
        }
        CliRun wide = run(80, "limits", "--wide");
        assertTrue(wide.out.contains("/proc/sys/kernel/msgmax"), wide.out);
        assertTrue(wide.out.lines().anyMatch(line -> line.length() > 80), "--wide is not held to the terminal: " + wide.out);
        assertFalse(run(80, "limits").out.contains("/proc/sys/kernel/msgmax"), "the source column is --wide only");
    }

    @Test
    void aTableWrapsAtSpacesAndNeverInsideAWord() {
        Table t = new Table("name", "where", "meaning");
        t.row("msgsize_max", "/proc/sys/fs/mqueue/msgsize_max",
                "largest mq_msgsize an unprivileged process may ask for when it creates a queue (EINVAL above)");
        StringWriter sw = new StringWriter();
        t.print(new PrintWriter(sw, true), "  ", 70);
        String out = sw.toString();
        allWithin(out, 70, "table");
        assertTrue(out.contains("/proc/sys/fs/mqueue/msgsize_max"), out);
        assertTrue(out.contains("msgsize_max "), out);
        for (String word : "largest mq_msgsize an unprivileged process may ask for when it creates a queue (EINVAL above)".split(" ")) {
            assertTrue(out.contains(word), "'" + word + "' broken: " + out);
        }
        // words wider than the width: the table grows rather than cut a word
        StringWriter narrow = new StringWriter();
        t.print(new PrintWriter(narrow, true), "", 20);
        assertTrue(narrow.toString().contains("/proc/sys/fs/mqueue/msgsize_max"), narrow.toString());
        assertEquals(List.of("a-very-long-identifier", "b"), Table.split("a-very-long-identifier b", 5));
    }

    @Test
    void jsonIsTypedWithCamelCaseKeys() {
        assertEquals("capacityBytes", Json.camel("capacity (bytes)"));
        assertEquals("lastSendPid", Json.camel("last send pid"));
        assertEquals("scheme", Json.camel("scheme"));
        String j = Json.write(java.util.Map.of("capacity (bytes)", "16384", "pollable", "no", "mode", "0600", "max message", "-"));
        assertTrue(j.contains("\"capacityBytes\": 16384"), j);
        assertTrue(j.contains("\"pollable\": false"), j);
        assertTrue(j.contains("\"mode\": \"0600\""), j);
        assertTrue(j.contains("\"maxMessage\": null"), j);
        CliRun b = CliRun.run("backends", "--json");
        Pattern key = Pattern.compile("\"([^\"]*)\": ");
        Matcher m = key.matcher(b.out);
        while (m.find()) {
            assertTrue(m.group(1).matches("[a-z][A-Za-z0-9]*"), "not a camelCase key: '" + m.group(1) + "'");
        }
        assertTrue(b.out.contains("\"senderIdentity\": "), b.out);
        assertFalse(b.out.contains("\"yes\"") || b.out.contains("\"no\""), "booleans as booleans: " + b.out);
    }

    @Test
    void completionPrintsABashScript() {
        CliRun r = CliRun.run("completion");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("complete -F"), r.out);
        for (String cmd : new String[] {"backends", "limits", "ls", "rm", "send", "recv", "demo"}) {
            assertTrue(r.out.contains(cmd), cmd + " not completed");
        }
        assertTrue(r.out.contains("--wide"), "options are completed too");
    }

    @Test
    void chooseWithoutResultsSaysHowToGetThemExitsOneAndRunsNothing() throws Exception {
        Path dir = TestNames.path("choose-empty");
        Files.createDirectories(dir);
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            try (ChildProcess p = Spawner.command("sh", "-c", "cd '" + dir + "' && exec '" + java + "' -Xmx128m -cp '"
                    + System.getProperty("java.class.path") + "' " + Main.class.getName() + " choose").start()) {
                int code = p.waitFor(Duration.ofSeconds(60));
                assertEquals(1, code, p.output());
                assertTrue(p.output().contains("no benchmark results yet"), p.output());
                assertTrue(p.output().contains("jipc bench") && p.output().contains("--results FILE"), p.output());
                assertFalse(p.output().contains("running"), "a benchmark was started: " + p.output());
            }
            try (var s = Files.list(dir)) {
                assertNull(s.findAny().orElse(null), "choose wrote into the directory (a benchmark run?)");
            }
        } finally {
            io.jipc.bench.BenchSupport.deleteQuietly(dir);
        }
    }

    @Test
    void verboseShowsTheLibrarysDebugLinesOnStandardErrorAndOnlyThen() {
        CliRun quiet = CliRun.run("backends");
        assertEquals(0, quiet.code, quiet.toString());
        CliRun verbose = CliRun.run("--verbose", "stat", "posix:/jipc-presentation-no-such-" + ProcessHandle.current().pid());
        assertEquals(1, verbose.code, verbose.toString());
        assertTrue(verbose.err.contains("jipc: debug io.jipc.api.Ipc: opening"), verbose.toString());
        assertFalse(verbose.out.contains("debug"), "log lines go to standard error: " + verbose.out);
        CliRun plain = CliRun.run("stat", "posix:/jipc-presentation-no-such-" + ProcessHandle.current().pid());
        assertEquals(1, plain.code, plain.toString());
        assertFalse(plain.err.contains("debug"), "no debug line without --verbose: " + plain);
    }

    @Test
    void lsFitsEightyColumnsByLeavingColumnsOutAndSaysSoOnStandardError() {
        String key = "0x" + Integer.toHexString((java.util.concurrent.ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000);
        try (io.jipc.api.MessageChannel ch = io.jipc.api.Ipc.channel("sysv:?key=" + key + "&open=create")) {
            try {
                CliRun compact = run(80, "ls", "--name", key);
                assertEquals(0, compact.code, compact.toString());
                assertTrue(compact.out.contains(key), compact.toString());
                allWithin(compact.out, 80, "ls");
                assertTrue(compact.err.contains("--wide shows them"), "the note is on stderr: " + compact);
                assertFalse(compact.out.contains("note"), "no note on stdout: " + compact.out);
                CliRun wide = run(80, "ls", "--wide", "--name", key);
                assertTrue(wide.out.contains("why"), wide.toString());
                assertFalse(wide.err.contains("--wide shows them"), wide.toString());
            } finally {
                ch.remove();
            }
        }
    }
}
