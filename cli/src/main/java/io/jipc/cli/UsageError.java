package io.jipc.cli;

/**
 * A mistake on the command line found while running a command (a bad URI, an unknown scheme, a
 * selection the channel cannot honour): printed without a stack trace, exit code
 * {@link Main#EXIT_USAGE}.
 */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and, where possible, how to fix it */
    public UsageError(String message) {
        super(message);
    }
}
