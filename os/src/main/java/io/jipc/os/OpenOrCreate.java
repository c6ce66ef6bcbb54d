package io.jipc.os;

import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.Open;

import java.util.concurrent.locks.LockSupport;

/**
 * The one open-or-create routine: {@code open=create}, {@code open=open} and
 * {@code open=open-or-create} over any pair of native calls — an exclusive create
 * ({@code O_CREAT|O_EXCL}, {@code IPC_CREAT|IPC_EXCL}) and a plain open.
 *
 * <p>Open-or-create tries the exclusive create first; {@code EEXIST} sends it to the plain open;
 * {@code ENOENT} there (another process removed the object between the two calls) sends it back
 * to the create. That race can repeat while other processes keep creating and removing the
 * object: the routine gives up after {@link #MAX_ROUNDS} rounds (sleeping a little more each
 * round after the first few) with an {@link IpcException} that says so. {@code EINTR} repeats the
 * call and does not count as a round.
 *
 * <p>{@link #file} is the routine for a regular file (the file regions, the ring, the lock files):
 * {@code open(2)} with {@code O_NOFOLLOW|O_CLOEXEC}, and {@code fchmod} to exactly {@code mode}
 * after creating (the umask would narrow it).
 */
public final class OpenOrCreate {
    /** How many create-then-open rounds before giving up. */
    public static final int MAX_ROUNDS = 100;
    private static final int SPIN_ROUNDS = 3;
    private static final long MAX_PAUSE_NANOS = 10_000_000L;

    private OpenOrCreate() {
    }

    /** One native attempt. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * Makes the call.
         *
         * @return a non-negative handle (a descriptor, an id, an address), or {@code -errno}
         */
        long attempt();
    }

    /** Turns a failure into the exception to throw. */
    @FunctionalInterface
    public interface Failure {
        /**
         * Builds the exception.
         *
         * @param creating {@code true} when the exclusive create failed, {@code false} when the plain open did
         * @param errno the errno
         * @return the exception
         */
        IpcException exception(boolean creating, int errno);
    }

    /**
     * What the routine opened.
     *
     * @param handle what the successful attempt returned
     * @param created {@code true} when this call created the object
     */
    public record Opened(long handle, boolean created) {
        /** {@return the handle as a descriptor} */
        public int fd() {
            return (int) handle;
        }
    }

    /**
     * Opens, creates, or opens-or-creates.
     *
     * @param how what {@code open=} asked
     * @param mayCreate {@code false} when creating is impossible whatever {@code how} says (e.g. no
     *                  {@code size=} given); reject {@code open=create} in that case before calling
     * @param create the exclusive create
     * @param open the plain open
     * @param failure builds the exception for an errno other than the ones handled here;
     *                {@code EEXIST} under {@code open=create} and {@code ENOENT} under
     *                {@code open=open} also go through it
     * @param what the object in words (a path, a name), for the give-up message
     * @param op the operation, for the give-up message
     * @param uri the object, for the give-up message
     * @return the handle and whether it was created
     */
    public static Opened run(Open how, boolean mayCreate, Attempt create, Attempt open, Failure failure,
                             String what, String op, Object uri) {
        if (how == Open.CREATE && !mayCreate) {
            throw new IllegalArgumentException("open=create of " + what + " without the means to create it");
        }
        boolean tryCreate = how.mayCreate() && mayCreate;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            pause(round);
            if (tryCreate) {
                long h = retryEintr(create);
                if (h >= 0) {
                    return new Opened(h, true);
                }
                int e = (int) -h;
                if (e != Errno.EEXIST || !how.mayOpenExisting()) {
                    throw failure.exception(true, e);
                }
            }
            long h = retryEintr(open);
            if (h >= 0) {
                return new Opened(h, false);
            }
            int e = (int) -h;
            if (e != Errno.ENOENT || !tryCreate) {
                throw failure.exception(false, e);
            }
            // removed between the create and the open: create it again
        }
        throw new IpcException(op, String.valueOf(uri), Errno.ENOENT, Errno.name(Errno.ENOENT), "gave up after "
                + MAX_ROUNDS + " rounds of create-then-open: other processes kept creating and removing " + what
                + " between this process's two calls; open it again when they have settled");
    }

    /**
     * {@link #run} for a regular file: {@code open(path, flags | O_CREAT | O_EXCL, mode)} then
     * {@code fchmod(mode)} when it creates, {@code open(path, flags)} otherwise; failures go
     * through {@link FileOps#failure} ({@code open=create} on an existing file says so).
     *
     * @param path the file
     * @param flags the open flags, e.g. {@code O_RDWR | O_NOFOLLOW | O_CLOEXEC}
     * @param mode the permission bits a created file gets, exactly
     * @param how what {@code open=} asked
     * @param mayCreate {@code false} when creating is impossible whatever {@code how} says (reject
     *                  {@code open=create} then, before calling)
     * @param uri the object, for the error
     * @return the descriptor and whether it was created
     */
    public static Opened file(String path, int flags, int mode, Open how, boolean mayCreate, Object uri) {
        Opened o = run(how, mayCreate,
                () -> FileOps.tryOpen(path, flags | Fcntl.O_CREAT | Fcntl.O_EXCL, mode),
                () -> FileOps.tryOpen(path, flags, 0),
                (creating, e) -> fileFailure(path, how, e, uri), path, "open", uri);
        if (o.created()) {
            try {
                Fd.chmod(o.fd(), mode, path, uri);
            } catch (RuntimeException e) {
                Fd.close(o.fd());
                FileOps.unlinkQuietly(path);
                throw e;
            }
        }
        return o;
    }

    private static IpcException fileFailure(String path, Open how, int e, Object uri) {
        if (e == Errno.EEXIST && how == Open.CREATE) {
            return new IpcAlreadyExists("open", String.valueOf(uri), e, Errno.name(e), path + " already exists (open=create)");
        }
        if (e == Errno.ENOENT && how == Open.OPEN) {
            return new IpcNotFound("open", String.valueOf(uri), e, Errno.name(e), path + " does not exist (open=open)");
        }
        return FileOps.failure("open", uri, path, e);
    }

    private static long retryEintr(Attempt a) {
        while (true) {
            long h = a.attempt();
            if (h != -Errno.EINTR) {
                return h;
            }
        }
    }

    /** The first rounds go straight on; later ones sleep 1, 2, 4... ms (at most 10 ms) to let the racers settle. */
    private static void pause(int round) {
        if (round >= SPIN_ROUNDS) {
            LockSupport.parkNanos(Math.min(MAX_PAUSE_NANOS, 1_000_000L << Math.min(10, round - SPIN_ROUNDS)));
        }
    }
}
