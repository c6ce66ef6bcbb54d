package io.jipc.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BlockedThreads#registerInterruptible()}: {@code Thread.interrupt()} of a thread asleep in
 * a system call (here a {@code read} of an empty pipe, which {@code SA_RESTART} would restart)
 * ends that call with {@code EINTR}; the hook is reused while no interrupt comes and replaced after
 * one; a thread interrupted before it registers is not signalled and sees its status itself.
 */
@Timeout(60)
class InterruptHookTest {
    private static final String READ = System.getProperty("os.arch").matches("amd64|x86_64") ? "0" : "63";

    /** A thread that reads the empty pipe {@code fd} while registered, until an interrupt; what it saw. */
    private static Thread reader(BlockedThreads waiters, int fd, AtomicReference<String> tid, AtomicReference<String> out) {
        Thread t = new Thread(() -> {
            long buf = NativeMemory.allocate(8);
            try {
                tid.set(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
                int eintr = 0;
                while (true) {
                    int slot = waiters.registerInterruptible();
                    try {
                        if (Thread.currentThread().isInterrupted()) {
                            out.set("interrupted after " + eintr + " EINTR");
                            return;
                        }
                        long r = Unistd.LIB.read(fd, buf, 8);
                        if (r >= 0) {
                            out.set("read " + r);
                            return;
                        }
                        if (Native.errno() == Errno.EINTR) {
                            eintr++;
                        }
                    } finally {
                        waiters.deregisterInterruptible(slot);
                    }
                }
            } catch (Throwable e) {
                out.set(e.toString());
            } finally {
                NativeMemory.free(buf);
            }
        });
        t.start();
        return t;
    }

    private static void awaitInRead(AtomicReference<String> tid) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tid.get() == null || !Files.readString(Path.of("/proc/self/task/" + tid.get() + "/syscall")).startsWith(READ + " ")) {
            if (System.nanoTime() > end) {
                fail("the reader never slept in read");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void anInterruptEndsARegisteredReadAndTheThreadCanRegisterAgain() throws Exception {
        assertTrue(BlockedThreads.available() && BlockedThreads.interruptsRestartableCalls(),
                "the JDK's handler for signal 62, without SA_RESTART");
        int[] pipe = Fd.pipe(0, "test pipe");
        try {
            BlockedThreads waiters = new BlockedThreads(2);
            for (int round = 0; round < 3; round++) { // a fresh hook after each interrupt
                AtomicReference<String> tid = new AtomicReference<>();
                AtomicReference<String> out = new AtomicReference<>();
                Thread t = reader(waiters, pipe[0], tid, out);
                awaitInRead(tid);
                assertEquals(1, waiters.registered());
                t.interrupt();
                t.join(30_000);
                assertFalse(t.isAlive(), "the read ended");
                assertTrue(out.get().startsWith("interrupted after 1 EINTR"), out.get());
                assertEquals(0, waiters.registered());
            }
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aThreadInterruptedBeforeItRegistersSeesItsStatusAndIsNotSignalled() {
        BlockedThreads waiters = new BlockedThreads(1);
        long sent = BlockedThreads.signalsSent();
        Thread.currentThread().interrupt();
        try {
            int slot = waiters.registerInterruptible();
            try {
                assertTrue(slot >= 0);
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                waiters.deregisterInterruptible(slot);
            }
            assertEquals(0, waiters.registered());
            // registered again without an interrupt: the hook that fired was replaced, nothing is signalled
            Thread.interrupted();
            slot = waiters.registerInterruptible();
            waiters.deregisterInterruptible(slot);
            assertEquals(sent, BlockedThreads.signalsSent());
        } finally {
            Thread.interrupted();
        }
    }
}
