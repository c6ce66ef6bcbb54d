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

    /** Starts {@code main} with {@code args} and waits for it to print {@code READY}. */
    public static ChildProcess start(Class<?> main, String... args) throws Exception {
        Spawner s = Spawner.jvm(main, args).jvmOption("-Xmx96m").jvmOption("-XX:TieredStopAtLevel=4");
        String out = System.getProperty("jipc.bench.out");
        if (out != null) {
            s.jvmOption("-Djipc.bench.out=" + out);
        }
        ChildProcess p = s.start();
        try {
            p.awaitOutput("READY", Duration.ofSeconds(60));
        } catch (Exception e) {
            p.close();
            throw e;
        }
        return p;
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
