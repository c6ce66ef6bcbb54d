package io.jipc.cli;

import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send/recv/stat/rm and their bad input, on the in-JVM test scheme (works with no real backend installed). */
class SendRecvTest {
    private final String name = TestNames.unique("q");
    private final String uri = "memtest:" + name;

    private void create() {
        CliRun r = CliRun.run("send", uri + "?open=create", "--tag", "300", "hello");
        assertEquals(0, r.code, r.toString());
    }

    @AfterEach
    void cleanup() {
        MemBackend.QUEUES.remove(name);
    }

    @Test
    void sendThenReceiveText() {
        create();
        CliRun r = CliRun.run("recv", uri, "--timeout", "2s", "--show-tag");
        assertEquals(0, r.code, r.toString());
        assertEquals("[tag 300] hello", r.out.trim());
    }

    @Test
    void selectionFollowsSeed000() {
        create(); // 300
        for (String t : new String[] {"100", "200", "400", "100"}) {
            assertEquals(0, CliRun.run("send", uri, "--tag", t, "type " + t).code);
        }
        CliRun r = CliRun.run("recv", uri, "--select", "upto:300", "--count", "4", "--timeout", "0", "--show-tag");
        assertEquals(0, r.code, r.toString());
        String[] lines = r.out.trim().split("\n");
        assertEquals(4, lines.length, r.out);
        assertTrue(lines[0].startsWith("[tag 100]") && lines[1].startsWith("[tag 100]") && lines[2].startsWith("[tag 200]")
                && lines[3].startsWith("[tag 300]"), r.out);
        CliRun none = CliRun.run("recv", uri, "--select", "upto:300", "--timeout", "0");
        assertEquals(1, none.code, none.toString());
        assertTrue(none.err.contains("no message matching upto:300"), none.err);
        CliRun rest = CliRun.run("recv", uri, "--select", "not:100", "--timeout", "1s");
        assertEquals("type 400", rest.out.trim());
    }

    @Test
    void stdinAndFile() throws Exception {
        create();
        CliRun.run("recv", uri, "--timeout", "0");
        CliRun s = CliRun.run("from stdin\n".getBytes(StandardCharsets.UTF_8), false, "send", uri, "-");
        assertEquals(0, s.code, s.toString());
        assertEquals("from stdin", CliRun.run("recv", uri, "--timeout", "0").out.trim());
        Path f = TestNames.path("payload");
        try {
            byte[] bin = {0, 1, 2, (byte) 0xff, 10};
            Files.write(f, bin);
            assertEquals(0, CliRun.run("send", uri, "--file", f.toString()).code);
            // not a terminal: raw bytes
            CliRun raw = CliRun.run("recv", uri, "--timeout", "0");
            assertEquals(0, raw.code, raw.toString());
            assertArrayEquals(bin, raw.outBytes);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void binaryToTerminalIsRefusedAndKept() throws Exception {
        create();
        CliRun.run("recv", uri, "--timeout", "0");
        Path f = TestNames.path("bin");
        try {
            Files.write(f, new byte[] {0, 27, 7, (byte) 0xc3});
            assertEquals(0, CliRun.run("send", uri, "--file", f.toString(), "--tag", "9").code);
        } finally {
            Files.deleteIfExists(f);
        }
        CliRun r = CliRun.run(new byte[0], true, "recv", uri, "--timeout", "0");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("refusing to write a binary message (4 bytes, tag 9) to a terminal"), r.err);
        assertTrue(r.err.contains("put back"), r.err);
        assertEquals("", r.out);
        CliRun hex = CliRun.run(new byte[0], true, "recv", uri, "--timeout", "0", "--hex");
        assertEquals(0, hex.code, hex.toString());
        assertTrue(hex.out.contains("tag 9, 4 byte(s):"), hex.out);
        assertTrue(hex.out.contains("00 1b 07 c3"), hex.out);
    }

    @Test
    void badInputGivesClearMessagesAndExitCodes() {
        create();
        CliRun sel = CliRun.run("recv", uri, "--select", "upto:x");
        assertEquals(2, sel.code, sel.toString());
        assertTrue(sel.err.contains("'x' is not a number"), sel.err);
        CliRun sel2 = CliRun.run("recv", uri, "--select", "newest");
        assertEquals(2, sel2.code);
        assertTrue(sel2.err.contains("expected any, tag:T, upto:T or not:T"), sel2.err);
        CliRun sel3 = CliRun.run("recv", uri, "--select", "tag:0");
        assertEquals(2, sel3.code);
        assertTrue(sel3.err.contains("must be > 0"), sel3.err);
        CliRun to = CliRun.run("recv", uri, "--timeout", "soon");
        assertEquals(2, to.code);
        assertTrue(to.err.contains("'soon' is not a duration"), to.err);
        CliRun scheme = CliRun.run("recv", "nosuch:/q");
        assertEquals(2, scheme.code, scheme.toString());
        assertTrue(scheme.err.contains("unknown scheme 'nosuch'") && scheme.err.contains("memtest"), scheme.err);
        CliRun syntax = CliRun.run("send", "memtest:/q?mode", "x");
        assertEquals(2, syntax.code, syntax.toString());
        assertTrue(syntax.err.contains("mode"), syntax.err);
        CliRun missing = CliRun.run("recv", "memtest:" + TestNames.unique("missing"), "--timeout", "0");
        assertEquals(1, missing.code, missing.toString());
        assertTrue(missing.err.contains("no such memtest queue"), missing.err);
        CliRun tag = CliRun.run("send", uri, "--tag", "0", "x");
        assertEquals(2, tag.code, tag.toString());
        assertTrue(tag.err.contains("tag 0"), tag.err);
        CliRun big = CliRun.run("send", uri, "x".repeat(MemBackend.MAX + 1));
        assertEquals(1, big.code, big.toString());
        assertTrue(big.err.contains("larger than the largest"), big.err);
        CliRun nothing = CliRun.run("send", uri);
        assertEquals(2, nothing.code);
        assertTrue(nothing.err.contains("nothing to send"), nothing.err);
        for (CliRun r : new CliRun[] {sel, sel2, to, scheme, syntax, missing, tag, big, nothing}) {
            assertFalse(r.err.contains("\tat "), "stack trace without --verbose: " + r.err);
        }
        CliRun verbose = CliRun.run("recv", "memtest:" + TestNames.unique("missing"), "--timeout", "0", "--verbose");
        assertEquals(1, verbose.code);
        assertTrue(verbose.err.contains("\tat "), "--verbose shows the stack trace: " + verbose.err);
    }

    @Test
    void statAndRm() {
        create();
        CliRun st = CliRun.run("stat", uri);
        assertEquals(0, st.code, st.toString());
        assertTrue(st.out.contains("channel " + uri), st.out);
        assertTrue(st.out.contains("messages queued"), st.out);
        assertTrue(st.out.matches("(?s).*messages queued\\s+1\\n.*"), st.out);
        assertTrue(st.out.contains("tagging"), st.out);
        CliRun json = CliRun.run("stat", uri, "--json");
        assertTrue(json.out.contains("\"messagesQueued\": 1,"), json.out);
        assertTrue(json.out.contains("\"lastSenderPid\": null"), "unknown is null: " + json.out);
        CliRun dry = CliRun.run("rm", uri, "--dry-run");
        assertEquals(0, dry.code, dry.toString());
        assertTrue(MemBackend.QUEUES.containsKey(name));
        CliRun rm = CliRun.run("rm", uri);
        assertEquals(0, rm.code, rm.toString());
        assertEquals("removed channel " + uri, rm.out.trim());
        assertFalse(MemBackend.QUEUES.containsKey(name));
        CliRun again = CliRun.run("rm", uri);
        assertEquals(1, again.code, again.toString());
        CliRun kind = CliRun.run("rm", uri, "--kind", "mutex");
        assertEquals(2, kind.code, kind.toString());
        assertTrue(kind.err.contains("offers no mutex"), kind.err);
        CliRun both = CliRun.run("rm", uri, "--orphans");
        assertEquals(2, both.code);
        CliRun none = CliRun.run("rm");
        assertEquals(2, none.code);
    }
}
