package io.jipc.cli.demo;

import io.jipc.cli.Teardown;

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
        Teardown.checkNotStopping(); // interrupted: start nobody more
        ChildProcess c = Spawner.jvm(main, args).jvmOption("-Xmx64m").jvmOption("-XX:TieredStopAtLevel=1").start();
        members.add(new Member(name, c));
        out.println("[demo] started " + name + " as a separate JVM, pid " + c.pid());
        out.flush();
        return c;
    }

    /**
     * Prints the participants' new complete lines, merged in the order they were written (each
     * line starts with its writer's clock in milliseconds). Lines younger than 150 ms wait for the
     * next call, so that a slower log does not print out of order; {@code all} flushes everything.
     */
    void pump(boolean all) {
        long now = System.currentTimeMillis();
        java.util.List<Object[]> lines = new ArrayList<>();
        for (Member m : members) {
            String s = m.child.output();
            int end = all ? s.length() : s.lastIndexOf('\n') + 1;
            int pos = m.printed;
            while (pos < end) {
                int nl = s.indexOf('\n', pos);
                int stop = nl < 0 || nl >= end ? end : nl;
                String line = s.substring(pos, stop);
                long t = now;
                String text = line;
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    try {
                        t = Long.parseLong(line.substring(0, sp));
                        text = line.substring(sp + 1);
                    } catch (NumberFormatException e) {
                        // not a stamped step (e.g. a JVM message): print as is
                    }
                }
                if (!all && now - t < 150) {
                    break;
                }
                if (!text.isEmpty()) {
                    lines.add(new Object[] {t, m.name, text});
                }
                pos = stop + 1;
            }
            m.printed = Math.min(pos, s.length());
        }
        lines.sort(java.util.Comparator.comparingLong(o -> (Long) o[0]));
        for (Object[] l : lines) {
            out.println("  [" + l[1] + "] " + l[2]);
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
