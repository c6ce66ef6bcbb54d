package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcException;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.api.Primitive;
import io.jipc.mmap.internal.RegionFiles;
import io.jipc.os.Errno;
import io.jipc.os.Fd;
import io.jipc.os.Mman;
import io.jipc.os.Native;
import io.jipc.os.MappedSharedRegion;
import io.jipc.os.NativeMemory;
import io.jipc.os.Spawner;
import io.jipc.os.Stat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code anon:?size=N}: anonymous shared memory for related processes. A C program would
 * {@code mmap(MAP_SHARED | MAP_ANONYMOUS)} and {@code fork}; Java cannot fork, so the region is a
 * {@code memfd_create(MFD_CLOEXEC)} file (no name in any file system) mapped {@code MAP_SHARED},
 * and {@link #shareWith(Spawner)} passes its descriptor to a child started by the
 * {@link Spawner}, which opens the URI it returns ({@code anon:?fd=N&size=N}).
 *
 * <pre>{@code
 * try (AnonRegion r = (AnonRegion) Ipc.region("anon:?size=1m")) {
 *     Spawner s = Spawner.jvm(Worker.class);
 *     String childUri = r.shareWith(s);          // "anon:?fd=3&size=1048576"
 *     ... pass childUri to the child (an argument), then s.start() ...
 * }
 * }</pre>
 *
 * The memory lives while any process has it mapped or holds the descriptor: {@link #remove()}
 * is a no-op ({@link Capabilities.Persistence#PROCESS}). Opening {@code anon:?fd=N} checks that
 * descriptor {@code N} is open and is a memfd ({@code /proc/self/fd/N} reads {@code /memfd:...}),
 * and that {@code size} (optional: the whole memfd by default) fits it.
 */
public final class AnonRegion extends MappedSharedRegion {
    static final Set<String> OPTIONS = Set.of("size", "fd");
    static final Capabilities CAPS = Capabilities.builder("anon", Primitive.REGION)
            .persistence(Capabilities.Persistence.PROCESS)
            .needsRelatedProcesses(true)
            .crashLeaves("nothing: the memory goes with the last process that maps it")
            .notes("memfd_create + mmap(MAP_SHARED), shared with children started by the spawner "
                    + "(AnonRegion.shareWith gives the child's URI anon:?fd=N&size=N); remove() is a no-op")
            .build();
    private static final String MEMFD_NAME = "jipc-anon";

    private final int fd;

    private AnonRegion(IpcUri uri, int fd, long address, long size) {
        super(uri, address, size);
        this.fd = fd;
    }

    /**
     * Creates ({@code anon:?size=N}) or adopts ({@code anon:?fd=N[&size=N]}) the region.
     *
     * @param uri the parsed {@code anon:} URI
     * @return the open region, which the caller closes
     */
    public static AnonRegion open(IpcUri uri) {
        uri.checkOptions("anon region", OPTIONS);
        if (uri.hasPath()) {
            throw uri.error("path", "anon: takes no path: anon:?size=1m (new) or anon:?fd=3&size=1m (inherited)");
        }
        long size = RegionFiles.sizeOption(uri);
        return uri.has("fd") ? adopt(uri, size) : create(uri, size);
    }

    private static AnonRegion create(IpcUri uri, long size) {
        if (uri.has("open") && uri.open() == Open.OPEN) {
            throw uri.error("option 'open'", "open=open needs fd= (an anonymous region has no name to open)");
        }
        if (size < 0) {
            throw uri.error("option 'size'", "a new anonymous region needs size=, e.g. anon:?size=1m");
        }
        int fd = Mman.LIB.memfd_create(MEMFD_NAME, Mman.MFD_CLOEXEC);
        if (fd < 0) {
            int e = Native.errno();
            throw Errno.exception("memfd_create", uri, e, "creating the anonymous memory failed: " + Errno.describe(e));
        }
        try {
            Fd.truncate(fd, size, "the memfd", uri);
            long address = NativeMemory.mapShared(fd, size, 0, uri.toString());
            return new AnonRegion(uri, fd, address, size);
        } catch (RuntimeException e) {
            Fd.close(fd);
            throw e;
        }
    }

    private static AnonRegion adopt(IpcUri uri, long size) {
        if (uri.has("open") && uri.open() == Open.CREATE) {
            throw uri.error("option 'open'", "open=create contradicts fd= (that region exists already)");
        }
        int fd = uri.intOption("fd", -1, 0, Integer.MAX_VALUE);
        Stat st = Fd.fstat(fd, uri);
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    "cannot tell what descriptor " + fd + " is (/proc/self/fd/" + fd + "): " + e.getMessage(), e);
        }
        if (!target.startsWith("/memfd:")) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    "descriptor " + fd + " is not a memfd (it is " + target + "): anon:?fd= takes the descriptor "
                            + "a parent passed with AnonRegion.shareWith");
        }
        long actual = st.size();
        if (size < 0) {
            size = actual;
            if (size == 0) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                        "the memfd of descriptor " + fd + " is empty (0 bytes): nothing to map");
            }
            if (size > RegionFiles.MAX_REGION) {
                throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null, "the memfd is " + size
                        + " bytes, more than a region can map (" + RegionFiles.MAX_REGION + ")");
            }
        } else if (size > actual) {
            throw new IpcException("open", uri.toString(), IpcException.NO_ERRNO, null,
                    "size=" + size + " is larger than the memfd of descriptor " + fd + " (" + actual + " bytes)");
        }
        Fd.setCloexec(fd);
        long address = NativeMemory.mapShared(fd, size, 0, uri.toString());
        return new AnonRegion(uri, fd, address, size);
    }

    /**
     * Makes {@code spawner}'s child inherit this region and returns the URI the child opens
     * ({@code anon:?fd=N&size=N}, N being the descriptor's number in the child). Keep this region
     * open until {@link Spawner#start()} has run: the descriptor is duplicated then.
     *
     * @param spawner the child about to be started
     * @return the URI the child opens to map the same memory
     */
    public String shareWith(Spawner spawner) {
        ensureOpen("shareWith");
        int childFd = spawner.inherit(fd);
        return "anon:?fd=" + childFd + "&size=" + size();
    }

    /** {@return the memfd's descriptor in this process (valid until {@link #close()})} */
    public int fd() {
        return fd;
    }

    @Override
    protected void afterUnmap() {
        Fd.close(fd);
    }

    /** A no-op: anonymous memory has no name; it goes when the last process closes it. */
    @Override
    public void remove() {
    }

    @Override
    public Capabilities capabilities() {
        return CAPS;
    }
}
