package io.jipc.os;

import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Open;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenOrCreateTest {
    private static final int FLAGS = Fcntl.O_RDWR | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC;

    @TempDir
    Path dir;

    @Test
    void createOpenAndOpenOrCreate() throws Exception {
        String f = dir.resolve("f").toString();
        assertThrows(IpcNotFound.class, () -> OpenOrCreate.file(f, FLAGS, 0600, Open.OPEN, true, "test:/f"));
        OpenOrCreate.Opened a = OpenOrCreate.file(f, FLAGS, 0644, Open.CREATE, true, "test:/f");
        assertTrue(a.created());
        assertEquals(0644, Fd.fstat(a.fd(), "test:/f").mode(), "exactly mode=, whatever the umask");
        Fd.close(a.fd());
        IpcAlreadyExists x = assertThrows(IpcAlreadyExists.class,
                () -> OpenOrCreate.file(f, FLAGS, 0600, Open.CREATE, true, "test:/f"));
        assertTrue(x.getMessage().contains(f) && x.getMessage().contains("EEXIST"), x.getMessage());
        OpenOrCreate.Opened b = OpenOrCreate.file(f, FLAGS, 0600, Open.OPEN_OR_CREATE, true, "test:/f");
        assertFalse(b.created());
        Fd.close(b.fd());
        assertThrows(IllegalArgumentException.class, () -> OpenOrCreate.file(f, FLAGS, 0600, Open.CREATE, false, "u"));
        Files.delete(Path.of(f));
    }

    @Test
    void twoThreadsRacingCreateExactlyOnceWhileAThirdKeepsRemoving() throws Exception {
        String f = dir.resolve("race").toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int round = 0; round < 200; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<OpenOrCreate.Opened> x = pool.submit(() -> {
                    start.await();
                    return OpenOrCreate.file(f, FLAGS, 0600, Open.OPEN_OR_CREATE, true, "test:/race");
                });
                Future<OpenOrCreate.Opened> y = pool.submit(() -> {
                    start.await();
                    return OpenOrCreate.file(f, FLAGS, 0600, Open.OPEN_OR_CREATE, true, "test:/race");
                });
                OpenOrCreate.Opened a = x.get();
                OpenOrCreate.Opened b = y.get();
                assertTrue(a.created() ^ b.created(), "exactly one of the two created the file");
                Stat sa = Fd.fstat(a.fd(), "a");
                Stat sb = Fd.fstat(b.fd(), "b");
                assertEquals(sa.ino(), sb.ino(), "both opened the same file");
                Fd.close(a.fd());
                Fd.close(b.fd());
                assertTrue(FileOps.unlink(f, "test:/race"));
            }
            // with a remover running, every open-or-create still ends with a descriptor
            Future<?> remover = pool.submit(() -> {
                while (!stop.get()) {
                    FileOps.unlinkQuietly(f);
                }
            });
            for (int i = 0; i < 500; i++) {
                OpenOrCreate.Opened o = OpenOrCreate.file(f, FLAGS, 0600, Open.OPEN_OR_CREATE, true, "test:/race");
                assertTrue(o.fd() >= 0);
                Fd.close(o.fd());
            }
            stop.set(true);
            remover.get();
        } finally {
            stop.set(true);
            pool.shutdownNow();
            FileOps.unlinkQuietly(f);
        }
    }

    @Test
    void twoProcessesRacingOpenOrCreateAndRemoveAlwaysGetADescriptor() throws Exception {
        String f = dir.resolve("xrace").toString();
        try (ChildProcess c = Spawner.jvm(Racer.class, f, "2000").start()) {
            c.awaitOutput("READY", java.time.Duration.ofSeconds(60));
            int created = Racer.race(f, 2000);
            assertEquals(0, c.waitFor(java.time.Duration.ofSeconds(120)), c.output());
            assertTrue(c.output().contains("DONE"), c.output());
            assertTrue(created > 0, "this process created the file at least once");
        } finally {
            FileOps.unlinkQuietly(f);
        }
    }

    /** A child that races the parent: open-or-create, close, remove, many times; prints DONE. */
    public static final class Racer {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            System.out.println("READY");
            System.out.flush();
            int created = race(args[0], Integer.parseInt(args[1]));
            System.out.println("DONE created=" + created);
            System.out.flush();
        }

        static int race(String path, int rounds) {
            int created = 0;
            for (int i = 0; i < rounds; i++) {
                OpenOrCreate.Opened o = OpenOrCreate.file(path, FLAGS, 0600, Open.OPEN_OR_CREATE, true, "test:/xrace");
                if (o.created()) {
                    created++;
                }
                Fd.close(o.fd());
                if (i % 2 == 0) {
                    FileOps.unlinkQuietly(path);
                }
            }
            return created;
        }
    }

    @Test
    void givesUpWithAClearErrorWhenTheObjectKeepsVanishing() {
        int[] calls = new int[2];
        IpcException e = assertThrows(IpcException.class, () -> OpenOrCreate.run(Open.OPEN_OR_CREATE, true,
                () -> { calls[0]++; return -Errno.EEXIST; },
                () -> { calls[1]++; return -Errno.ENOENT; },
                (creating, errno) -> new IpcException("x", "y", errno, Errno.name(errno), "unexpected"),
                "the thing", "open", "test:/thing"));
        assertEquals(OpenOrCreate.MAX_ROUNDS, calls[0]);
        assertEquals(OpenOrCreate.MAX_ROUNDS, calls[1]);
        assertTrue(e.getMessage().contains("gave up after " + OpenOrCreate.MAX_ROUNDS) && e.getMessage().contains("the thing")
                && e.getMessage().contains("test:/thing"), e.getMessage());
    }

    @Test
    void eintrRepeatsTheCallWithoutCountingARound() {
        int[] calls = new int[1];
        OpenOrCreate.Opened o = OpenOrCreate.run(Open.CREATE, true,
                () -> ++calls[0] < 5 ? -Errno.EINTR : 42, () -> -Errno.ENOENT,
                (creating, errno) -> new IpcException("x", "y", errno, Errno.name(errno), "unexpected"),
                "the thing", "open", "test:/thing");
        assertEquals(42, o.handle());
        assertTrue(o.created());
    }
}
