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
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way (not a directory)";
        }
        if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null) {
            return ((java.nio.file.FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
