package io.jipc.filelock;

import io.jipc.os.FileOps;
import io.jipc.os.Stat;
import io.jipc.os.Unistd;
import io.jipc.os.SysStat;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.filelock.internal.KernelFiles;
import io.jipc.filelock.internal.LockSlot;
import io.jipc.filelock.internal.SharedFiles;
import io.jipc.os.CreatedPaths;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five file-lock backends, each one {@link FileLockScheme} (what differs between them) put
 * behind the {@link Backend} SPI: path and option checks made before any lock call, the mutex of
 * the scheme's family, and the lock files (and lock directories) jipc created, for
 * {@code jipc ls} and {@code rm}.
 */
abstract class FileLockBackend implements Backend {
    static final String MODULE = "jipc-filelock";
    /** Default cap of the lock-file polling backoff. */
    static final long DEFAULT_POLL_NANOS = 50_000_000L;
    static final long MIN_POLL_NANOS = 1_000L;
    static final long MAX_POLL_NANOS = 60_000_000_000L;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ns|us|ms|s)?");

    private final FileLockScheme def;

    FileLockBackend(FileLockScheme def) {
        this.def = def;
    }

    @Override
    public final String scheme() {
        return def.scheme;
    }

    @Override
    public final String description() {
        return def.description;
    }

    @Override
    public final String module() {
        return MODULE;
    }

    @Override
    public final Set<Primitive> primitives() {
        return Set.of(Primitive.MUTEX);
    }

    @Override
    public final Capabilities capabilities(Primitive primitive) {
        if (primitive != Primitive.MUTEX) {
            throw new IpcUnsupported("capabilities", scheme() + ":", "scheme '" + scheme() + "' offers only a mutex");
        }
        return def.capabilities;
    }

    @Override
    public final Mutex openMutex(IpcUri uri) {
        uri.checkOptions(def.scheme + " mutex", def.options);
        String path = lockPath(uri);
        if (def.lockFileFamily()) {
            long poll = pollOption(uri);
            prepareLockFileDir(uri, path, def.created);
            return def.link ? new LinkLockMutex(uri, poll) : new LockFileMutex(uri, poll);
        }
        boolean[] created = new boolean[1];
        if (def == FileLockScheme.FCNTL) {
            return new FcntlMutex(uri, SharedFiles.open(path, uri.open(), uri.mode(), uri.toString(), created, def.created));
        }
        int fd = KernelFiles.openLockFile(path, uri.open(), uri.mode(), uri.toString(), created, def.created);
        LockSlot slot = new LockSlot(def.lock, fd, null, null);
        return def == FileLockScheme.OFD ? new OfdMutex(uri, slot) : new FlockMutex(uri, slot);
    }

    /**
     * The lock files and lock directories jipc created for this scheme that still exist; for
     * {@code lockfile:} and {@code linklock:} a file only while it holds a jipc lock identity
     * (such a path may be the user's own file that a lock URI merely named).
     */
    @Override
    public final List<ObjectInfo> objects() {
        return LockObjects.list(def);
    }

    /** The file at the URI's path, when there is one (a foreign file at a lock path too: remove refuses it). */
    @Override
    public final List<ObjectInfo> locate(IpcUri uri) {
        return LockObjects.locate(def, lockPath(uri));
    }

    /**
     * Deletes a lock file, or an empty lock directory jipc made; refuses a file at a
     * {@code lockfile:}/{@code linklock:} path that holds no jipc lock identity.
     */
    @Override
    public final void remove(ObjectInfo object) {
        LockObjects.remove(def, object);
    }

    /** The lock path of {@code uri}, checked for shape (not yet against the file system). */
    static String lockPath(IpcUri uri) {
        if (!uri.hasPath()) {
            throw uri.error("path", "a file lock needs a path, e.g. " + uri.scheme() + ":/tmp/app.lock");
        }
        String p = uri.path();
        if (p.endsWith("/")) {
            throw uri.error("path", "'" + p + "' ends with '/': a lock path names a file, not a directory");
        }
        return p;
    }

    /**
     * The {@code poll=} option: the cap of the polling backoff, as a duration with a unit
     * ({@code ns}, {@code us}, {@code ms}, {@code s}; a bare number is milliseconds), between
     * 1 µs and 60 s. Default 50 ms.
     */
    static long pollOption(IpcUri uri) {
        String v = uri.option("poll");
        if (v == null) {
            return DEFAULT_POLL_NANOS;
        }
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw uri.error("option 'poll'", "'" + v + "' is not a duration such as 50ms, 200us or 1s");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long nanos;
        switch (unit) {
            case "ns": nanos = n; break;
            case "us": nanos = n * 1_000L; break;
            case "ms": nanos = n * 1_000_000L; break;
            default: nanos = n * 1_000_000_000L; break;
        }
        if (nanos < MIN_POLL_NANOS || nanos > MAX_POLL_NANOS || n > MAX_POLL_NANOS) {
            throw uri.error("option 'poll'", "'" + v + "' is outside 1us..60s");
        }
        return nanos;
    }

    /**
     * Prepares a lock-file scheme's place, before the first lock. The lock file itself exists only
     * while the lock is held, so {@code open=} is about the lock's <em>directory</em>:
     * {@code open} requires it to exist ({@link io.jipc.api.IpcNotFound} otherwise),
     * {@code create} makes it ({@code mkdir}, one level, with {@code mode} plus the matching
     * search bits) and fails with {@link io.jipc.api.IpcAlreadyExists} if it exists,
     * {@code open-or-create} (the default) makes it when missing. A directory jipc made is recorded
     * in the scheme's {@link CreatedPaths}; {@code remove()} removes it again when empty. Then checks that
     * the directory is writable and that the lock path is not a symbolic link, a directory or
     * another non-regular file.
     */
    static void prepareLockFileDir(IpcUri uri, String path, CreatedPaths record) {
        String u = uri.toString();
        String dir = KernelFiles.parentOf(path);
        Open open = uri.open();
        Stat d = FileOps.lstat(dir, u);
        // the directory may be reached through a symbolic link; only the lock's own name must not be one
        boolean exists = d != null;
        if (exists && !d.isDirectory() && !(d.isSymlink() && Unistd.LIB.access(dir + "/.", io.jipc.os.Unistd.F_OK) == 0)) {
            throw Errno.exception("open", u, Errno.ENOTDIR, dir + " (the lock file's directory) is not a directory");
        }
        if (exists && open == Open.CREATE) {
            throw Errno.exception("open", u, Errno.EEXIST, "the directory " + dir + " of lock file " + path
                    + " exists (open=create makes a new lock directory; use open-or-create to lock in an existing one)");
        }
        if (!exists) {
            if (open == Open.OPEN) {
                throw KernelFiles.notFound("open", u, "the directory " + dir + " of lock file " + path + " does not exist (open=open)");
            }
            int dirMode = uri.mode() | ((uri.mode() & 0444) >> 2) | 0100;
            int e = FileOps.mkdir(dir, dirMode);
            if (e != 0) {
                if (e == Errno.ENOENT) {
                    throw KernelFiles.notFound("open", u, "cannot create the lock directory " + dir + ": its parent "
                            + KernelFiles.parentOf(dir) + " does not exist");
                }
                if (e != Errno.EEXIST || open == Open.CREATE) {
                    throw FileOps.failure("mkdir", u, dir, e);
                }
            } else {
                SysStat.LIB.chmod(dir, dirMode);
                record.add(Path.of(dir));
            }
        }
        if (Unistd.LIB.access(dir, io.jipc.os.Unistd.W_OK | io.jipc.os.Unistd.X_OK) != 0) {
            int e = io.jipc.os.Native.errno();
            throw FileOps.failure("open", u, dir, e);
        }
        Stat f = FileOps.lstat(path, u);
        if (f != null) {
            if (f.isSymlink()) {
                throw FileOps.failure("open", u, path, Errno.ELOOP);
            }
            if (f.isDirectory()) {
                throw FileOps.failure("open", u, path, Errno.EISDIR);
            }
            if (!f.isRegular()) {
                throw new IpcException("open", u, IpcException.NO_ERRNO, null, path + " is not a regular file");
            }
        }
    }
}
