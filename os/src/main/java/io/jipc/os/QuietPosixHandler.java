package io.jipc.os;

import jnr.constants.platform.Errno;
import jnr.posix.POSIXHandler;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * A JNR-POSIX handler that never throws for a failing call (jipc checks return values and errno
 * itself) and never prints: its warnings, and anything JNR-POSIX would write to standard output or
 * error, become debug lines of the {@code System.Logger} {@code io.jipc.os.jnr-posix}.
 */
final class QuietPosixHandler implements POSIXHandler {
    private static final System.Logger LOG = System.getLogger("io.jipc.os.jnr-posix");
    private static final PrintStream LOGGED = new PrintStream(new LogLines(LOG), true, java.nio.charset.StandardCharsets.UTF_8);

    @Override
    public void error(Errno error, String extraData) {
        throw new IllegalStateException("jnr-posix: " + error + " " + extraData);
    }

    @Override
    public void error(Errno error, String methodName, String extraData) {
        throw new IllegalStateException("jnr-posix " + methodName + ": " + error + " " + extraData);
    }

    @Override
    public void unimplementedError(String methodName) {
        throw new UnsupportedOperationException("jnr-posix: " + methodName + " is not implemented here");
    }

    @Override
    public void warn(WARNING_ID id, String message, Object... data) {
        LOG.log(System.Logger.Level.DEBUG, () -> "jnr-posix warning " + id + ": " + message
                + (data == null || data.length == 0 ? "" : " " + java.util.Arrays.toString(data)));
    }

    @Override
    public boolean isVerbose() {
        return false;
    }

    @Override
    public File getCurrentWorkingDirectory() {
        return new File(System.getProperty("user.dir"));
    }

    @Override
    public String[] getEnv() {
        return System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @Override
    public InputStream getInputStream() {
        return System.in;
    }

    @Override
    public PrintStream getOutputStream() {
        return LOGGED;
    }

    @Override
    public int getPID() {
        return (int) ProcessHandle.current().pid();
    }

    @Override
    public PrintStream getErrorStream() {
        return LOGGED;
    }

    /** Bytes written line by line to a logger at DEBUG. */
    private static final class LogLines extends java.io.OutputStream {
        private final System.Logger log;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogLines(System.Logger log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flush();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                String s = line.toString(java.nio.charset.StandardCharsets.UTF_8);
                line.reset();
                log.log(System.Logger.Level.DEBUG, s);
            }
        }
    }
}
