package io.jipc.filelock.internal;

import io.jipc.os.Fd;
import io.jipc.os.FileOps;
import io.jipc.os.Stat;
import io.jipc.api.IpcException;
import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The lock-file protocol of {@code lockfile:} and {@code linklock:} (one instance per handle).
 *
 * <h2>Acquiring</h2>
 * <ul>
 * <li>{@code lockfile}: {@code open(path, O_CREAT|O_EXCL|O_WRONLY|O_NOFOLLOW|O_CLOEXEC, mode)};
 *     the creator holds the lock and writes its {@link LockIdentity}.</li>
 * <li>{@code linklock} (GaPiL's NFS-safe variant): write the identity into a unique file beside
 *     the lock, {@code path.<host>.<pid>.<n>}, then {@code link()} it to the lock's name. The
 *     lock is ours when {@code link} succeeds <em>or</em> when the unique file's {@code st_nlink}
 *     is 2 (on NFS the reply of a {@code link} that succeeded can be lost and the retry answer
 *     {@code EEXIST}). The unique file is always unlinked afterwards.</li>
 * </ul>
 *
 * <h2>Stale holders, taken over atomically</h2>
 * When the lock file exists, its identity is read. It is <em>stale</em> when the holder is of
 * this host and certainly dead ({@link LockIdentity#holderIsDead}), or when the file holds an
 * incomplete jipc identity (a creator killed between {@code open} and {@code write}) and was
 * last modified more than {@link #INCOMPLETE_GRACE_SECONDS} seconds ago. A file of another host,
 * or in another format, is never stale.
 *
 * <p>Take-over must not let two waiters both steal. The stealer takes an exclusive,
 * non-blocking {@code flock} on <em>the stale file itself</em> (the descriptor it read the identity
 * from), then, holding it, checks that the lock path still names that same inode and that the
 * content is still stale, and only then {@code rename()}s a file holding its own identity over the
 * lock path. {@code rename} replaces the name atomically, so there is never a moment without a
 * lock file that a plain {@code O_EXCL} creator could use. Two stealers of the same stale file
 * serialize on its {@code flock}; the second then finds the path naming a new inode (the
 * first stealer's) and gives up. The guard is a kernel lock, so a stealer killed in the middle
 * leaves nothing behind, and it needs no extra file. Every stealer runs on the holder's host
 * (others never judge it stale), so {@code flock} only has to exclude processes of one host.
 *
 * <h2>Releasing</h2>
 * {@code unlock} unlinks the lock file only if it is still this holder's: same device and inode
 * as acquired and the same token inside. A file that disappeared is left alone; a file that is
 * now someone else's is left alone and reported.
 */
public final class LockFileProtocol {
    /** Age after which an incomplete identity counts as left by a creator that died before writing it. */
    public static final long INCOMPLETE_GRACE_SECONDS = 10;
    /** Outcome of one attempt: another holder has it. */
    public static final int BUSY = 0;
    /** Outcome of one attempt: acquired. */
    public static final int TAKEN = 1;
    /** Outcome of one attempt: acquired by taking over a dead holder's lock file. */
    public static final int TAKEN_OVER = 2;
    /** Outcome of one attempt: the lock file changed under us; try again at once. */
    public static final int RETRY = 3;

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int MAX_IDENTITY = 4096;

    private final String path;
    private final String uri;
    private final boolean link;
    private final int mode;
    private volatile FileKey heldKey;
    private volatile String heldToken;

    public LockFileProtocol(String path, String uri, boolean link, int mode) {
        this.path = path;
        this.uri = uri;
        this.link = link;
        this.mode = mode;
    }

    /** One attempt: {@link #BUSY}, {@link #TAKEN}, {@link #TAKEN_OVER} or {@link #RETRY}. */
    public int attempt() {
        LockIdentity me = LockIdentity.fresh();
        return link ? attemptLink(me) : attemptExcl(me);
    }

    private int attemptExcl(LockIdentity me) {
        int fd = FileOps.tryOpen(path, Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_WRONLY | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, mode);
        if (fd >= 0) {
            boolean ok = false;
            try {
                io.jipc.os.SysStat.LIB.fchmod(fd, mode);
                LockFileIo.writeAll(fd, me.encode(), "write", uri, path);
                FileKey key = FileKey.of(Fd.fstat(fd, uri));
                held(key, me.token());
                ok = true;
                return TAKEN;
            } finally {
                Fd.close(fd);
                if (!ok) {
                    io.jipc.os.Unistd.LIB.unlink(path);
                }
            }
        }
        int e = -fd;
        if (e != Errno.EEXIST) {
            throw FileOps.failure("open(O_CREAT|O_EXCL)", uri, path, e);
        }
        return takeOverIfStale(me, null, null);
    }

    private int attemptLink(LockIdentity me) {
        String unique = uniqueName(me);
        FileKey key = writeIdentityFile(unique, me);
        try {
            int r = io.jipc.os.Unistd.LIB.link(unique, path);
            int e = r == 0 ? 0 : Native.errno();
            if (r == 0 || linkCount(unique) == 2) {
                held(key, me.token());
                return TAKEN;
            }
            if (e != Errno.EEXIST) {
                throw FileOps.failure("link", uri, path, e);
            }
            return takeOverIfStale(me, unique, key);
        } finally {
            io.jipc.os.Unistd.LIB.unlink(unique); // gone already when it was renamed over a stale lock file
        }
    }

    private String uniqueName(LockIdentity me) {
        return path + "." + me.host() + "." + me.pid() + "." + COUNTER.incrementAndGet();
    }

    private FileKey writeIdentityFile(String file, LockIdentity me) {
        int fd = FileOps.tryOpen(file, Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_WRONLY | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, mode);
        if (fd < 0) {
            throw FileOps.failure("open(O_CREAT|O_EXCL)", uri, file, -fd);
        }
        boolean ok = false;
        try {
            io.jipc.os.SysStat.LIB.fchmod(fd, mode);
            LockFileIo.writeAll(fd, me.encode(), "write", uri, file);
            FileKey k = FileKey.of(Fd.fstat(fd, uri));
            ok = true;
            return k;
        } finally {
            Fd.close(fd);
            if (!ok) {
                io.jipc.os.Unistd.LIB.unlink(file);
            }
        }
    }

    private long linkCount(String file) {
        Stat st = KernelFiles.lstatQuietly(file);
        return st == null ? -1 : st.nlink();
    }

    private void held(FileKey key, String token) {
        heldToken = token;
        heldKey = key;
    }

    private boolean isStale(byte[] content, Stat st, LockIdentity me) {
        LockFileChecks.requireLockFormat("lock", uri, path, content); // garbage: an error, never waited for or removed
        LockIdentity holder = LockIdentity.parse(content);
        if (holder == null) {
            long age = System.currentTimeMillis() / 1000 - st.mtimeSeconds();
            return LockIdentity.looksIncomplete(content) && age > INCOMPLETE_GRACE_SECONDS;
        }
        return LockIdentity.holderIsDead(holder, me);
    }

    /**
     * @param replacement the file to rename over a stale lock (linklock's unique file), or
     *                    {@code null} to write a temporary one
     */
    private int takeOverIfStale(LockIdentity me, String replacement, FileKey replacementKey) {
        int fd = FileOps.tryOpen(path, Fcntl.O_RDWR | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, 0);
        if (fd == -Errno.EACCES) {
            fd = FileOps.tryOpen(path, Fcntl.O_RDONLY | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, 0);
        }
        if (fd < 0) {
            if (fd == -Errno.ENOENT) {
                return RETRY; // released in the meantime
            }
            if (fd == -Errno.EACCES) {
                return BUSY; // another user's lock file we may not read: held, as far as we can tell
            }
            throw FileOps.failure("open", uri, path, -fd);
        }
        try {
            Stat st = Fd.fstat(fd, uri);
            if (!st.isRegular()) {
                throw new IpcException("lock", uri, IpcException.NO_ERRNO, null, path + " is not a regular file");
            }
            byte[] content = LockFileIo.readAll(fd, MAX_IDENTITY);
            if (content == null || !isStale(content, st, me)) {
                return BUSY;
            }
            if (io.jipc.os.SysFile.LIB.flock(fd, io.jipc.os.SysFile.LOCK_EX | io.jipc.os.SysFile.LOCK_NB) != 0) {
                int e = Native.errno();
                if (e == Errno.EWOULDBLOCK || e == Errno.EINTR) {
                    return BUSY; // another waiter is taking it over right now
                }
                throw FileOps.failure("flock", uri, path, e);
            }
            // Holding the take-over guard: is the path still this stale file?
            Stat now = KernelFiles.lstatQuietly(path);
            if (now == null || !FileKey.of(now).equals(FileKey.of(st))) {
                return RETRY;
            }
            byte[] again = LockFileIo.readAll(fd, MAX_IDENTITY);
            if (again == null || !isStale(again, Fd.fstat(fd, uri), me)) {
                return BUSY;
            }
            String repl = replacement;
            FileKey key = replacementKey;
            if (repl == null) {
                repl = uniqueName(me) + ".tmp";
                key = writeIdentityFile(repl, me);
            }
            if (io.jipc.os.Stdio.LIB.rename(repl, path) != 0) {
                int e = Native.errno();
                if (replacement == null) {
                    io.jipc.os.Unistd.LIB.unlink(repl);
                }
                throw FileOps.failure("rename", uri, path, e);
            }
            held(key, me.token());
            return TAKEN_OVER;
        } finally {
            Fd.close(fd); // releases the take-over guard
        }
    }

    /**
     * Releases: unlinks the lock file if it is still this holder's.
     *
     * @throws IpcException when the lock file now belongs to someone else (the lock was broken)
     */
    public void release() {
        FileKey key = heldKey;
        String token = heldToken;
        heldKey = null;
        heldToken = null;
        if (key == null) {
            return;
        }
        int fd = FileOps.tryOpen(path, Fcntl.O_RDONLY | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, 0);
        if (fd < 0) {
            if (fd == -Errno.ENOENT) {
                return; // removed by someone (remove(), an operator): nothing left to release
            }
            throw FileOps.failure("unlock: open", uri, path, -fd);
        }
        LockIdentity id;
        Stat st;
        try {
            st = Fd.fstat(fd, uri);
            id = LockIdentity.parse(LockFileIo.readAll(fd, MAX_IDENTITY));
        } finally {
            Fd.close(fd);
        }
        if (!FileKey.of(st).equals(key) || id == null || !token.equals(id.token())) {
            throw new IpcException("unlock", uri, IpcException.NO_ERRNO, null, path
                    + " is no longer this holder's lock file (it was removed and re-created"
                    + (id == null ? "" : " by pid " + id.pid() + " on " + id.host())
                    + "): left in place; the lock was broken while held");
        }
        FileOps.unlink(path, uri);
    }

    /** Does this handle currently hold the lock file? */
    public boolean holds() {
        return heldKey != null;
    }

    /** Forgets the hold without touching the file (after {@code remove()} by the holder). */
    public void forget() {
        heldKey = null;
        heldToken = null;
    }
}
