package io.jipc.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The width tables and help are laid out for: {@code COLUMNS}, else the terminal's, else 80. */
final class Terminal {
    /** The width when nothing says otherwise (output to a pipe or a file). */
    static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    /**
     * The columns to lay out for: a positive {@code COLUMNS} from the environment, else what
     * {@code stty size} says about the controlling terminal when {@code terminal}, else
     * {@value #DEFAULT_COLUMNS}.
     */
    static int columns(boolean terminal) {
        int env = parse(System.getenv("COLUMNS"));
        if (env > 0) {
            return env;
        }
        if (terminal) {
            int tty = stty();
            if (tty > 0) {
                return tty;
            }
        }
        return DEFAULT_COLUMNS;
    }

    /** A positive number of columns from {@code s}, or 0. */
    static int parse(String s) {
        if (s == null) {
            return 0;
        }
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The terminal's columns from {@code stty size < /dev/tty} ("rows cols"), or 0. */
    private static int stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return 0;
            }
            String[] f = out.split("\\s+");
            return f.length == 2 ? parse(f[1]) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
