package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's inventory test: a child JVM creates one object of every kind available, is killed
 * with SIGKILL, and {@code ls --orphans} finds exactly its objects, which {@code rm --orphans --yes}
 * then removes, leaving a live object of the same run alone.
 */
@ExtendWith(LeakGuard.class)
class InventoryTest {
    /** The creator: opens/creates every object named in args and keeps them, then waits to be killed. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            List<Object> keep = new ArrayList<>();
            for (String a : args) {
                String kind = a.substring(0, a.indexOf('='));
                String target = a.substring(a.indexOf('=') + 1);
                switch (kind) {
                    case "channel": {
                        MessageChannel ch = Ipc.channel(target);
                        ByteBuffer m = ByteBuffer.allocateDirect(8);
                        m.putLong(42).flip();
                        ch.send(m, ch.capabilities().tagging() == io.jipc.api.Capabilities.Tagging.SYSV_TYPE ? 1 : ch.capabilities().defaultTag());
                        keep.add(ch);
                        break;
                    }
                    case "mutex": {
                        Mutex mx = Ipc.mutex(target);
                        mx.lock();
                        mx.unlock();
                        keep.add(mx);
                        break;
                    }
                    case "region": {
                        SharedRegion r = Ipc.region(target);
                        r.putLongRelease(0, 7);
                        keep.add(r);
                        break;
                    }
                    case "shmfile": {
                        keep.add(FileChannel.open(Path.of(target), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
                        break;
                    }
                    case "registered": {
                        // a lockfile: holder killed holding it leaves its lock file (with the jipc identity),
                        // recorded by the lockfile backend as created by jipc
                        Mutex mx = Ipc.mutex("lockfile:" + target);
                        mx.lock();
                        keep.add(mx);
                        break;
                    }
                    default:
                        throw new IllegalArgumentException(a);
                }
            }
            System.out.println("READY " + keep.size());
            Thread.sleep(120_000);
        }
    }

    private static String sysvKey() {
        return "0x" + Integer.toHexString((ThreadLocalRandom.current().nextInt() & 0x3fffffff) | 0x40000000);
    }

    @Test
    void orphansOfAKilledCreatorAreFoundAndRemovedExactly() throws Exception {
        String prefix = TestNames.prefix();
        Path shmFile = Path.of("/dev/shm", TestNames.unique("orphan-shm"));
        Path registered = TestNames.path("orphan-lock");
        Path control = Path.of("/dev/shm", TestNames.unique("control"));
        List<String> args = new ArrayList<>(List.of("shmfile=" + shmFile, "registered=" + registered));
        List<String> expectedKinds = new ArrayList<>(List.of("\"kind\": \"shm-file\"", "\"kind\": \"file\""));
        List<String> expectedPaths = new ArrayList<>(List.of(shmFile.toString(), registered.toString()));
        List<String> cleanupUris = new ArrayList<>();
        if (Ipc.backend("sysv") != null) {
            String q = "sysv:?key=" + sysvKey() + "&open=create";
            String s = "sysv:?key=" + sysvKey() + "&open=create";
            String m = "sysv:?key=" + sysvKey() + "&open=create&size=4096";
            args.addAll(List.of("channel=" + q, "mutex=" + s, "region=" + m));
            expectedKinds.addAll(List.of("\"kind\": \"sysv-queue\"", "\"kind\": \"sysv-sem\"", "\"kind\": \"sysv-shm\""));
            cleanupUris.addAll(List.of("channel=" + q, "mutex=" + s, "region=" + m));
        }
        if (Ipc.backend("posix") != null) {
            String n = TestNames.unique("posix");
            Set3 p = new Set3("posix:/" + n + "-q?open=create", "posix:/" + n + "-s?open=create", "posix:/" + n + "-m?open=create&size=4096");
            args.addAll(List.of("channel=" + p.q, "mutex=" + p.s, "region=" + p.m));
            expectedPaths.addAll(List.of("/dev/mqueue/" + n + "-q", "/dev/shm/sem." + n + "-s", "/dev/shm/" + n + "-m"));
            cleanupUris.addAll(List.of("channel=" + p.q, "mutex=" + p.s, "region=" + p.m));
        }
        if (Ipc.backend("fcntl") != null) {
            Path lock = TestNames.path("orphan-fcntl");
            args.add("mutex=fcntl:" + lock + "?open=create");
            expectedPaths.add(lock.toString());
            cleanupUris.add("mutex=fcntl:" + lock + "?open=create");
        }
        if (Ipc.backend("file") != null && Ipc.backend("robust") != null && Ipc.backend("ring") != null) {
            String n = TestNames.unique("mmap");
            args.addAll(List.of("region=file:/dev/shm/" + n + "-file?size=4096&open=create",
                    "mutex=robust:/" + n + "-robust?open=create", "channel=ring:/" + n + "-ring?open=create"));
            expectedPaths.addAll(List.of("/dev/shm/" + n + "-file", "/dev/shm/jipc.robust." + n + "-robust",
                    "/dev/shm/jipc.ring." + n + "-ring"));
            cleanupUris.addAll(List.of("region=file:/dev/shm/" + n + "-file?open=create",
                    "mutex=robust:/" + n + "-robust?open=create", "channel=ring:/" + n + "-ring?open=create"));
        }
        try (FileChannel live = FileChannel.open(control, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ChildProcess child = Spawner.jvm(Creator.class, args.toArray(new String[0])).start()) {
            child.awaitOutput("READY", Duration.ofSeconds(60));
            String pid = Integer.toString(child.pid());

            CliRun alive = CliRun.run("ls", "--name", prefix, "--pid", pid, "--json");
            assertEquals(0, alive.code, alive.toString());
            for (String k : expectedKinds) {
                assertTrue(alive.out.contains(k), k + " not listed: " + alive.out);
            }
            for (String p : expectedPaths) {
                assertTrue(alive.out.contains("\"" + p + "\""), p + " not listed: " + alive.out);
            }
            CliRun none = CliRun.run("ls", "--orphans", "--name", prefix, "--pid", pid, "--json");
            for (String p : expectedPaths) {
                assertFalse(none.out.contains("\"" + p + "\""), p + " is an orphan while its creator lives: " + none.out);
            }

            child.killAndWait();

            CliRun orphans = CliRun.run("ls", "--orphans", "--name", prefix, "--pid", pid, "--json");
            assertEquals(0, orphans.code, orphans.toString());
            for (String k : expectedKinds) {
                assertTrue(orphans.out.contains(k), k + " not an orphan: " + orphans.out);
            }
            for (String p : expectedPaths) {
                assertTrue(orphans.out.contains("\"" + p + "\""), p + " not an orphan: " + orphans.out);
            }
            assertFalse(orphans.out.contains(control.toString()), "the live control object is no orphan: " + orphans.out);
            CliRun text = CliRun.run("ls", "--orphans", "--name", prefix, "--pid", pid);
            assertTrue(text.out.contains("ORPHAN"), text.out);

            CliRun dry = CliRun.run("rm", "--orphans", "--dry-run", "--name", prefix, "--pid", pid);
            assertEquals(0, dry.code, dry.toString());
            assertTrue(Files.exists(shmFile), "dry run removed nothing");

            CliRun declined = CliRun.run("n\n".getBytes(), false, "rm", "--orphans", "--name", prefix, "--pid", pid);
            assertEquals(1, declined.code, declined.toString());
            assertTrue(declined.err.contains("not confirmed"), declined.err);
            assertTrue(Files.exists(shmFile));

            CliRun rm = CliRun.run("rm", "--orphans", "--yes", "--name", prefix, "--pid", pid);
            assertEquals(0, rm.code, rm.toString());
            for (String p : expectedPaths) {
                assertFalse(Files.exists(Path.of(p)), p + " still exists after rm --orphans: " + rm);
            }
            CliRun after = CliRun.run("ls", "--name", prefix, "--pid", pid, "--json");
            for (String k : expectedKinds) {
                if (!k.contains("shm-file")) {
                    assertFalse(after.out.contains(k), k + " still listed after rm: " + after.out);
                }
            }
            assertTrue(after.out.contains(control.toString()), "the live control object was left alone: " + after.out);
            assertTrue(Files.exists(control));
            assertFalse(Ipc.backend("lockfile").objects().stream().anyMatch(o -> o.path().equals(registered.toString())),
                    "the lockfile backend no longer lists the removed file");
        } finally {
            Files.deleteIfExists(control);
            Files.deleteIfExists(shmFile);
            Files.deleteIfExists(registered);
            for (String u : cleanupUris) {
                String kind = u.substring(0, u.indexOf('='));
                String uri = u.substring(u.indexOf('=') + 1).replace("open=create", "open=open");
                try (IpcHandle h = Targets.open(uri, Primitive.valueOf(kind.toUpperCase()))) {
                    h.remove();
                } catch (RuntimeException e) {
                    // removed by the test, as it should be
                }
            }
        }
    }

    private record Set3(String q, String s, String m) {
    }
}
