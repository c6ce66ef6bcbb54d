package io.jipc.mmap.ring.internal;

import io.jipc.os.Errno;
import io.jipc.os.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Is a process alive? {@code kill(pid, 0)} first ({@code ESRCH}: gone; {@code EPERM}: alive, owned
 * by another user), then {@code /proc/<pid>/stat} to tell a zombie (killed but not yet reaped by
 * its parent: {@code kill} still succeeds) from a live process. Slow path only: called while a
 * side is about to sleep, at most once per wait slice.
 *
 * <p>A recycled pid looks alive; with pids counting up to {@code pid_max} before wrapping this is
 * rare, and the consequence is only that a dead claimant's role is not reclaimed.
 */
public final class Liveness {
    private Liveness() {
    }

    /** Is {@code pid} a running (non-zombie) process? */
    public static boolean alive(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        int r = Native.posix().kill((int) pid, 0);
        if (r != 0 && Native.posix().errno() == Errno.ESRCH) {
            return false;
        }
        try {
            byte[] stat = Files.readAllBytes(Path.of("/proc/" + pid + "/stat"));
            // "pid (comm) S ...": the state follows the last ')'.
            for (int i = stat.length - 1; i >= 0; i--) {
                if (stat[i] == ')') {
                    return i + 2 >= stat.length || (stat[i + 2] != 'Z' && stat[i + 2] != 'X');
                }
            }
            return true;
        } catch (IOException e) {
            return !Files.exists(Path.of("/proc/self"));
        }
    }
}
