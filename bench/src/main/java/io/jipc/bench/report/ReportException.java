package io.jipc.bench.report;

/**
 * A report that cannot be made: the results file is missing, unreadable or not a JMH JSON of the
 * suite, or the output directory cannot be written. The message is one line naming the file or
 * directory and what is wrong with it.
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or directory */
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short reason for an I/O error: "permission denied", "not a directory", the file system's own words. */
    public static String why(java.io.IOException e) {
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
