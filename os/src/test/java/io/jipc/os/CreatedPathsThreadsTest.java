package io.jipc.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads of one JVM updating a set of created paths at the same time (two threads opening lock files
 * at once): no update may throw. Before the fix, the second thread's {@code FileChannel.lock()} of
 * the set's lock file threw {@code OverlappingFileLockException} out of the IPC open
 * (the stress suite's parallel runs met it on flock:, lockfile:, linklock:).
 */
class CreatedPathsThreadsTest {
    @Test
    void concurrentUpdatesFromThreadsNeverThrow(@TempDir Path dir) throws Exception {
        String old = System.getProperty("jipc.runtime.dir");
        System.setProperty("jipc.runtime.dir", dir.resolve("registry").toString());
        try {
            int threads = 8;
            int each = 40;
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < each; i++) {
                            Path p = Files.createFile(dir.resolve("obj-" + id + "-" + i));
                            CreatedPaths.named("test").add(p);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts[t].start();
            }
            go.countDown();
            for (Thread t : ts) {
                t.join();
            }
            assertTrue(errors.isEmpty(), "updates threw: " + errors);
            List<CreatedPaths.Entry> all = CreatedPaths.named("test").list();
            assertEquals(threads * each, all.size(), "every record kept");
        } finally {
            if (old == null) {
                System.clearProperty("jipc.runtime.dir");
            } else {
                System.setProperty("jipc.runtime.dir", old);
            }
        }
    }
}
