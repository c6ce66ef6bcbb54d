package io.jipc.cli;

/**
 * An operation that could not be done (object not found, permission refused, nothing received
 * in time): printed without a stack trace, exit code {@link Main#EXIT_FAILURE}.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and why */
    public Failure(String message) {
        super(message);
    }

    /** @param message what failed and why; {@code cause} is shown with {@code --verbose} */
    public Failure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short reason for an I/O error: "permission denied", "no such file or directory", the file system's own words. */
    static String why(java.io.IOException e) {
        return io.jipc.bench.report.ReportException.why(e);
    }
}
