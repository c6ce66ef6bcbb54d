package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.RegionStats;
import io.jipc.os.Errno;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.Native;
import io.jipc.os.NativeMemory;
import io.jipc.os.SystemLimits;
import io.jipc.os.SysvIpc;
import io.jipc.os.layout.ShmidDsLayout;
import io.jipc.sysv.internal.SysvTarget;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A System V shared memory segment ({@code shmget}, {@code shmat}, {@code shmctl}).
 *
 * <p>{@code size=} is needed to create (1 .. {@code shmmax}, and at most 2 GiB − 1 as a Java
 * buffer); an existing segment's size comes from {@code IPC_STAT}. {@link #stats()} reports
 * {@code shm_nattch} as {@code attachCount}. {@link #remove()} is {@code IPC_RMID}: the key is
 * freed at once, but the segment lives until the last process detaches. {@link #close()} detaches
 * safely: the attachment is replaced by inert private memory
 * ({@link NativeMemory#retire(long, long, ByteBuffer)}), so a stale buffer can never crash the
 * JVM. The memory of a new segment is zero.
 */
public final class SysvSharedRegion extends MappedSharedRegion {
    /** Options of {@code sysv} regions besides the common and addressing ones. */
    public static final Set<String> OPTIONS = Set.of("size");

    private static final SysvIpc LIB = SysvIpc.LIB;

    private final int id;
    private final Capabilities caps;

    private SysvSharedRegion(IpcUri uri, int id, long size, long address) {
        super(uri, address, size);
        this.id = id;
        this.caps = SysvBackend.regionCapabilities();
    }

    /** Opens the segment {@code uri} names (see the package comment for the grammar). */
    static SysvSharedRegion open(IpcUri uri) {
        SysvTarget t = SysvTarget.parse(uri, "sysv region", OPTIONS);
        long shmmax = SystemLimits.read("/proc/sys/kernel/shmmax", Long.MAX_VALUE);
        long max = Math.min(shmmax, Integer.MAX_VALUE);
        long size = uri.sizeOption("size", 0, 1, Long.MAX_VALUE);
        if (uri.has("size") && size > max) {
            throw uri.error("option 'size'", size + " bytes exceeds " + (size > shmmax ? "shmmax = " + shmmax
                    + " (/proc/sys/kernel/shmmax)" : "the largest Java buffer, " + Integer.MAX_VALUE + " bytes"));
        }
        if (t.kind() == SysvTarget.Kind.ID && uri.has("size")) {
            throw uri.error("option 'size'", "an id names an existing segment, whose size is its own; drop size=");
        }
        int id;
        if (t.kind() == SysvTarget.Kind.ID) {
            id = t.id();
        } else {
            if (size == 0 && uri.open().mayCreate()) {
                // Without a size we can only open: say so if it does not exist.
                int k = t.key("shmget");
                if (t.kind() == SysvTarget.Kind.PRIVATE || LIB.shmget(k, 0, SysvTarget.ACCESS) < 0
                        && Native.errno() == Errno.ENOENT) {
                    throw uri.error("option 'size'", "size= is required to create a segment (e.g. size=64k); "
                            + "without it the segment must exist");
                }
            }
            final long sz = size;
            SysvTarget.Got got = t.get("shmget", "shared memory segment", (k, f) -> LIB.shmget(k, sz, f));
            id = got.id();
        }
        long segsz = stat("shmctl(IPC_STAT)", uri, id, t.kind() == SysvTarget.Kind.ID)[0];
        if (segsz > Integer.MAX_VALUE) {
            throw new IpcException("open region", uri.toString(), IpcException.NO_ERRNO, null, "segment id " + id
                    + " has " + segsz + " bytes, more than a Java buffer can address (" + Integer.MAX_VALUE + ")");
        }
        long a = LIB.shmat(id, 0, 0);
        if (a == SysvIpc.SHMAT_FAILED) {
            int e = Native.errno();
            throw SysvTarget.callFailed("shmat", uri, id, "shared memory segment", e);
        }
        return new SysvSharedRegion(uri, id, segsz, a);
    }

    /** IPC_STAT: {segsz, nattch, cpid, lpid}. */
    private static long[] stat(String op, IpcUri uri, int id, boolean opening) {
        long buf = NativeMemory.allocate(ShmidDsLayout.SIZE);
        try {
            if (LIB.shmctl(id, SysvIpc.IPC_STAT, buf) != 0) {
                int e = Native.errno();
                throw SysvTarget.statFailed(op, uri, id, "shared memory segment", e, opening);
            }
            return new long[] {
                NativeMemory.getLong(buf + ShmidDsLayout.SHM_SEGSZ),
                NativeMemory.getLong(buf + ShmidDsLayout.SHM_NATTCH),
                NativeMemory.getInt(buf + ShmidDsLayout.SHM_CPID),
                NativeMemory.getInt(buf + ShmidDsLayout.SHM_LPID),
            };
        } finally {
            NativeMemory.free(buf);
        }
    }

    /** {@return the segment's identifier ({@code shmid}, as {@code ipcs -m} shows it)} */
    public int id() {
        return id;
    }

    /** {@return a URI another process can open this segment with: {@code sysv:?id=N}} */
    public String idUri() {
        return "sysv:?id=" + id;
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    @Override
    public RegionStats stats() {
        ensureOpen("stats");
        long[] s = stat("shmctl(IPC_STAT)", uri(), id, false);
        return new RegionStats(s[0], s[1], s[2], s[3]);
    }

    /** {@code IPC_RMID}: the key goes now; the memory lives until the last process detaches. */
    @Override
    public void remove() {
        if (LIB.shmctl(id, SysvIpc.IPC_RMID, 0) != 0) {
            int e = Native.errno();
            if (e != Errno.EINVAL && e != Errno.EIDRM) {
                throw Errno.exception("shmctl(IPC_RMID)", uri(), e, "removing segment id " + id + ": "
                        + Errno.describe(e));
            }
        }
    }

    /** Detaches safely (see the class comment). */

    @Override
    public String toString() {
        return "SysvSharedRegion[" + uri() + ", id " + id + ", " + size() + " bytes" + (isClosed() ? ", closed" : "") + "]";
    }

}
