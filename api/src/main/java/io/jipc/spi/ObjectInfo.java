package io.jipc.spi;

import io.jipc.api.Primitive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object of a backend's scheme that exists on this machine, as its backend describes it:
 * what {@link Backend#objects()} lists and {@link Backend#locate(io.jipc.api.IpcUri)} finds, and
 * what {@link Backend#remove(ObjectInfo)} takes back. {@code jipc ls}, {@code stat}, {@code rm}
 * and the test suite's leak guard know objects only through this description: the backend alone
 * knows how its objects are named, where they live and which of them jipc created.
 *
 * <p>Building one never creates, opens for writing or records anything. Unknown numbers are
 * {@code -1} ({@code ownerUid}, {@code mode}, {@code size}) or {@code 0} ({@code creatorPid}).
 *
 * @param scheme the scheme of the backend that describes it ({@code "sysv"})
 * @param uri a URI naming it that the user can pass back to jipc ({@code sysv:?id=32768},
 *            {@code posix:/orders}, {@code fifo:/run/app.fifo})
 * @param primitive what the object is for jipc: a channel, a mutex or a region
 * @param kind a short stable name of the object's kind ({@code "sysv-queue"}, {@code "posix-mq"},
 *             {@code "shm-file"}, {@code "file"}, {@code "aeron-dir"}); objects of one kind share
 *             the same {@link #details()} keys
 * @param label the kind in words ({@code "System V message queue"})
 * @param name the object's name as the system shows it: its path, or a SysV key in hex
 * @param path its file-system path, or {@code null} when it has none (SysV objects)
 * @param ownerUid the owner's user id, or -1
 * @param mode the permission bits, or -1
 * @param size its size in bytes (a file's or a segment's), or -1
 * @param creatorPid the process that created it, or 0 when nobody recorded it
 * @param creatorAlive whether that process still runs (false when {@code creatorPid} is 0)
 * @param createdByJipc whether the backend knows that jipc created it (its own record or
 *                      naming), as opposed to an object that only lives where its objects live
 *                      (any file of {@code /dev/shm}); where two backends describe one path, the
 *                      description with {@code createdByJipc} wins
 * @param lastPids the last processes that used it, as the kernel records them (SysV: last
 *                 sender and receiver, last {@code semop} per semaphore, last attach), possibly empty
 * @param usage whether the backend can tell that it is in use; see {@link Usage}
 * @param why the reason for {@code usage}, in words ("3 attached", "creator alive")
 * @param details further facts in display order (such as {@code messages}, {@code bytes},
 *                {@code semaphores}, {@code waiters}, {@code attached}, {@code id}, {@code key},
 *                {@code type}), unmodifiable
 */
public record ObjectInfo(String scheme, String uri, Primitive primitive, String kind, String label, String name,
                         String path, long ownerUid, int mode, long size, long creatorPid, boolean creatorAlive,
                         boolean createdByJipc, List<Long> lastPids, Usage usage, String why,
                         Map<String, Object> details) {

    /** What the backend can tell about whether anybody uses the object. */
    public enum Usage {
        /** In use: a live creator or last user, attachments, waiters, a bound socket; never an orphan. */
        IN_USE,
        /** Unused by the backend's own record (SysV: no live last user, nothing attached). */
        UNUSED,
        /**
         * The backend cannot tell (a {@code /dev/shm} file or POSIX queue records no pid, or its
         * creator is dead): unused exactly when no process has it open or mapped, which only a
         * scan of every process's descriptors and mappings shows.
         */
        UNUSED_UNLESS_OPEN
    }

    /**
     * Checks the required parts and freezes the collections.
     *
     * @param scheme see {@link #scheme()}
     * @param uri see {@link #uri()}
     * @param primitive see {@link #primitive()}
     * @param kind see {@link #kind()}
     * @param label see {@link #label()}
     * @param name see {@link #name()}
     * @param path see {@link #path()}
     * @param ownerUid see {@link #ownerUid()}
     * @param mode see {@link #mode()}
     * @param size see {@link #size()}
     * @param creatorPid see {@link #creatorPid()}
     * @param creatorAlive see {@link #creatorAlive()}
     * @param createdByJipc see {@link #createdByJipc()}
     * @param lastPids see {@link #lastPids()}
     * @param usage see {@link #usage()}
     * @param why see {@link #why()}
     * @param details see {@link #details()}
     */
    public ObjectInfo {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(primitive, "primitive");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        lastPids = List.copyOf(lastPids);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Starts the description of one object.
     *
     * @param scheme the describing backend's scheme
     * @param uri the URI that names it
     * @param primitive channel, mutex or region
     * @param kind the short kind name
     * @param label the kind in words
     * @param name its name as the system shows it
     * @return a builder with every optional part unknown
     */
    public static Builder builder(String scheme, String uri, Primitive primitive, String kind, String label, String name) {
        return new Builder(scheme, uri, primitive, kind, label, name);
    }

    /**
     * {@return this description with another verdict on its use}
     *
     * @param value the verdict
     * @param reason why, in words
     */
    public ObjectInfo withUsage(Usage value, String reason) {
        return new ObjectInfo(scheme, uri, primitive, kind, label, name, path, ownerUid, mode, size, creatorPid,
                creatorAlive, createdByJipc, lastPids, value, reason, details);
    }

    /**
     * {@return whether {@code pid} created or last used it}
     *
     * @param pid a process id
     */
    public boolean involves(long pid) {
        return pid > 0 && (creatorPid == pid || lastPids.contains(pid));
    }

    /** Collects the optional parts of an {@link ObjectInfo}. */
    public static final class Builder {
        private final String scheme;
        private final String uri;
        private final Primitive primitive;
        private final String kind;
        private final String label;
        private final String name;
        private String path;
        private long ownerUid = -1;
        private int mode = -1;
        private long size = -1;
        private long creatorPid;
        private boolean creatorAlive;
        private boolean createdByJipc;
        private List<Long> lastPids = List.of();
        private Usage usage = Usage.UNUSED_UNLESS_OPEN;
        private String why = "";
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(String scheme, String uri, Primitive primitive, String kind, String label, String name) {
            this.scheme = scheme;
            this.uri = uri;
            this.primitive = primitive;
            this.kind = kind;
            this.label = label;
            this.name = name;
        }

        /**
         * Sets the path.
         *
         * @param value the file-system path
         * @return this builder
         */
        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /**
         * Sets the path and what the file system says of it, without following a symbolic link:
         * owner, permission bits, size (regular files only) and the detail {@code type}
         * ({@code file}, {@code directory}, {@code fifo}, {@code socket} or {@code other}).
         * Leaves them unknown when the file vanished meanwhile.
         *
         * @param file the object's file
         * @return this builder
         */
        public Builder file(java.nio.file.Path file) {
            this.path = file.toString();
            try {
                Map<String, Object> a = java.nio.file.Files.readAttributes(file, "unix:uid,mode,size",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                int m = ((Number) a.get("mode")).intValue();
                this.ownerUid = ((Number) a.get("uid")).longValue();
                this.mode = m & 07777;
                String type = fileType(m);
                this.size = type.equals("file") ? ((Number) a.get("size")).longValue() : -1;
                details.put("type", type);
            } catch (java.io.IOException | RuntimeException e) {
                // vanished meanwhile: leave it unknown
            }
            return this;
        }

        private static String fileType(int mode) {
            switch (mode & 0170000) {
                case 0100000: return "file";
                case 0040000: return "directory";
                case 0010000: return "fifo";
                case 0140000: return "socket";
                default: return "other";
            }
        }

        /**
         * Sets owner and permission bits.
         *
         * @param uid the owner's user id
         * @param permissions the permission bits
         * @return this builder
         */
        public Builder owner(long uid, int permissions) {
            this.ownerUid = uid;
            this.mode = permissions;
            return this;
        }

        /**
         * Sets the size.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder size(long bytes) {
            this.size = bytes;
            return this;
        }

        /**
         * Sets the creator.
         *
         * @param pid the creator's pid (0: unknown)
         * @param alive whether it still runs
         * @return this builder
         */
        public Builder creator(long pid, boolean alive) {
            this.creatorPid = pid;
            this.creatorAlive = pid > 0 && alive;
            return this;
        }

        /**
         * Marks the object as one the backend knows jipc created.
         *
         * @return this builder
         */
        public Builder createdByJipc() {
            this.createdByJipc = true;
            return this;
        }

        /**
         * Sets the last users.
         *
         * @param pids their pids, in the kernel's order
         * @return this builder
         */
        public Builder lastPids(List<Long> pids) {
            this.lastPids = pids;
            return this;
        }

        /**
         * Sets what the backend can tell about its use.
         *
         * @param value the verdict
         * @param reason why, in words
         * @return this builder
         */
        public Builder usage(Usage value, String reason) {
            this.usage = value;
            this.why = reason;
            return this;
        }

        /**
         * Adds one further fact.
         *
         * @param key its name ({@code "messages"})
         * @param value its value
         * @return this builder
         */
        public Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        /** {@return the description} */
        public ObjectInfo build() {
            return new ObjectInfo(scheme, uri, primitive, kind, label, name, path, ownerUid, mode, size, creatorPid,
                    creatorAlive, createdByJipc, lastPids, usage, why, details);
        }
    }
}
