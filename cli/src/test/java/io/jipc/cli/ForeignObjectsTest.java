package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcPermissionDenied;
import io.jipc.os.ChildProcess;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Objects of another user, or of mode 0000, under every scheme's names: opening them as a user
 * the permission bits refuse is an {@link IpcPermissionDenied} naming the operation, the object
 * and {@code EACCES} (SysV: the key, the id, the owner and the mode). Root bypasses permission
 * bits, so this JVM (root) creates the objects and a child JVM running as {@code nobody} tries them.
 */
class ForeignObjectsTest {
    private static final int NOBODY = 65534;

    private static boolean onPath(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, cmd))) {
                return true;
            }
        }
        return false;
    }

    /** One attempt: what the child opens, and what the error must say. */
    private record Attempt(String kind, String uri, String... fragments) {
    }

    @Test
    void objectsThePermissionBitsRefuseAreIpcPermissionDeniedNamingTheObject() throws Exception {
        assumeTrue(Proc.euid() == 0, "needs root to create objects another user may not open");
        assumeTrue(onPath("setpriv"), "needs setpriv (util-linux) to run a child as another user");
        List<IpcHandle> mine = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        try {
            int key = 0x4a000000 | ThreadLocalRandom.current().nextInt(1 << 20);
            String hex = String.format(Locale.ROOT, "0x%08x", key);
            // System V: mode 0000 and owner-only objects of root
            mine.add(Ipc.channel("sysv:?key=" + hex + "&mode=0000&open=create"));
            attempts.add(new Attempt("channel", "sysv:?key=" + hex + "&open=open", "msgget", hex, "EACCES",
                    ", id ", "owner uid 0", "mode 0000", "uid " + NOBODY));
            String hex2 = String.format(Locale.ROOT, "0x%08x", key + 1);
            mine.add(Ipc.mutex("sysv:?key=" + hex2 + "&mode=0600&open=create"));
            attempts.add(new Attempt("mutex", "sysv:?key=" + hex2 + "&open=open", "semget", hex2, "EACCES", "mode 0600"));
            String hex3 = String.format(Locale.ROOT, "0x%08x", key + 2);
            mine.add(Ipc.region("sysv:?key=" + hex3 + "&size=4096&mode=0600&open=create"));
            attempts.add(new Attempt("region", "sysv:?key=" + hex3 + "&open=open", "shmget", hex3, "EACCES", "owner uid 0"));
            // POSIX queue and shared memory, mode 0000
            String q = TestNames.posixName("mq0");
            mine.add(Ipc.channel("posix:" + q + "?mode=0000"));
            attempts.add(new Attempt("channel", "posix:" + q, "mq_open", q, "EACCES"));
            String s = TestNames.posixName("shm0");
            mine.add(Ipc.region("posix:" + s + "?size=4096&mode=0000"));
            attempts.add(new Attempt("region", "posix:" + s, "shm_open", s, "EACCES"));
            // files: owner-only (root) region, ring, robust mutex, fifo
            String f = "/dev/shm/" + TestNames.unique("file0600");
            mine.add(Ipc.region("file:" + f + "?size=4096"));
            attempts.add(new Attempt("region", "file:" + f, "open", f, "EACCES"));
            String ring = TestNames.unique("ring0600");
            mine.add(Ipc.channel("ring:/" + ring + "?capacity=4k"));
            attempts.add(new Attempt("channel", "ring:/" + ring, "open", "jipc.ring." + ring, "EACCES"));
            String robust = TestNames.unique("robust0600");
            mine.add(Ipc.mutex("robust:/" + robust));
            attempts.add(new Attempt("mutex", "robust:/" + robust, "open", "jipc.robust." + robust, "EACCES"));
            // a lock file in a directory only root may write
            Path dir = Files.createDirectory(Path.of("/tmp", TestNames.unique("rootdir")));
            files.add(dir);
            attempts.add(new Attempt("mutex", "lockfile:" + dir + "/lock", dir + "/lock", "EACCES"));
            attempts.add(new Attempt("mutex", "fcntl:" + dir + "/lock", dir + "/lock", "EACCES"));

            List<String> args = new ArrayList<>();
            for (Attempt a : attempts) {
                args.add(a.kind() + "|" + a.uri());
            }
            String out;
            try (ChildProcess child = Spawner.jvm(ForeignAttempts.class, args.toArray(String[]::new))
                    .asUser(NOBODY, NOBODY).start()) {
                assertEquals(0, child.waitFor(Duration.ofSeconds(120)), child.output());
                out = child.output();
            }
            assertTrue(out.contains("DONE"), out);
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                String line = out.lines().filter(l -> l.startsWith("CASE " + attempts.indexOf(a) + " ")).findFirst().orElse("");
                assertTrue(line.startsWith("CASE " + i + " " + IpcPermissionDenied.class.getName() + " "),
                        a.uri() + ": expected IpcPermissionDenied, got: " + line + "\n" + out);
                for (String frag : a.fragments()) {
                    assertTrue(line.contains(frag), a.uri() + ": '" + frag + "' missing from: " + line);
                }
            }
        } finally {
            for (IpcHandle h : mine) {
                h.remove();
                h.close();
            }
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }
}
