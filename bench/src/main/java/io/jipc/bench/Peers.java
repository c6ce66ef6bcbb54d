package io.jipc.bench;

import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.time.Duration;

/**
 * Starts the peer JVMs of the benchmarks through {@link Spawner} and watches them: a peer that
 * dies during a trial makes the trial fail (its links are removed so that a blocked call ends)
 * instead of hanging the run.
 */
public final class Peers {
    private Peers() {
    }

    /** The argument {@link #startInheriting} replaces with the peer's link spec. */
    public static final String PEER_END = "@PEER_END@";

    /** Starts {@code main} with {@code args} and waits for it to print {@code READY}. */
    public static ChildProcess start(Class<?> main, String... args) throws Exception {
        return await(spawner(main, args).start());
    }

    private static Spawner spawner(Class<?> main, String... args) {
        Spawner s = Spawner.jvm(main, args).jvmOption("-Xmx96m");
        String out = System.getProperty("jipc.bench.out");
        if (out != null) {
            s.jvmOption("-Djipc.bench.out=" + out);
        }
        return s;
    }

    /**
     * Starts {@code main} handing it the peer ends of a channel that reaches only spawned children
     * ({@code pipe:}): the argument {@link #PEER_END} becomes {@code jipc|URI} of the child's end
     * (the channel's {@code peerUri(3, 4)}, {@code inheritPeerEnds(Spawner)} and
     * {@code closePeerEnds()}, called by name so that the suite builds without the backend).
     */
    public static ChildProcess startInheriting(Object channel, Class<?> main, String... args) throws Exception {
        Class<?> c = channel.getClass();
        java.lang.reflect.Method peerUri = c.getMethod("peerUri", int.class, int.class);
        java.lang.reflect.Method inherit = c.getMethod("inheritPeerEnds", Spawner.class);
        java.lang.reflect.Method closeEnds = c.getMethod("closePeerEnds");
        String uri = (String) peerUri.invoke(channel, 3, 4);
        String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(PEER_END)) {
                a[i] = "jipc|" + uri;
            }
        }
        Spawner s = spawner(main, a);
        inherit.invoke(channel, s);
        ChildProcess p;
        try {
            p = s.start();
        } finally {
            closeEnds.invoke(channel);
        }
        return await(p);
    }

    private static ChildProcess await(ChildProcess p) throws Exception {
        try {
            p.awaitOutput("READY", Duration.ofSeconds(60));
        } catch (Exception e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Stops {@code watchdog} and then {@code peer}, either of which may be null (a setup that failed early). */
    static void stop(Watchdog watchdog, ChildProcess peer) {
        if (watchdog != null) {
            watchdog.stop();
        }
        if (peer != null) {
            peer.close();
        }
    }

    /** A daemon thread that runs {@code onDeath} once if {@code peer} exits before {@link #stop()}. */
    public static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stopped;
        private volatile String death;

        /** Starts watching. */
        public Watchdog(ChildProcess peer, Runnable onDeath) {
            thread = new Thread(() -> {
                while (!stopped) {
                    if (!peer.isAlive()) {
                        if (!stopped) {
                            death = "peer exited (" + peer.exitCode() + "): " + peer.output().trim();
                            onDeath.run();
                        }
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "jipc-bench-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        /** Why the peer died, or {@code null}. */
        public String death() {
            return death;
        }

        /** Stops watching (before the peer is killed on purpose). */
        public void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
