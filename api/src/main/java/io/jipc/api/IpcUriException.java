package io.jipc.api;

/**
 * A URI that cannot be used: malformed, an unknown or repeated option, a value out of range.
 * Raised before any system call; the message names the URI and the offending part.
 */
public class IpcUriException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The URI as given. */
    private final String uri;
    /** The part of the URI that is wrong. */
    private final String part;

    /**
     * A URI refused before any system call.
     *
     * @param uri the whole URI as given
     * @param part the offending part (an option name, the scheme, the path...)
     * @param problem what is wrong with it
     */
    public IpcUriException(String uri, String part, String problem) {
        super("bad IPC URI '" + uri + "': " + (part == null || part.isEmpty() ? "" : part + ": ") + problem);
        this.uri = uri;
        this.part = part;
    }

    /** {@return the URI as given} */
    public String uri() {
        return uri;
    }

    /** {@return the part of the URI that is wrong (an option name, the scheme, the path...)} */
    public String part() {
        return part;
    }
}
