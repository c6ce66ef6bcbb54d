package io.jipc.os;

import jnr.constants.platform.Errno;
import jnr.posix.POSIXHandler;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * A JNR-POSIX handler that never throws for a failing call (jipc checks return values and errno
 * itself) and never prints.
 */
final class QuietPosixHandler implements POSIXHandler {
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
        return System.out;
    }

    @Override
    public int getPID() {
        return (int) ProcessHandle.current().pid();
    }

    @Override
    public PrintStream getErrorStream() {
        return System.err;
    }
}
