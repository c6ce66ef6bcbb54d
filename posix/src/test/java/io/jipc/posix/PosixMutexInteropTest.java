package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java fast path of {@link PosixMutex} ({@code SemaphoreWord}) against native users of the
 * same glibc semaphore: a child JVM asleep in the native {@code sem_timedwait} is woken by the
 * Java unlock, a C program doing {@code sem_wait}/{@code sem_post} and this JVM's Java fast path
 * keep a non-atomic counter in shared memory exact, and a file truncated while open is a clear
 * error instead of a crash.
 */
@ExtendWith(PosixLeakCheck.class)
@Timeout(180)
class PosixMutexInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Child JVM: locks (waiting), prints LOCKED, unlocks, prints DONE. */
    public static final class Waiter {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (Mutex m = Ipc.mutex(args[0])) {
                System.out.println("OPEN");
                System.out.flush();
                m.lock();
                System.out.println("LOCKED");
                m.unlock();
            }
            System.out.println("DONE");
        }
    }

    /** The semaphore's {@code data} word as glibc keeps it in {@code /dev/shm/sem.NAME}. */
    private static long data(String name) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(SemaphoreFile.path(name))).order(ByteOrder.nativeOrder())
                .getLong(SemaphoreFile.DATA);
    }

    @Test
    void aChildAsleepInTheNativeWaitIsWokenByTheJavaUnlock() throws Exception {
        String name = PosixLeakCheck.name("wake");
        try (Mutex m = Ipc.mutex("posix:" + name)) {
            try {
                m.lock(); // Java fast path: 1 -> 0
                assertEquals(0L, data(name), "locked by the Java fast path: value 0, no waiter");
                try (ChildProcess child = Spawner.jvm(Waiter.class, "posix:" + name).start()) {
                    child.awaitOutput("OPEN", WAIT);
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while ((data(name) >>> 32) == 0) { // the child registers as a waiter inside glibc's sem_timedwait
                        assertTrue(child.isAlive(), "the child ended before waiting:\n" + child.output());
                        assertTrue(System.nanoTime() < deadline, "the child never waited in sem_timedwait");
                        Thread.onSpinWait();
                    }
                    m.unlock(); // a waiter is counted: the native sem_post wakes it
                    assertEquals(0, child.waitFor(WAIT), child.output());
                    assertTrue(child.output().contains("LOCKED"), child.output());
                }
                assertEquals(1L, data(name), "free again, no waiter left counted");
                assertTrue(m.tryLock(), "and the Java fast path takes it again");
                m.unlock();
            } finally {
                m.remove();
            }
        }
    }

    private static final String C_LOOP = String.join("\n",
            "#include <fcntl.h>",
            "#include <semaphore.h>",
            "#include <stdio.h>",
            "#include <stdlib.h>",
            "#include <sched.h>",
            "#include <sys/mman.h>",
            "#include <unistd.h>",
            "int main(int argc, char **argv) {",
            "  sem_t *s = sem_open(argv[1], 0);",
            "  if (s == SEM_FAILED) { perror(\"sem_open\"); return 2; }",
            "  int fd = open(argv[2], O_RDWR);",
            "  if (fd < 0) { perror(\"open\"); return 2; }",
            "  volatile long *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);",
            "  if (w == MAP_FAILED) { perror(\"mmap\"); return 2; }",
            "  long n = atol(argv[3]);",
            "  w[1] = 1; /* started */",
            "  while (w[2] == 0) sched_yield(); /* the Java side is ready */",
            "  for (long i = 0; i < n; i++) {",
            "    while (sem_wait(s) != 0) {}",
            "    long v = w[0];",
            "    for (volatile int k = 0; k < 20; k++) {}",
            "    w[0] = v + 1;",
            "    if (sem_post(s) != 0) { perror(\"sem_post\"); return 3; }",
            "  }",
            "  printf(\"C DONE\\n\");",
            "  return 0;",
            "}",
            "");

    @Test
    void aCProgramAndTheJavaFastPathKeepACounterExact() throws Exception {
        assumeTrue(PosixSemaphoreCorruptionTest.cc(), "no C compiler");
        String name = PosixLeakCheck.name("cinterop");
        String shm = PosixLeakCheck.name("counter");
        Path dir = Files.createTempDirectory("jipc-seminterop-");
        long n = 200_000;
        try (Mutex m = Ipc.mutex("posix:" + name); SharedRegion r = Ipc.region("posix:" + shm + "?size=4096")) {
            try {
                Path src = dir.resolve("loop.c");
                Files.writeString(src, C_LOOP);
                Path exe = dir.resolve("loop");
                Process cc = new ProcessBuilder("cc", "-O2", "-o", exe.toString(), src.toString(), "-pthread")
                        .redirectErrorStream(true).start();
                String log = new String(cc.getInputStream().readAllBytes());
                assertEquals(0, cc.waitFor(), log);
                try (ChildProcess c = Spawner.command(exe.toString(), name, "/dev/shm" + shm, Long.toString(n)).start()) {
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (r.getLongVolatile(8) == 0) {
                        assertTrue(c.isAlive() && System.nanoTime() < deadline, "the C program did not start: " + c.output());
                        Thread.onSpinWait();
                    }
                    ByteBuffer b = r.buffer();
                    r.putLongRelease(16, 1); // go
                    for (long i = 0; i < n; i++) {
                        m.lock();
                        long v = b.getLong(0);
                        for (int k = 0; k < 20; k++) {
                            Thread.onSpinWait();
                        }
                        b.putLong(0, v + 1);
                        m.unlock();
                    }
                    assertEquals(0, c.waitFor(WAIT), c.output());
                }
                assertEquals(2 * n, r.getLongVolatile(0), "every increment of both sides kept: mutual exclusion held");
                assertEquals(1, ((PosixMutex) m).value(), "free at the end");
            } finally {
                m.remove();
                r.remove();
                PosixSemaphoreCorruptionTest.deleteTree(dir);
            }
        }
    }

    @Test
    void aFileTruncatedWhileOpenIsAClearErrorNotACrash() throws Exception {
        String name = PosixLeakCheck.name("truncated");
        Path file = SemaphoreFile.path(name);
        try (Mutex m = Ipc.mutex("posix:" + name)) {
            try {
                m.lock();
                try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(0); // same inode: the mapping now ends before the semaphore
                }
                IpcException e = assertThrows(IpcException.class, m::unlock);
                assertTrue(e.getMessage().contains("sem." + name.substring(1)), e.getMessage());
                assertThrows(IpcException.class, m::tryLock);
            } finally {
                m.remove();
            }
        }
    }
}
