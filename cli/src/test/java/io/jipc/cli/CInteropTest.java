package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jipc send}/{@code jipc recv} against small C programs written from the seeds (a sender, a
 * receiver, seed 002's ping-pong partner and adder server), compiled with {@code cc}: the CLI's
 * messages on a SysV queue are C {@code struct msgbuf}s. Skipped without a compiler or without the
 * sysv backend.
 */
@ExtendWith(LeakGuard.class)
class CInteropTest {
    private static Path bin;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(Ipc.backend("sysv") != null || Ipc.backend("posix") != null, "neither the sysv nor the posix backend is installed");
        assumeTrue(onPath("cc"), "no C compiler (cc): C interop tests skipped");
        bin = TestNames.dir().resolve(TestNames.unique("cbin"));
        Files.createDirectories(bin);
        List<String> programs = new ArrayList<>();
        if (Ipc.backend("sysv") != null) {
            programs.addAll(List.of("sysv_send", "sysv_recv", "sysv_pong", "sysv_adder"));
        }
        if (Ipc.backend("posix") != null) {
            programs.addAll(List.of("posix_send", "posix_recv"));
        }
        for (String p : programs) {
            Path src = bin.resolve(p + ".c");
            try (InputStream in = CInteropTest.class.getResourceAsStream("/c/" + p + ".c")) {
                Files.write(src, in.readAllBytes());
            }
            Process cc = new ProcessBuilder("cc", "-O1", "-o", bin.resolve(p).toString(), src.toString(), "-lrt")
                    .redirectErrorStream(true).start();
            String out = new String(cc.getInputStream().readAllBytes());
            assertEquals(0, cc.waitFor(), "cc " + p + ": " + out);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void deleteBinaries() throws IOException {
        if (bin != null && Files.exists(bin)) {
            try (var s = Files.walk(bin)) {
                for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    static boolean onPath(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, cmd))) {
                return true;
            }
        }
        return false;
    }

    private static String key() {
        return "0x" + Integer.toHexString((ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000);
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", argv) + " still running after 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }

    /** Runs {@code body} with a fresh queue at {@code sysv:?key=K}, removed afterwards. */
    private static void withQueue(String key, ThrowingConsumer body) throws Exception {
        MessageChannel q = Ipc.channel("sysv:?key=" + key + "&open=create");
        try {
            // Use it at once: a queue nobody used yet looks like a leak to the leak guards of other
            // test runs on the same machine, which would remove it.
            ByteBuffer one = ByteBuffer.allocateDirect(1);
            q.send(one.put((byte) 1).flip(), 1);
            q.receive(one.clear());
            body.accept("sysv:?key=" + key);
        } finally {
            q.remove();
            q.close();
        }
    }

    interface ThrowingConsumer {
        void accept(String uri) throws Exception;
    }

    private static void needs(String scheme) {
        assumeTrue(Ipc.backend(scheme) != null, "the " + scheme + " backend is not installed");
    }

    @Test
    void posixQueueBothWays() throws Exception {
        needs("posix");
        String name = TestNames.posixName("cq");
        MessageChannel q = Ipc.channel("posix:" + name + "?open=create");
        try {
            String uri = "posix:" + name;
            CliRun s = CliRun.run("send", uri, "--tag", "5", "hello C");
            assertEquals(0, s.code, s.toString());
            assertEquals("prio=5 text=hello C\n", run(bin.resolve("posix_recv").toString(), name));
            run(bin.resolve("posix_send").toString(), name, "3", "low");
            run(bin.resolve("posix_send").toString(), name, "7", "high");
            CliRun r = CliRun.run("recv", uri, "--count", "2", "--timeout", "10s", "--show-tag");
            assertEquals(0, r.code, r.toString());
            assertEquals("[tag 7] high\n[tag 3] low", r.out.trim());
            CliRun sel = CliRun.run("recv", uri, "--select", "tag:3", "--timeout", "0");
            assertEquals(2, sel.code, sel.toString());
            assertTrue(sel.err.contains("cannot select"), sel.err);
        } finally {
            q.remove();
            q.close();
        }
    }

    @Test
    void cSenderToJipcRecv() throws Exception {
        needs("sysv");
        String k = key();
        withQueue(k, uri -> {
            run(bin.resolve("sysv_send").toString(), k, "200", "from C, type 200");
            run(bin.resolve("sysv_send").toString(), k, "100", "from C, type 100");
            CliRun r = CliRun.run("recv", uri, "--select", "upto:300", "--count", "2", "--timeout", "10s", "--show-tag");
            assertEquals(0, r.code, r.toString());
            assertEquals("[tag 100] from C, type 100\n[tag 200] from C, type 200", r.out.trim());
        });
    }

    @Test
    void jipcSendToCReceiver() throws Exception {
        needs("sysv");
        String k = key();
        withQueue(k, uri -> {
            CliRun s = CliRun.run("send", uri, "--tag", "7", "hello C");
            assertEquals(0, s.code, s.toString());
            assertEquals("type=7 text=hello C\n", run(bin.resolve("sysv_recv").toString(), k, "7"));
        });
    }

    @Test
    void pingPongWithACPartner() throws Exception {
        needs("sysv");
        String k = key();
        withQueue(k, uri -> {
            Process pong = new ProcessBuilder(bin.resolve("sysv_pong").toString(), k, "2").redirectErrorStream(true).start();
            try {
                for (int i = 1; i <= 2; i++) {
                    assertEquals(0, CliRun.run("send", uri, "--tag", "1", "ping " + i).code);
                    CliRun r = CliRun.run("recv", uri, "--select", "tag:2", "--timeout", "30s");
                    assertEquals(0, r.code, r.toString());
                    assertEquals("pong: ping " + i, r.out.trim());
                }
                assertTrue(pong.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, pong.exitValue());
            } finally {
                pong.destroyForcibly();
                pong.waitFor();
            }
        });
    }

    @Test
    void binaryRequestsToTheCAdderServer() throws Exception {
        needs("sysv");
        String k = key();
        String rk = key();
        withQueue(k, uri -> withQueue(rk, replyUri -> {
            long replyId = idOfKey(rk);
            Process server = new ProcessBuilder(bin.resolve("sysv_adder").toString(), k).redirectErrorStream(true).start();
            Path req = TestNames.path("request");
            try {
                Files.write(req, request(20, 22, (int) replyId));
                assertEquals(0, CliRun.run("send", uri, "--tag", "1", "--file", req.toString()).code);
                CliRun r = CliRun.run("recv", replyUri, "--timeout", "30s");
                assertEquals(0, r.code, r.toString());
                assertArrayEquals(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(42).array(), r.outBytes);
                Files.write(req, request(0, 0, (int) replyId));
                assertEquals(0, CliRun.run("send", uri, "--tag", "1", "--file", req.toString()).code);
                assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops on a + b == 0");
                String out = new String(server.getInputStream().readAllBytes());
                assertTrue(out.contains("request 20 + 22, reply to queue " + replyId), out);
            } finally {
                server.destroyForcibly();
                server.waitFor();
                Files.deleteIfExists(req);
            }
        }));
    }

    private static byte[] request(int a, int b, int replyId) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putInt(a).putInt(b).putInt(replyId).array();
    }

    private static long idOfKey(String hexKey) throws IOException {
        long key = Long.parseLong(hexKey.substring(2), 16);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/sysvipc/msg")));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.trim().split("\\s+");
            if ((Long.parseLong(f[0]) & 0xffffffffL) == key) {
                return Long.parseLong(f[1]);
            }
        }
        throw new AssertionError("no queue with key " + hexKey);
    }
}
