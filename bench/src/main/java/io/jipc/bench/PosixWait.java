package io.jipc.bench;

import io.jipc.api.MessageChannel;
import io.jipc.api.Pollable;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How the C10 server waits on several POSIX queues: with {@code io.jipc.api.Poller} (epoll on the
 * queues' descriptors), looked up by name so the suite builds on a tree without it; without it the
 * POSIX rows of C10 are reported as skipped.
 */
final class PosixWait {
    private static final String POLLER = "io.jipc.api.Poller";

    private PosixWait() {
    }

    /** Why the POSIX server cannot run here, or {@code null}. */
    static String unavailable() {
        try {
            Class.forName(POLLER);
            return null;
        } catch (ClassNotFoundException e) {
            return "skipped: no " + POLLER + " in this build (poll/epoll over POSIX queue descriptors)";
        }
    }

    /** Serves requests from {@code in}, replying on {@code reply}: blocks in the poller, never spins. */
    static void serve(Link[] in, Link reply, ByteBuffer buf) throws Exception {
        Class<?> pc = Class.forName(POLLER);
        Object poller = pc.getMethod("open").invoke(null);
        Method register = pc.getMethod("register", Pollable.class, int.class);
        Method await = pc.getMethod("await");
        Method ready = pc.getMethod("ready", int.class);
        Map<Object, Link> byChannel = new IdentityHashMap<>();
        for (Link l : in) {
            MessageChannel ch = ((Link.JipcLink) l).ch;
            register.invoke(poller, ch, 1);
            byChannel.put(ch, l);
        }
        while (true) {
            int n = (Integer) await.invoke(poller);
            for (int i = 0; i < n; i++) {
                Link l = byChannel.get(ready.invoke(poller, i));
                if (l != null && l.tryReceive(buf) >= 0) {
                    buf.flip();
                    reply.send(buf);
                }
            }
        }
    }
}
