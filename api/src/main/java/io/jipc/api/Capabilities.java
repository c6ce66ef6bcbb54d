package io.jipc.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend can do, and what it cannot: the facts a user needs to choose a mechanism.
 * A backend describes each primitive it offers statically
 * ({@link io.jipc.spi.Backend#capabilities(Primitive)}); an open handle returns the same facts
 * with the limits actually in force ({@code maxMessageSize}, {@code capacity}).
 *
 * <p>Immutable; build with {@link #builder(String, Primitive)}. Unknown numeric limits are
 * {@link #UNKNOWN}.
 */
public final class Capabilities {
    /** Value of a numeric limit that does not apply or is not known. */
    public static final long UNKNOWN = -1;

    /** How a channel tags messages. */
    public enum Tagging {
        /** No tags: only the default tag is accepted. */
        NONE,
        /** The SysV message type: a tag &gt; 0, selectable by {@link Select}. */
        SYSV_TYPE,
        /** The POSIX priority: 0 &le; tag &lt; {@code MQ_PRIO_MAX}, highest delivered first, no selection. */
        PRIORITY,
        /** A tag carried in the frame, delivered in order, not selectable. */
        CARRIED
    }

    /** How timed operations are implemented. */
    public enum Timed {
        /** The kernel has a timed call ({@code mq_timedreceive}, {@code semtimedop}, {@code futex}). */
        NATIVE,
        /** jipc emulates the timeout (bounded sleeps between non-blocking attempts). */
        EMULATED,
        /** No timed operations. */
        NONE
    }

    /** How long an object lives. */
    public enum Persistence {
        /** Gone when the last process holding it closes it. */
        PROCESS,
        /** Lives in the kernel until removed or reboot, with no reference count. */
        KERNEL,
        /** Lives in a file system until unlinked. */
        FILE_SYSTEM
    }

    /** Who owns a mutex once locked. */
    public enum LockOwner {
        /** The process (fcntl record locks: all threads share it, jipc adds a JVM-local lock). */
        PROCESS,
        /** The open file description (OFD locks, flock). */
        OPEN_FILE_DESCRIPTION,
        /** A thread (pthread mutex). */
        THREAD,
        /** A file whose existence is the lock (lock files). */
        FILE,
        /** A kernel counter, owned by nobody (semaphores). */
        COUNTER
    }

    private final String scheme;
    private final Primitive primitive;
    private final long maxMessageSize;
    private final long capacityMessages;
    private final long capacityBytes;
    private final Tagging tagging;
    private final long defaultTag;
    private final long maxTag;
    private final Timed timed;
    private final boolean pollable;
    private final Persistence persistence;
    private final boolean needsRelatedProcesses;
    private final boolean senderIdentity;
    private final LockOwner lockOwner;
    private final boolean waitersSleep;
    private final boolean ownerDeathDetected;
    private final boolean crashReleases;
    private final String crashLeaves;
    private final String notes;

    private Capabilities(Builder b) {
        this.scheme = b.scheme;
        this.primitive = b.primitive;
        this.maxMessageSize = b.maxMessageSize;
        this.capacityMessages = b.capacityMessages;
        this.capacityBytes = b.capacityBytes;
        this.tagging = b.tagging;
        this.defaultTag = b.defaultTag;
        this.maxTag = b.maxTag;
        this.timed = b.timed;
        this.pollable = b.pollable;
        this.persistence = b.persistence;
        this.needsRelatedProcesses = b.needsRelatedProcesses;
        this.senderIdentity = b.senderIdentity;
        this.lockOwner = b.lockOwner;
        this.waitersSleep = b.waitersSleep;
        this.ownerDeathDetected = b.ownerDeathDetected;
        this.crashReleases = b.crashReleases;
        this.crashLeaves = b.crashLeaves;
        this.notes = b.notes;
    }

    /**
     * Starts the description of one primitive of one backend.
     *
     * @param scheme the URI scheme of the backend described, e.g. {@code "sysv"}
     * @param primitive the kind of object described (channel, mutex or region)
     * @return a builder whose fields hold the conservative defaults until set
     */
    public static Builder builder(String scheme, Primitive primitive) {
        return new Builder(scheme, primitive);
    }

    /** {@return a builder holding these values, to change a few (e.g. fill in the limits in force)} */
    public Builder toBuilder() {
        Builder b = new Builder(scheme, primitive);
        b.maxMessageSize = maxMessageSize;
        b.capacityMessages = capacityMessages;
        b.capacityBytes = capacityBytes;
        b.tagging = tagging;
        b.defaultTag = defaultTag;
        b.maxTag = maxTag;
        b.timed = timed;
        b.pollable = pollable;
        b.persistence = persistence;
        b.needsRelatedProcesses = needsRelatedProcesses;
        b.senderIdentity = senderIdentity;
        b.lockOwner = lockOwner;
        b.waitersSleep = waitersSleep;
        b.ownerDeathDetected = ownerDeathDetected;
        b.crashReleases = crashReleases;
        b.crashLeaves = crashLeaves;
        b.notes = notes;
        return b;
    }

    /** {@return the URI scheme of the backend described} */
    public String scheme() { return scheme; }
    /** {@return the kind of object described} */
    public Primitive primitive() { return primitive; }
    /** {@return the largest message in bytes ({@link #UNKNOWN} when not a channel or not known)} */
    public long maxMessageSize() { return maxMessageSize; }
    /** {@return how many messages fit before a sender blocks ({@link #UNKNOWN} if bounded by bytes only)} */
    public long capacityMessages() { return capacityMessages; }
    /** {@return how many bytes fit before a sender blocks ({@link #UNKNOWN} if not known)} */
    public long capacityBytes() { return capacityBytes; }
    /** {@return how messages are tagged} */
    public Tagging tagging() { return tagging; }
    /** {@return the tag that {@link MessageChannel#send(java.nio.ByteBuffer)} gives a message} */
    public long defaultTag() { return defaultTag; }
    /** {@return the largest tag accepted ({@link #UNKNOWN} when only the default is)} */
    public long maxTag() { return maxTag; }
    /** {@return whether timed operations are native, emulated or missing} */
    public Timed timed() { return timed; }
    /** {@return whether there is a file descriptor that {@code poll}/{@code epoll} can wait on} */
    public boolean pollable() { return pollable; }
    /** {@return how long the object lives} */
    public Persistence persistence() { return persistence; }
    /** {@return whether the peers must be related (a parent and the children it spawns)} */
    public boolean needsRelatedProcesses() { return needsRelatedProcesses; }
    /** {@return whether the receiver can learn the sender's pid/uid} */
    public boolean senderIdentity() { return senderIdentity; }
    /** {@return who owns a mutex once locked ({@code null} for other primitives)} */
    public LockOwner lockOwner() { return lockOwner; }
    /** {@return {@code true} if waiters sleep in the kernel, {@code false} if they poll} */
    public boolean waitersSleep() { return waitersSleep; }
    /** {@return whether the next holder learns that the previous one died holding the mutex} */
    public boolean ownerDeathDetected() { return ownerDeathDetected; }
    /**
     * Is a mutex whose holder is killed ({@code kill -9}) free again for the next locker (released
     * by the kernel, by {@code SEM_UNDO}, by stale-lock recovery or by {@code EOWNERDEAD})?
     * {@code false} means it stays locked until someone intervenes ({@link #crashLeaves()} says how).
     *
     * @return whether the kernel or jipc frees a mutex whose holder was killed
     */
    public boolean crashReleases() { return crashReleases; }
    /** {@return what a holder or user killed with SIGKILL leaves behind, in words} */
    public String crashLeaves() { return crashLeaves; }
    /** {@return anything else worth knowing, in words (empty if nothing)} */
    public String notes() { return notes; }

    /**
     * Tells whether a channel with these capabilities can honour a selection.
     *
     * @param sel the selection a receiver wants to use
     * @return {@code true} for {@link Select#any()} on every channel, and for every selection
     *         on a channel with SysV message types
     */
    public boolean supports(Select sel) {
        return sel.kind() == Select.Kind.ANY || tagging == Tagging.SYSV_TYPE;
    }

    /** {@return the facts as ordered name/value pairs, for tables (the CLI's {@code backends}, the report)} */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scheme", scheme);
        m.put("primitive", primitive.label());
        if (primitive == Primitive.CHANNEL) {
            m.put("max message", limit(maxMessageSize));
            m.put("capacity (messages)", limit(capacityMessages));
            m.put("capacity (bytes)", limit(capacityBytes));
            m.put("tagging", tagging.name().toLowerCase(java.util.Locale.ROOT));
            m.put("sender identity", yesNo(senderIdentity));
        }
        if (primitive == Primitive.MUTEX) {
            m.put("owner", lockOwner == null ? "-" : lockOwner.name().toLowerCase(java.util.Locale.ROOT));
            m.put("waiters", waitersSleep ? "sleep" : "poll");
            m.put("owner death reported", yesNo(ownerDeathDetected));
            m.put("released when holder crashes", yesNo(crashReleases));
        }
        m.put("timed", timed.name().toLowerCase(java.util.Locale.ROOT));
        m.put("pollable", yesNo(pollable));
        m.put("persistence", persistence.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        m.put("related processes only", yesNo(needsRelatedProcesses));
        m.put("crash leaves", crashLeaves);
        if (notes != null && !notes.isEmpty()) {
            m.put("notes", notes);
        }
        return m;
    }

    private static String limit(long v) {
        return v == UNKNOWN ? "-" : Long.toString(v);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capabilities && ((Capabilities) o).asMap().equals(asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    /** Builds {@link Capabilities}; every field has a conservative default. */
    public static final class Builder {
        private final String scheme;
        private final Primitive primitive;
        private long maxMessageSize = UNKNOWN;
        private long capacityMessages = UNKNOWN;
        private long capacityBytes = UNKNOWN;
        private Tagging tagging = Tagging.NONE;
        private long defaultTag = 0;
        private long maxTag = UNKNOWN;
        private Timed timed = Timed.NONE;
        private boolean pollable;
        private Persistence persistence = Persistence.PROCESS;
        private boolean needsRelatedProcesses;
        private boolean senderIdentity;
        private LockOwner lockOwner;
        private boolean waitersSleep = true;
        private boolean ownerDeathDetected;
        private boolean crashReleases;
        private String crashLeaves = "nothing";
        private String notes = "";

        private Builder(String scheme, Primitive primitive) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            this.primitive = Objects.requireNonNull(primitive, "primitive");
        }

        /**
         * Sets the largest message a channel accepts.
         *
         * @param v the size in bytes, or {@link #UNKNOWN}
         * @return this builder
         */
        public Builder maxMessageSize(long v) { this.maxMessageSize = v; return this; }
        /**
         * Sets how many messages fit before a sender blocks.
         *
         * @param v the number of messages, or {@link #UNKNOWN} if only bytes bound the queue
         * @return this builder
         */
        public Builder capacityMessages(long v) { this.capacityMessages = v; return this; }
        /**
         * Sets how many bytes fit before a sender blocks.
         *
         * @param v the number of bytes, or {@link #UNKNOWN}
         * @return this builder
         */
        public Builder capacityBytes(long v) { this.capacityBytes = v; return this; }
        /**
         * Sets how messages are tagged.
         *
         * @param v the tagging scheme
         * @param defaultTag the tag a message sent without one gets
         * @param maxTag the largest tag accepted, or {@link #UNKNOWN} when only the default is
         * @return this builder
         */
        public Builder tagging(Tagging v, long defaultTag, long maxTag) {
            this.tagging = Objects.requireNonNull(v);
            this.defaultTag = defaultTag;
            this.maxTag = maxTag;
            return this;
        }
        /**
         * Sets how timed operations are implemented.
         *
         * @param v native, emulated or none
         * @return this builder
         */
        public Builder timed(Timed v) { this.timed = Objects.requireNonNull(v); return this; }
        /**
         * Sets whether a handle has a file descriptor that {@code poll}/{@code epoll} can wait on.
         *
         * @param v {@code true} if it has one
         * @return this builder
         */
        public Builder pollable(boolean v) { this.pollable = v; return this; }
        /**
         * Sets how long the object lives.
         *
         * @param v until the last close, until removed from the kernel, or until unlinked
         * @return this builder
         */
        public Builder persistence(Persistence v) { this.persistence = Objects.requireNonNull(v); return this; }
        /**
         * Sets whether only related processes (a parent and its children) can share the object.
         *
         * @param v {@code true} if the peers must be related
         * @return this builder
         */
        public Builder needsRelatedProcesses(boolean v) { this.needsRelatedProcesses = v; return this; }
        /**
         * Sets whether the receiver can learn the sender's pid/uid.
         *
         * @param v {@code true} if the mechanism reports the sender
         * @return this builder
         */
        public Builder senderIdentity(boolean v) { this.senderIdentity = v; return this; }
        /**
         * Sets who owns a mutex once locked.
         *
         * @param v the owner, or {@code null} for primitives other than a mutex
         * @return this builder
         */
        public Builder lockOwner(LockOwner v) { this.lockOwner = v; return this; }
        /**
         * Sets whether waiters sleep in the kernel or poll.
         *
         * @param v {@code true} if they sleep, {@code false} if they poll
         * @return this builder
         */
        public Builder waitersSleep(boolean v) { this.waitersSleep = v; return this; }
        /**
         * Sets whether the next holder learns that the previous one died holding the mutex.
         *
         * @param v {@code true} if owner death is reported
         * @return this builder
         */
        public Builder ownerDeathDetected(boolean v) { this.ownerDeathDetected = v; return this; }
        /**
         * Sets whether a mutex whose holder is killed is free again for the next locker.
         *
         * @param v {@code true} if the kernel or jipc frees it
         * @return this builder
         */
        public Builder crashReleases(boolean v) { this.crashReleases = v; return this; }
        /**
         * Sets what a holder or user killed with SIGKILL leaves behind.
         *
         * @param v a short description in words, not null
         * @return this builder
         */
        public Builder crashLeaves(String v) { this.crashLeaves = Objects.requireNonNull(v); return this; }
        /**
         * Sets anything else worth knowing.
         *
         * @param v a short text in words, empty for none, not null
         * @return this builder
         */
        public Builder notes(String v) { this.notes = Objects.requireNonNull(v); return this; }

        /** {@return the immutable description holding the values set so far} */
        public Capabilities build() {
            return new Capabilities(this);
        }
    }
}
