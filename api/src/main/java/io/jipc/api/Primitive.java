package io.jipc.api;

/** The three kinds of IPC object jipc offers. */
public enum Primitive {
    /** {@link MessageChannel}. */
    CHANNEL,
    /** {@link Mutex}. */
    MUTEX,
    /** {@link SharedRegion}. */
    REGION;

    /** {@return the lower-case name, as printed by the CLI} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
