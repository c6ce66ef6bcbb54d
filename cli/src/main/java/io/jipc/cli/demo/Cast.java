package io.jipc.cli.demo;

import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's participants as child JVMs, with their output relayed line by line to the user,
 * each line prefixed with who said it. Closing kills and reaps any that still run.
 */
final class Cast implements AutoCloseable {
    private static final class Member {
        final String name;
        final ChildProcess child;
        int printed;

        Member(String name, ChildProcess child) {
            this.name = name;
            this.child = child;
        }
    }

    private final PrintWriter out;
    private final List<Member> members = new ArrayList<>();

    Cast(PrintWriter out) {
        this.out = out;
    }

    /** Starts {@code main} in a new JVM. */
    ChildProcess start(String name, Class<?> main, String... args) {
        ChildProcess c = Spawner.jvm(main, args).jvmOption("-Xmx64m").jvmOption("-XX:TieredStopAtLevel=1").start();
        members.add(new Member(name, c));
        out.println("[demo] started " + name + " as a separate JVM, pid " + c.pid());
        out.flush();
        return c;
    }

    /** Prints the complete lines the participants wrote since last time. */
    void pump(boolean all) {
        for (Member m : members) {
            String s = m.child.output();
            int end = all ? s.length() : s.lastIndexOf('\n') + 1;
            if (end > m.printed) {
                for (String line : s.substring(m.printed, end).split("\n")) {
                    if (!line.isEmpty()) {
                        out.println("  [" + m.name + "] " + line);
                    }
                }
                m.printed = end;
            }
        }
        out.flush();
    }

    /** Has a participant already exited with a non-zero status? */
    boolean anyFailed() {
        for (Member m : members) {
            if (!m.child.isAlive() && m.child.exitCode() != 0) {
                return true;
            }
        }
        return false;
    }

    /** How many lines printed so far contain {@code text}. */
    int countLines(String text) {
        int n = 0;
        for (Member m : members) {
            for (String line : m.child.output().split("\n")) {
                if (line.contains(text)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Relays output until every participant started so far has exited.
     *
     * @return the participants that failed (non-zero exit or still running at the deadline), empty when all went well
     */
    List<String> awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long graceEnd = Long.MAX_VALUE;
        while (true) {
            pump(false);
            if (graceEnd == Long.MAX_VALUE && anyFailed()) {
                // one participant failed: the others would wait for it in vain; give them 2 s
                graceEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                deadline = Math.min(deadline, graceEnd);
            }
            boolean running = false;
            for (Member m : members) {
                running |= m.child.isAlive();
            }
            if (!running) {
                break;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        pump(true);
        List<String> failed = new ArrayList<>();
        for (Member m : members) {
            if (m.child.isAlive()) {
                m.child.killAndWait();
                failed.add(m.name + " (still running: killed)");
            } else if (m.child.exitCode() != 0) {
                failed.add(m.name + " (exit " + m.child.exitCode() + ")");
            }
        }
        members.forEach(m -> m.child.close());
        members.clear();
        return failed;
    }

    @Override
    public void close() {
        members.forEach(m -> m.child.close());
        members.clear();
    }
}
