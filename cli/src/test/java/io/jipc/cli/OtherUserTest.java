package io.jipc.cli;

import io.jipc.os.ChildProcess;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code rm} refuses objects that belong to another user, even for root; ids that do not exist fail clearly. */
class OtherUserTest {
    private static final int NOBODY = 65534;

    private static boolean onPath(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, cmd))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anotherUsersDevShmFileIsRefused() throws Exception {
        assumeTrue(Proc.euid() == 0, "needs root to give a file to another user");
        Path p = Path.of("/dev/shm", TestNames.unique("nobodys"));
        Files.createFile(p);
        try {
            Files.setAttribute(p, "unix:uid", NOBODY);
            CliRun r = CliRun.run("rm", p.toString());
            assertEquals(1, r.code, r.toString());
            assertTrue(r.err.contains("belongs to nobody (uid " + NOBODY + ")"), r.err);
            assertTrue(Files.exists(p), "not removed");
            CliRun st = CliRun.run("stat", p.toString());
            assertEquals(0, st.code, st.toString());
            assertTrue(st.out.contains("nobody"), st.out);
        } finally {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void anotherUsersSysvSegmentIsRefused() throws Exception {
        assumeTrue(Proc.euid() == 0, "needs root to act as another user");
        assumeTrue(onPath("ipcmk") && onPath("setpriv") && onPath("ipcrm"), "needs ipcmk, ipcrm and setpriv (util-linux)");
        String out;
        try (ChildProcess c = Spawner.command("ipcmk", "-M", "4096").asUser(NOBODY, NOBODY).start()) {
            assertEquals(0, c.waitFor(Duration.ofSeconds(30)), c.output());
            out = c.output();
        }
        Matcher m = Pattern.compile("id: (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        String id = m.group(1);
        try {
            CliRun r = CliRun.run("rm", "sysv:?id=" + id, "--kind", "region");
            assertEquals(1, r.code, r.toString());
            assertTrue(r.err.contains("belongs to nobody"), r.err);
            assertTrue(Files.readString(Path.of("/proc/sysvipc/shm")).matches("(?s).*\\s" + id + "\\s.*"), "still there");
            CliRun ls = CliRun.run("ls", "--json");
            assertTrue(ls.out.contains("\"id\": " + id), ls.out);
        } finally {
            new ProcessBuilder("ipcrm", "-m", id).start().waitFor();
        }
    }

    @Test
    void idsThatDoNotExistFailClearly() {
        CliRun r = CliRun.run("rm", "sysv:?id=2147483000", "--kind", "channel");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("no such object"), r.err);
        CliRun s = CliRun.run("stat", "sysv:?id=2147483000", "--kind", "region");
        assertEquals(1, s.code, s.toString());
        CliRun p = CliRun.run("rm", "/dev/shm/" + TestNames.unique("absent"));
        assertEquals(1, p.code);
        assertTrue(p.err.contains("does not exist"), p.err);
        CliRun notIpc = CliRun.run("rm", "/etc/hostname");
        assertEquals(1, notIpc.code);
        assertTrue(notIpc.err.contains("not an IPC object jipc knows"), notIpc.err);
    }
}
