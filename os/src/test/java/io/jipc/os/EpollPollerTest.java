package io.jipc.os;

import io.jipc.api.IpcInterrupted;
import io.jipc.api.Pollable;
import io.jipc.api.Poller;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The epoll poller on plain pipes (the backends' channels are tested in their modules). */
class EpollPollerTest {
    /** A pipe as a Pollable: read end and write end. */
    private static final class PipePair implements Pollable, AutoCloseable {
        final int r;
        final int w;

        PipePair() {
            int[] fds = new int[2];
            assertEquals(0, Native.posix().pipe(fds));
            r = fds[0];
            w = fds[1];
        }

        @Override
        public int receiveDescriptor() {
            return r;
        }

        @Override
        public int sendDescriptor() {
            return w;
        }

        void put() {
            assertEquals(1, Native.posix().write(w, new byte[]{1}, 1));
        }

        void take() {
            assertEquals(1, Native.posix().read(r, new byte[1], 1));
        }

        @Override
        public void close() {
            Native.posix().close(r);
            Native.posix().close(w);
        }
    }

    @Test
    void theServiceLoaderFindsTheEpollPoller() {
        try (Poller p = Poller.open()) {
            assertInstanceOf(EpollPoller.class, p);
        }
    }

    @Test
    void reportsOnlyTheReadyChannels() {
        try (Poller p = Poller.open(); PipePair a = new PipePair(); PipePair b = new PipePair(); PipePair c = new PipePair()) {
            p.register(a, Poller.RECEIVE);
            p.register(b, Poller.RECEIVE);
            p.register(c, Poller.RECEIVE);
            assertEquals(3, p.size());
            assertEquals(0, p.await(0, TimeUnit.MILLISECONDS), "nothing written yet");
            assertEquals(0, p.await(50, TimeUnit.MILLISECONDS), "timed out with nothing ready");
            b.put();
            assertEquals(1, p.await(30, TimeUnit.SECONDS));
            assertSame(b, p.ready(0));
            assertEquals(Poller.RECEIVE, p.readyOps(0));
            assertEquals(1, p.await(0, TimeUnit.SECONDS), "level-triggered: still ready");
            b.take();
            c.put();
            a.put();
            assertEquals(2, p.await(30, TimeUnit.SECONDS));
            assertTrue((p.ready(0) == a && p.ready(1) == c) || (p.ready(0) == c && p.ready(1) == a));
            p.unregister(a);
            assertEquals(1, p.await(30, TimeUnit.SECONDS));
            assertSame(c, p.ready(0));
            assertThrows(IndexOutOfBoundsException.class, () -> p.ready(1));
        }
    }

    @Test
    void sendAndReceiveOnSeparateDescriptorsAreMerged() {
        try (Poller p = Poller.open(); PipePair a = new PipePair()) {
            p.register(a, Poller.RECEIVE | Poller.SEND);
            assertEquals(1, p.await(30, TimeUnit.SECONDS));
            assertEquals(Poller.SEND, p.readyOps(0), "an empty pipe can be written, not read");
            a.put();
            assertEquals(1, p.await(30, TimeUnit.SECONDS));
            assertEquals(Poller.SEND | Poller.RECEIVE, p.readyOps(0));
        }
    }

    @Test
    void wakeupEndsAWaitWithZero() throws Exception {
        try (Poller p = Poller.open(); PipePair a = new PipePair()) {
            p.register(a, Poller.RECEIVE);
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    // fine
                }
                p.wakeup();
            });
            t.start();
            assertEquals(0, p.await());
            t.join();
        }
    }

    @Test
    void anInterruptEndsAWait() throws Exception {
        try (Poller p = Poller.open(); PipePair a = new PipePair()) {
            p.register(a, Poller.RECEIVE);
            Thread.currentThread().interrupt();
            assertThrows(IpcInterrupted.class, p::await);
            assertTrue(Thread.interrupted(), "interrupt status kept");
        }
    }

    @Test
    void badInterestIsRefused() {
        try (Poller p = Poller.open(); PipePair a = new PipePair()) {
            assertThrows(IllegalArgumentException.class, () -> p.register(a, 0));
            assertThrows(IllegalArgumentException.class, () -> p.register(a, 4));
        }
    }
}
