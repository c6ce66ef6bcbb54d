package io.jipc.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@link Spawner}: wait for it, kill it with {@code SIGKILL}, read what it
 * printed. {@link #close()} kills a child still running, reaps it and deletes its log, so a
 * try-with-resources block never leaves a process or a file behind.
 */
public final class ChildProcess implements AutoCloseable {
    /** {@code SIGKILL}. */
    public static final int SIGKILL = Signal.SIGKILL;

    private final int pid;
    private final Path log;
    private final String commandLine;
    private volatile boolean reaped;
    private volatile int status;

    ChildProcess(int pid, Path log, String commandLine) {
        this.pid = pid;
        this.log = log;
        this.commandLine = commandLine;
    }

    /** {@return the child's process id} */
    public int pid() {
        return pid;
    }

    /** {@return whether the child is still running (reaps it when it has exited)} */
    public synchronized boolean isAlive() {
        if (reaped) {
            return false;
        }
        long st = NativeMemory.allocate(4);
        try {
            int r = SysWait.LIB.waitpid(pid, st, SysWait.WNOHANG);
            if (r == pid) {
                reaped = true;
                status = NativeMemory.getInt(st);
                return false;
            }
            return r == 0;
        } finally {
            NativeMemory.free(st);
        }
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeout how long to wait at most
     * @return its exit code, or minus the signal number that killed it
     * @throws TimeoutException if it is still running after {@code timeout}
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public int waitFor(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 1;
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("child " + pid + " still running after " + timeout + ": " + commandLine
                        + "\n--- its output ---\n" + output());
            }
            Thread.sleep(sleep);
            sleep = Math.min(sleep * 2, 20);
        }
        return exitCode();
    }

    /** {@return the exit code of a child that has exited, or minus the signal that killed it} */
    public int exitCode() {
        if (isAlive()) {
            throw new IllegalStateException("child " + pid + " is still running");
        }
        int s = status;
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : -(s & 0x7f);
    }

    /** Sends {@code SIGKILL} (as {@code kill -9}); does not wait. */
    public void kill() {
        if (!reaped) {
            Proc.signal(pid, Signal.SIGKILL);
        }
    }

    /** Kills the child and waits until the kernel has reaped it (its kernel resources are released). */
    public void killAndWait() {
        kill();
        try {
            waitFor(Duration.ofSeconds(30));
        } catch (TimeoutException e) {
            throw new IllegalStateException("child " + pid + " survived SIGKILL for 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return everything the child wrote to its standard output and error so far} */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the child's output contains {@code marker}.
     *
     * @param marker the text to wait for, e.g. {@code "READY"}
     * @param timeout how long to wait at most
     * @throws TimeoutException if it does not within {@code timeout}, or if the child exits first
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public void awaitOutput(String marker, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 1;
        while (!output().contains(marker)) {
            if (!isAlive() && !output().contains(marker)) {
                throw new TimeoutException("child " + pid + " exited (" + exitCode() + ") before printing '" + marker
                        + "': " + commandLine + "\n--- its output ---\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("child " + pid + " did not print '" + marker + "' within " + timeout
                        + ": " + commandLine + "\n--- its output ---\n" + output());
            }
            Thread.sleep(sleep);
            sleep = Math.min(sleep * 2, 20);
        }
    }

    /** {@return the command line, for messages} */
    public String commandLine() {
        return commandLine;
    }

    /** Kills the child if still running, reaps it and deletes its log. */
    @Override
    public void close() {
        if (isAlive()) {
            killAndWait();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "child " + pid + " (" + commandLine + ")";
    }
}
