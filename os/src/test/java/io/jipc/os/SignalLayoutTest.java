package io.jipc.os;

import io.jipc.os.layout.SigactionLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalLayoutTest {
    @Test
    void sigactionMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("signal.h"), "struct sigaction",
                List.of("sa_handler", "sa_flags"));
        assertEquals(SigactionLayout.SIZE, c.get("sizeof"));
        assertEquals(SigactionLayout.SA_HANDLER, c.get("sa_handler"));
        assertEquals(SigactionLayout.SA_FLAGS, c.get("sa_flags"));
    }

    @Test
    void theJdkInterruptSignalIsRtmaxMinusTwoAndHasAHandler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("signal.h"), "struct { char x[__SIGRTMAX - 2]; }", List.of());
        assertEquals(BlockedThreads.SIGNAL, c.get("sizeof"), "__SIGRTMAX - 2");
        assertNull(BlockedThreads.unavailableReason());
        assertTrue(BlockedThreads.available());
    }

    @Test
    void registrationTakesSlotsAndGivesThemBack() {
        BlockedThreads w = new BlockedThreads(2);
        int a = w.register();
        int b = w.register();
        assertTrue(a >= 0 && b >= 0);
        assertNotEquals(a, b);
        assertEquals(-1, w.register(), "every slot taken");
        assertEquals(2, w.registered());
        w.deregister(a);
        w.deregister(b);
        assertEquals(0, w.registered());
        w.wakeAll(); // nobody registered: returns at once
    }

    @Test
    void pthreadSelfIsStablePerThreadAndDiffersBetweenThreads() throws Exception {
        long me = Pthread.LIB.pthread_self();
        assertEquals(me, Pthread.LIB.pthread_self());
        long[] other = new long[1];
        Thread t = new Thread(() -> other[0] = Pthread.LIB.pthread_self());
        t.start();
        t.join();
        assertNotEquals(me, other[0]);
        assertEquals(0, Signal.LIB.pthread_kill(me, BlockedThreads.SIGNAL), "the handler does nothing");
    }
}
