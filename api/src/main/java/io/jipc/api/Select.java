package io.jipc.api;

/**
 * Which message a {@link MessageChannel#receive} takes. Immutable: build one once and reuse it on
 * the hot path ({@link #any()} is a constant).
 *
 * <table>
 *   <caption>Selections and their System V equivalents</caption>
 *   <tr><th>select</th><th>takes</th><th>SysV {@code msgrcv}</th></tr>
 *   <tr><td>{@link #any()}</td><td>the first message in the queue's order</td><td>{@code msgtyp = 0}</td></tr>
 *   <tr><td>{@link #tag(long) tag(t)}</td><td>the first message whose tag is {@code t}</td><td>{@code msgtyp = t}</td></tr>
 *   <tr><td>{@link #upTo(long) upTo(t)}</td><td>the first message with the lowest tag &le; {@code t}</td><td>{@code msgtyp = -t}</td></tr>
 *   <tr><td>{@link #not(long) not(t)}</td><td>the first message whose tag is not {@code t}</td><td>{@code msgtyp = t}, {@code MSG_EXCEPT}</td></tr>
 * </table>
 *
 * POSIX queues deliver the highest priority first and accept only {@link #any()}.
 */
public final class Select {
    /** The kind of selection. */
    public enum Kind {
        /** Any tag: the first message in the queue's order. */
        ANY,
        /** Exactly one tag. */
        TAG,
        /** The lowest tag not above a bound. */
        UP_TO,
        /** Any tag but one. */
        NOT
    }

    private static final Select ANY = new Select(Kind.ANY, 0);

    private final Kind kind;
    private final long tag;

    private Select(Kind kind, long tag) {
        this.kind = kind;
        this.tag = tag;
    }

    /** {@return the selection of the first message, whatever its tag (a shared constant)} */
    public static Select any() {
        return ANY;
    }

    /**
     * Selects the first message whose tag is exactly {@code t}.
     *
     * @param t the tag, {@code > 0}
     * @return the selection
     * @throws IllegalArgumentException when {@code t <= 0}
     */
    public static Select tag(long t) {
        return new Select(Kind.TAG, positive("tag", t));
    }

    /**
     * Selects the first message of the lowest tag not above {@code t}: a priority queue.
     *
     * @param t the highest tag taken, {@code > 0}
     * @return the selection
     * @throws IllegalArgumentException when {@code t <= 0}
     */
    public static Select upTo(long t) {
        return new Select(Kind.UP_TO, positive("upTo", t));
    }

    /**
     * Selects the first message whose tag is not {@code t}.
     *
     * @param t the tag to skip, {@code > 0}
     * @return the selection
     * @throws IllegalArgumentException when {@code t <= 0}
     */
    public static Select not(long t) {
        return new Select(Kind.NOT, positive("not", t));
    }

    /**
     * Parses {@code any}, {@code tag:T}, {@code upto:T} or {@code not:T} (the command line's
     * spelling).
     *
     * @param s the text, case-insensitive, surrounding blanks ignored
     * @return the selection it names
     * @throws IllegalArgumentException naming the bad part
     */
    public static Select parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("select: null");
        }
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("any")) {
            return ANY;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("select '" + s + "': expected any, tag:T, upto:T or not:T");
        }
        String head = t.substring(0, colon);
        long value;
        try {
            value = Long.parseLong(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("select '" + s + "': '" + t.substring(colon + 1) + "' is not a number");
        }
        switch (head) {
            case "tag": return tag(value);
            case "upto": return upTo(value);
            case "not": return not(value);
            default:
                throw new IllegalArgumentException("select '" + s + "': unknown kind '" + head
                        + "', expected any, tag:T, upto:T or not:T");
        }
    }

    private static long positive(String what, long t) {
        if (t <= 0) {
            throw new IllegalArgumentException("Select." + what + "(" + t + "): the tag must be > 0");
        }
        return t;
    }

    /** {@return the kind of this selection} */
    public Kind kind() {
        return kind;
    }

    /** {@return the tag argument ({@code 0} for {@link #any()})} */
    public long tag() {
        return tag;
    }

    /**
     * Tells whether a message's tag matches this selection, ignoring {@link Kind#UP_TO}'s "lowest".
     *
     * @param t the tag of a message
     * @return {@code true} if a receive with this selection may take that message
     */
    public boolean matches(long t) {
        switch (kind) {
            case ANY: return true;
            case TAG: return t == tag;
            case UP_TO: return t <= tag;
            case NOT: return t != tag;
            default: throw new AssertionError(kind);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Select && ((Select) o).kind == kind && ((Select) o).tag == tag;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(tag);
    }

    @Override
    public String toString() {
        return kind == Kind.ANY ? "any" : kind.name().toLowerCase(java.util.Locale.ROOT).replace("_", "") + ":" + tag;
    }
}
