package io.jipc.os;

import io.jipc.os.layout.TimespecLayout;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The shared futex binding: the kernel's compare, the timeout, and a wake from another thread. */
class FutexTest {
    @Test
    void theSyscallNumberIsKnownForThisArchitecture() {
        assertTrue(Futex.SYS_FUTEX > 0, "os.arch " + System.getProperty("os.arch"));
        assertEquals(202, Futexes.sysFutex("amd64"));
        assertEquals(98, Futexes.sysFutex("aarch64"));
    }

    @Test
    void waitReturnsAtOnceWhenTheWordDiffersAndTimesOutWhenNobodyWakes() {
        long mem = NativeMemory.allocate(64);
        try {
            NativeMemory.putInt(mem, 5);
            TimespecLayout.putRelative(mem + 16, 20_000_000L);
            assertEquals(Errno.EAGAIN, io.jipc.os.Futexes.wait(mem, 6, mem + 16), "the kernel compares the word");
            assertEquals(Errno.ETIMEDOUT, io.jipc.os.Futexes.wait(mem, 5, mem + 16));
            assertEquals(0, io.jipc.os.Futexes.wake(mem, 1), "no waiter to wake");
        } finally {
            NativeMemory.free(mem);
        }
    }

    @Test
    void aWakeFromAnotherThreadEndsTheWait() throws Exception {
        long mem = NativeMemory.allocate(64);
        try {
            NativeMemory.putInt(mem, 0);
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                int r;
                do { // a spurious return (0 or EINTR) while the word is still 0: wait again
                    r = io.jipc.os.Futexes.wait(mem, 0, 0);
                } while (NativeMemory.getInt(mem) == 0);
                return r;
            });
            Thread.sleep(100);
            NativeMemory.putInt(mem, 1);
            long woken = 0;
            for (int i = 0; i < 3000 && !waiter.isDone(); i++) {
                woken += io.jipc.os.Futexes.wake(mem, 1);
                Thread.sleep(10);
            }
            int r = waiter.get(30, TimeUnit.SECONDS);
            assertTrue(r == 0 || r == Errno.EAGAIN, "errno " + r);
            assertTrue(woken >= 0);
        } finally {
            NativeMemory.free(mem);
        }
    }
}
