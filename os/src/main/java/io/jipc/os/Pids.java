package io.jipc.os;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process runs, from {@code /proc/<pid>/stat} (a zombie counts as dead). */
public final class Pids {
    private Pids() {
    }

    /**
     * {@return whether {@code pid} is a live process (not a zombie); {@code pid <= 0} means none: false}
     *
     * @param pid a process id
     */
    public static boolean alive(long pid) {
        if (pid <= 0) {
            return false;
        }
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "stat"))) {
            String s = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            int close = s.lastIndexOf(')');
            char state = close > 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
