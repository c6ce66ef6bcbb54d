package io.jipc.filelock.internal;

import io.jipc.os.Errno;
import io.jipc.os.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code /proc/<pid>/stat}: the state (field 3) and the start time (field 22, clock ticks after
 * boot) of a process, and whether a recorded lock holder is dead.
 */
public final class ProcStat {
    /** The fields read. */
    public record Info(char state, long startTime) {
    }

    private ProcStat() {
    }

    /** The process's state and start time; {@code null} when there is no such process. */
    public static Info read(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return new Info('?', -1);
        }
        return parse(text);
    }

    /**
     * Parses a {@code stat} line. The command name (field 2) is in parentheses and may itself
     * contain spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    public static Info parse(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return new Info('?', -1);
        }
        String[] f = text.substring(close + 1).trim().split(" +");
        // f[0] is field 3 (state); field 22 (starttime) is f[19]
        if (f.length < 20 || f[0].isEmpty()) {
            return new Info('?', -1);
        }
        try {
            return new Info(f[0].charAt(0), Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return new Info(f[0].charAt(0), -1);
        }
    }

    /**
     * Is the holder described by {@code id} certainly dead? Only holders of this host and pid
     * namespace are judged (another host's or container's holder is never declared dead). Dead means: the host rebooted since (boot id
     * differs), or no process has the pid, or that process is a zombie, or it started at another
     * time (the pid was reused). When in doubt (e.g. {@code /proc} hides other users' processes)
     * the holder counts as alive.
     */
    public static boolean holderIsDead(LockIdentity id, LockIdentity self) {
        if (!id.host().equals(self.host())) {
            return false;
        }
        if (!id.boot().equals(self.boot()) && !"unknown".equals(id.boot()) && !"unknown".equals(self.boot())) {
            return true; // the host rebooted since: every process of that boot is gone
        }
        if (!id.pidns().equals(self.pidns()) || "unknown".equals(id.pidns())) {
            return false; // another pid namespace (a container): its pids mean nothing here
        }
        if (id.pid() <= 0 || id.pid() > Integer.MAX_VALUE) {
            return false;
        }
        if (io.jipc.os.Signal.LIB.kill((int) id.pid(), 0) != 0 && Native.errno() == Errno.ESRCH) {
            return true;
        }
        Info info = read(id.pid());
        if (info == null) {
            return true;
        }
        if (info.state() == 'Z' || info.state() == 'X') {
            return true;
        }
        return info.startTime() >= 0 && id.start() >= 0 && info.startTime() != id.start();
    }
}
