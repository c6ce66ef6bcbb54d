package io.jipc.sysv;

import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.jipc.sysv.Handles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire format is C's {@code struct msgbuf}: a C program compiled here with {@code cc} (the
 * test is skipped without one) receives what Java sends and answers on the same queue.
 */
@ExtendWith(LeakGuard.class)
class SysvInteropTest {
    private static final String PEER_C = String.join("\n",
            "#include <stdio.h>",
            "#include <stdlib.h>",
            "#include <string.h>",
            "#include <sys/msg.h>",
            "struct text { long mtype; char mtext[256]; };",
            "struct number { long mtype; long value; };",
            "int main(int argc, char **argv) {",
            "  int id = atoi(argv[1]);",
            "  struct text m;",
            "  ssize_t n = msgrcv(id, &m, sizeof m.mtext, 5, 0);",
            "  if (n < 0) { perror(\"msgrcv\"); return 1; }",
            "  printf(\"C got type %ld: %.*s\\n\", m.mtype, (int) n, m.mtext);",
            "  fflush(stdout);",
            "  struct number x;",
            "  if (msgrcv(id, &x, sizeof x.value, -10, 0) != sizeof x.value) { perror(\"msgrcv number\"); return 2; }",
            "  struct text r;",
            "  r.mtype = 6;",
            "  int len = snprintf(r.mtext, sizeof r.mtext, \"C says hi to %.*s, twice %ld is %ld\", (int) n, m.mtext,",
            "                     x.value, 2 * x.value);",
            "  if (msgsnd(id, &r, len, 0) < 0) { perror(\"msgsnd\"); return 3; }",
            "  return 0;",
            "}",
            "");

    private final Handles h = new Handles();
    private Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        h.close();
        if (dir != null) {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean hasCc() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "cc"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aCProgramUsingStructMsgbufTalksWithJava() throws Exception {
        Assumptions.assumeTrue(hasCc(), "no C compiler (cc): interop not checked");
        dir = Files.createTempDirectory("jipc-sysv-interop-");
        Path src = dir.resolve("peer.c");
        Path exe = dir.resolve("peer");
        Files.writeString(src, PEER_C);
        try (ChildProcess cc = Spawner.command("cc", "-o", exe.toString(), src.toString()).start()) {
            assertEquals(0, cc.waitFor(Duration.ofSeconds(60)), cc.output());
        }
        SysvMessageChannel q = h.channel("sysv:private");
        try (ChildProcess peer = Spawner.command(exe.toString(), Integer.toString(q.id())).start()) {
            q.send(text("java"), 5);
            ByteBuffer number = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            number.putLong(0, 21);
            q.send(number, 9);
            ByteBuffer reply = ByteBuffer.allocateDirect(256);
            assertEquals(6, q.receive(reply, Select.tag(6), 60, TimeUnit.SECONDS), peer.output());
            assertEquals("C says hi to java, twice 21 is 42", text(reply));
            assertEquals(0, peer.waitFor(Duration.ofSeconds(60)), peer.output());
            assertTrue(peer.output().contains("C got type 5: java"), peer.output());
        }
    }
}
