package io.jipc.sysv.internal;

import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.os.Errno;
import io.jipc.os.Native;
import io.jipc.os.OpenOrCreate;
import io.jipc.os.Proc;
import io.jipc.os.SysvIpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@code sysv:} URI names: an {@code ftok} path, an explicit key, an existing identifier
 * or {@code IPC_PRIVATE}; validated without any system call, then resolved and opened with the
 * create/open protocol shared by the three primitives.
 *
 * <h2>The create/open protocol</h2>
 * {@code open=create} asks {@code IPC_CREAT | IPC_EXCL}; {@code open=open} asks no
 * {@code IPC_CREAT}; {@code open=open-or-create} first tries {@code IPC_CREAT | IPC_EXCL} and,
 * on {@code EEXIST}, opens the existing object, so that the caller always knows whether it created
 * the object (and must initialise it: a semaphore set, a queue's {@code qbytes}). Opening an
 * existing object requests read and write permission, so that a forbidden object fails at open
 * with {@code EACCES} rather than at the first send. An object removed between the
 * {@code EEXIST} and the open is created again, within the bounded retry of
 * {@link io.jipc.os.OpenOrCreate}.
 */
public final class SysvTarget {
    /** The four ways to name an object. */
    public enum Kind { PATH, KEY, ID, PRIVATE }

    /** Permission bits requested when opening an existing object: read and write. */
    public static final int ACCESS = 0600;

    /** Options every primitive accepts besides the common ones. */
    public static final Set<String> ADDRESS_OPTIONS = Set.of("proj", "key", "id");

    /** A {@code *get} call: {@code msgget}, {@code semget} or {@code shmget} with its extra argument bound. */
    @FunctionalInterface
    public interface Getter {
        /** The identifier, or -1 with errno saved. */
        int get(int key, int flags);
    }

    /** An identifier and whether this call created the object. */
    public record Got(int id, boolean created) {
    }

    private final IpcUri uri;
    private final Kind kind;
    private final String path;
    private final int proj;
    private final int key;
    private final int id;

    private SysvTarget(IpcUri uri, Kind kind, String path, int proj, int key, int id) {
        this.uri = uri;
        this.kind = kind;
        this.path = path;
        this.proj = proj;
        this.key = key;
        this.id = id;
    }

    /**
     * Validates {@code uri} for {@code what} ({@code "sysv channel"}): its path or addressing
     * option, its options ({@code extra} are the primitive's own).
     *
     * @throws io.jipc.api.IpcUriException naming the bad part
     */
    public static SysvTarget parse(IpcUri uri, String what, Set<String> extra) {
        Set<String> allowed = new HashSet<>(ADDRESS_OPTIONS);
        allowed.addAll(extra);
        uri.checkOptions(what, allowed);
        Open open = uri.open();
        String p = uri.path();
        boolean hasKey = uri.has("key");
        boolean hasId = uri.has("id");
        if (p.equals("private")) {
            if (hasKey || hasId || uri.has("proj")) {
                throw uri.error("options", "sysv:private takes no key, id or proj (IPC_PRIVATE is its key)");
            }
            if (open == Open.OPEN) {
                throw uri.error("option 'open'", "open=open cannot apply to sysv:private, which always creates a new "
                        + "object (open an existing one with sysv:?id=N)");
            }
            return new SysvTarget(uri, Kind.PRIVATE, null, 0, SysvIpc.IPC_PRIVATE, -1);
        }
        if (!p.isEmpty()) {
            if (!p.startsWith("/")) {
                throw uri.error("path '" + p + "'", "expected an absolute file path (sysv:/path?proj=N), 'private', "
                        + "or no path with ?key=0x... or ?id=N");
            }
            if (hasKey || hasId) {
                throw uri.error("options", "a path (ftok) and key=/id= are exclusive: give one of them");
            }
            int proj = uri.intOption("proj", 0, 0, 255);
            return new SysvTarget(uri, Kind.PATH, p, proj, 0, -1);
        }
        if (uri.has("proj")) {
            throw uri.error("option 'proj'", "proj applies to an ftok path (sysv:/path?proj=N) only");
        }
        if (hasKey == hasId) {
            throw uri.error("path", hasKey ? "key= and id= are exclusive: give one of them"
                    : "nothing names the object: give a path (sysv:/path?proj=N), 'private', key=0x... or id=N");
        }
        if (hasKey) {
            long k = uri.longOption("key", 0, Integer.MIN_VALUE, 0xFFFF_FFFFL);
            if (k == 0) {
                throw uri.error("option 'key'", "key 0 is IPC_PRIVATE; write sysv:private for a private object");
            }
            return new SysvTarget(uri, Kind.KEY, null, 0, (int) k, -1);
        }
        int id = uri.intOption("id", 0, 0, Integer.MAX_VALUE);
        if (open == Open.CREATE) {
            throw uri.error("option 'open'", "open=create cannot apply to id=" + id
                    + ", which names an existing object (create with a path, a key or sysv:private)");
        }
        return new SysvTarget(uri, Kind.ID, null, 0, 0, id);
    }

    /** How the object is named. */
    public Kind kind() {
        return kind;
    }

    /** The identifier of a {@link Kind#ID} target. */
    public int id() {
        return id;
    }

    /** The URI. */
    public IpcUri uri() {
        return uri;
    }

    /**
     * The key: {@code ftok(path, proj)}, the given key, or {@code IPC_PRIVATE}.
     *
     * @throws IpcNotFound when the ftok path does not exist
     */
    public int key(String op) {
        switch (kind) {
            case KEY:
                return key;
            case PRIVATE:
                return SysvIpc.IPC_PRIVATE;
            case PATH:
                if (!Files.exists(Path.of(path))) {
                    throw new IpcNotFound(op, uri.toString(), "path " + path + " does not exist: a sysv:/path URI "
                            + "derives its key from an existing file with ftok(path, proj); create the file first");
                }
                int k = SysvIpc.LIB.ftok(path, proj);
                if (k == -1) {
                    int e = Native.errno();
                    throw Errno.exception("ftok", uri, e, "ftok(\"" + path + "\", " + proj + "): " + Errno.describe(e));
                }
                return k;
            default:
                throw new IllegalStateException("an id has no key");
        }
    }

    /** Words for a key: {@code key 0x0001e240 (ftok("/x", 7))}. */
    public String describeKey(int k) {
        String hex = "key 0x" + String.format(Locale.ROOT, "%08x", k);
        return kind == Kind.PATH ? hex + " (ftok(\"" + path + "\", " + proj + "))" : hex;
    }

    /**
     * Gets the identifier with the create/open protocol (see the class comment).
     *
     * @param op the C call, for messages ({@code "msgget"})
     * @param object what the object is, in words ({@code "message queue"})
     * @param getter the call
     */
    public Got get(String op, String object, Getter getter) {
        int mode = uri.mode();
        Open open = uri.open();
        int k = key(op);
        if (kind == Kind.PRIVATE) {
            int got = getter.get(SysvIpc.IPC_PRIVATE, SysvIpc.IPC_CREAT | SysvIpc.IPC_EXCL | mode);
            if (got < 0) {
                int e = Native.errno();
                throw Errno.exception(op, uri, e, "creating a private " + object + ": " + Errno.describe(e));
            }
            return new Got(got, true);
        }
        OpenOrCreate.Opened o = OpenOrCreate.run(open, true,
                () -> attempt(getter, k, SysvIpc.IPC_CREAT | SysvIpc.IPC_EXCL | mode),
                () -> attempt(getter, k, ACCESS),
                (creating, e) -> failure(op, object, k, e), "the " + object + " with " + describeKey(k), op, uri);
        return new Got((int) o.handle(), o.created());
    }

    /** One {@code *get} call: the identifier, or {@code -errno}. */
    private static long attempt(Getter getter, int k, int flags) {
        int got = getter.get(k, flags);
        return got >= 0 ? got : -Native.errno();
    }

    private IpcException failure(String op, String object, int k, int e) {
        String what = "a " + object + " with " + describeKey(k);
        String detail;
        switch (e) {
            case Errno.ENOENT:
                detail = "no " + object + " with " + describeKey(k) + " exists, and open=open does not create one";
                break;
            case Errno.EEXIST:
                detail = what + " already exists, and open=create does not open an existing one";
                break;
            case Errno.EACCES:
            case Errno.EPERM:
                detail = what + SysvPermissions.describe(op.substring(0, 3), k) // id, owner, mode
                        + " exists but its permission bits refuse read/write to uid " + Proc.uid();
                break;
            case Errno.ENOSPC:
                detail = "the system-wide limit on " + object + "s is reached (see jipc limits: msgmni, semmni/semmns, "
                        + "shmmni/shmall)";
                break;
            case Errno.EINVAL:
                detail = what + ": " + Errno.describe(e) + (op.equals("shmget")
                        ? " (the existing segment is smaller than size=, or size is outside shmmin..shmmax)"
                        : op.equals("semget") ? " (the existing set has fewer semaphores than asked)" : "");
                break;
            default:
                detail = what + ": " + Errno.describe(e);
        }
        return Errno.exception(op, uri, e, detail);
    }

    /**
     * The exception for a call on identifier {@code id} that failed with {@code e}: {@code EIDRM},
     * and {@code EINVAL} on an identifier that was valid, mean the object was removed.
     */
    public static IpcException callFailed(String op, IpcUri uri, int id, String object, int e) {
        if (e == Errno.EINVAL || e == Errno.EIDRM) {
            return new io.jipc.api.IpcRemoved(op, uri.toString(), e, Errno.name(e), "the " + object + " with id " + id
                    + " was removed (IPC_RMID)" + (e == Errno.EINVAL ? " or is no longer valid" : " while this call waited"));
        }
        return Errno.exception(op, uri, e, object + " id " + id + ": " + Errno.describe(e));
    }

    /**
     * The exception for an {@code IPC_STAT} that failed with {@code e}: {@link #noSuchId} while
     * opening a given {@code id=}, {@link #callFailed} on an object already open.
     *
     * @param op the operation, named in the exception
     * @param uri the object's URI
     * @param id the identifier
     * @param object what the identifier names ("message queue", "shared memory segment")
     * @param e the errno
     * @param opening whether the {@code IPC_STAT} checks an {@code id=} being opened
     * @return the exception to throw
     */
    public static IpcException statFailed(String op, IpcUri uri, int id, String object, int e, boolean opening) {
        return opening ? noSuchId(op, uri, id, object, e) : callFailed(op, uri, id, object, e);
    }

    /** The exception for an {@code IPC_STAT} on a given {@code id=} that failed with {@code e}. */
    public static IpcException noSuchId(String op, IpcUri uri, int id, String object, int e) {
        if (e == Errno.EINVAL) {
            return new IpcNotFound(op, uri.toString(), e, Errno.name(e), "no " + object + " has id " + id
                    + " (removed, never existed, or the id of another kind of SysV object)");
        }
        if (e == Errno.EIDRM) {
            return callFailed(op, uri, id, object, e);
        }
        if (e == Errno.EACCES || e == Errno.EPERM) {
            return Errno.exception(op, uri, e, "the " + object + " with id " + id
                    + " refuses read access to uid " + Proc.uid());
        }
        return Errno.exception(op, uri, e, object + " id " + id + ": " + Errno.describe(e));
    }
}
