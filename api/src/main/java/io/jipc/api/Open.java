package io.jipc.api;

/**
 * How a handle reaches its object, as Boost.Interprocess's {@code create_only},
 * {@code open_only}, {@code open_or_create}. Spelled in URIs as {@code open=create},
 * {@code open=open}, {@code open=open-or-create} (the default).
 */
public enum Open {
    /** Create a new object; fail with {@link IpcAlreadyExists} if it exists. */
    CREATE("create"),
    /** Open an existing object; fail with {@link IpcNotFound} if it does not exist. */
    OPEN("open"),
    /** Open the object, creating it if it does not exist. */
    OPEN_OR_CREATE("open-or-create");

    private final String spelling;

    Open(String spelling) {
        this.spelling = spelling;
    }

    /** {@return the spelling used in URIs ({@code open=create})} */
    public String spelling() {
        return spelling;
    }

    /**
     * Parses a URI spelling.
     *
     * @param s the value of an {@code open=} option
     * @return the mode, or {@code null} if {@code s} is none of the three spellings
     */
    public static Open fromSpelling(String s) {
        for (Open o : values()) {
            if (o.spelling.equals(s)) {
                return o;
            }
        }
        return null;
    }

    /** {@return whether this mode may create the object} */
    public boolean mayCreate() {
        return this != OPEN;
    }

    /** {@return whether this mode may open an existing object} */
    public boolean mayOpenExisting() {
        return this != CREATE;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
