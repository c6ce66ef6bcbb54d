package io.jipc.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the library's {@code System.Logger} lines go (through java.util.logging, the JDK's default
 * backend): with {@code --verbose} the debug and info lines of the {@code io.jipc} loggers are
 * printed on standard error; without it only warnings and errors are.
 */
final class Logging {
    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final Logger JIPC = Logger.getLogger("io.jipc");
    private static Handler current;

    private Logging() {
    }

    /** Sends the {@code io.jipc} log lines at or above the level {@code verbose} selects to {@code err}. */
    static synchronized void setUp(boolean verbose, PrintWriter err) {
        if (current != null) {
            JIPC.removeHandler(current);
        }
        JIPC.setUseParentHandlers(false);
        JIPC.setLevel(verbose ? Level.FINEST : Level.WARNING);
        current = new LineHandler(err, verbose);
        JIPC.addHandler(current);
    }

    /** One line per record: {@code jipc: debug io.jipc.api.Ipc: message}. */
    private static final class LineHandler extends Handler {
        private final PrintWriter err;
        private final boolean verbose;
        private final SimpleFormatter text = new SimpleFormatter();

        LineHandler(PrintWriter err, boolean verbose) {
            this.err = err;
            this.verbose = verbose;
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            synchronized (err) {
                err.println("jipc: " + name(r.getLevel()) + " " + r.getLoggerName() + ": " + Main.oneLine(text.formatMessage(r)));
                if (verbose && r.getThrown() != null) {
                    r.getThrown().printStackTrace(err);
                }
                err.flush();
            }
        }

        private static String name(Level l) {
            if (l.intValue() >= Level.SEVERE.intValue()) {
                return "error";
            }
            if (l.intValue() >= Level.WARNING.intValue()) {
                return "warning";
            }
            return l.intValue() >= Level.INFO.intValue() ? "info" : "debug";
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
