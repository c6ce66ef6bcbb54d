package io.jipc.filelock.internal;

import io.jipc.os.Fd;
import io.jipc.os.Stat;
import io.jipc.api.Open;
import io.jipc.os.CreatedPaths;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-JVM registry of {@code fcntl} lock files: one {@link LockSlot} (one descriptor) per
 * file, keyed by device and inode, shared by every {@code fcntl:} handle on that file.
 *
 * <p>Why: a POSIX record lock belongs to the process, and <em>any</em> {@code close} of <em>any</em>
 * descriptor of the file drops all the process's locks on it. With one descriptor per file per
 * JVM, closing a second handle cannot drop a lock held through the first: the descriptor is
 * closed only when the last handle (and the last queued waiter) lets go. A handle opened on a path
 * that names a file already in the registry joins its slot without opening anything. In the rare
 * race where the path is swapped between the check and the {@code open}, the extra descriptor is
 * kept open until the slot closes, for the same reason.
 *
 * <p>Code outside jipc that opens and closes the lock file in this JVM (say
 * {@code Files.readAllBytes}) still drops the locks: POSIX gives no way around it. Use {@code ofd:}
 * when that cannot be ruled out.
 */
public final class SharedFiles {
    private static final Object LOCK = new Object();
    private static final Map<FileKey, LockSlot> OPEN = new HashMap<>();

    private SharedFiles() {
    }

    /**
     * Opens the lock file at {@code path} or joins the slot that already has it.
     *
     * @param created set to {@code true} when this call created the file
     * @param record the scheme's set of the files jipc created
     */
    public static LockSlot open(String path, Open open, int mode, String uri, boolean[] created, CreatedPaths record) {
        synchronized (LOCK) {
            if (open != Open.CREATE) {
                Stat st = KernelFiles.lstatQuietly(path);
                if (st != null && st.isRegular()) {
                    LockSlot s = OPEN.get(FileKey.of(st));
                    if (s != null && s.isOpen()) {
                        s.retain(uri);
                        return s;
                    }
                }
            }
            int fd = KernelFiles.openLockFile(path, open, mode, uri, created, record);
            FileKey key;
            try {
                key = FileKey.of(Fd.fstat(fd, uri));
            } catch (RuntimeException e) {
                Fd.close(fd);
                throw e;
            }
            LockSlot s = OPEN.get(key);
            if (s != null && s.isOpen()) {
                s.adoptExtraFd(fd);
                s.retain(uri);
                return s;
            }
            LockSlot[] self = new LockSlot[1];
            LockSlot fresh = new LockSlot(KernelLock.FCNTL, fd, LOCK, () -> OPEN.remove(key, self[0]));
            self[0] = fresh;
            OPEN.put(key, fresh);
            return fresh;
        }
    }

    /** How many files this JVM has open for fcntl locks (tests). */
    public static int openFiles() {
        synchronized (LOCK) {
            return OPEN.size();
        }
    }
}
