package io.jipc.os;

import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.os.layout.PollfdLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollWaitTest {
    @Test
    void readyTimeoutClosedAndInterrupted() {
        int[] p = Fd.pipe(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK, "test:pipe");
        long pollfd = NativeMemory.allocate(PollfdLayout.SIZE);
        try {
            assertFalse(PollWait.ready(pollfd, p[0], SysPoll.POLLIN));
            assertTrue(PollWait.ready(pollfd, p[1], SysPoll.POLLOUT));
            assertFalse(PollWait.await(pollfd, p[0], SysPoll.POLLIN, System.nanoTime() + 1_000_000, () -> false,
                    true, "receive", "test:pipe"), "nothing to read: the deadline passes");
            assertThrows(IpcClosed.class, () -> PollWait.await(pollfd, p[0], SysPoll.POLLIN, PollWait.FOREVER,
                    () -> true, true, "receive", "test:pipe"));
            Thread.currentThread().interrupt();
            try {
                assertThrows(IpcInterrupted.class, () -> PollWait.await(pollfd, p[0], SysPoll.POLLIN,
                        PollWait.FOREVER, () -> false, true, "receive", "test:pipe"));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
            } finally {
                Thread.interrupted();
            }
            long one = NativeMemory.allocate(1);
            try {
                assertTrue(Fd.write(p[1], one, 1, "test:pipe") == 1);
            } finally {
                NativeMemory.free(one);
            }
            assertTrue(PollWait.await(pollfd, p[0], SysPoll.POLLIN, PollWait.FOREVER, () -> false, false,
                    "receive", "test:pipe"));
        } finally {
            NativeMemory.free(pollfd);
            Fd.close(p[0]);
            Fd.close(p[1]);
        }
    }
}
