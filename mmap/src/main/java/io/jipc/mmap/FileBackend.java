package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.mmap.internal.RegionFiles;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.Limit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.Set;

/** Scheme {@code file}: mapped files ({@link FileRegion}). */
public final class FileBackend implements Backend {
    /** The mapped files this backend created, for {@link #objects()} (filled by {@link FileRegion}). */
    static final CreatedPaths CREATED = CreatedPaths.named("file");

    /** The mapped files jipc created that still exist (a file the user made and mapped is not listed). */
    @Override
    public List<ObjectInfo> objects() {
        return CREATED.describe(scheme(), Primitive.REGION, p -> "file:" + p, p -> true);
    }

    @Override
    public void remove(ObjectInfo object) {
        CREATED.delete(object);
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public String module() {
        return "jipc-mmap";
    }

    @Override
    public String description() {
        return "mapped file: open + ftruncate + mmap(MAP_SHARED), msync; any file system (/dev/shm is tmpfs)";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.REGION);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        if (primitive != Primitive.REGION) {
            throw new IpcUnsupported("capabilities", "file:", "scheme 'file' offers only regions");
        }
        return FileRegion.CAPS;
    }

    /** The largest region, and the space left in {@code /dev/shm} (tmpfs: memory). */
    @Override
    public List<Limit> limits() {
        String shm;
        try {
            shm = Long.toString(Files.getFileStore(Path.of("/dev/shm")).getUsableSpace());
        } catch (IOException | RuntimeException e) {
            shm = "unavailable: " + e.getMessage();
        }
        return List.of(
                new Limit("region size max", Long.toString(RegionFiles.MAX_REGION), "bytes", "java.nio.ByteBuffer (int index)",
                        "largest file: or anon: region jipc maps"),
                new Limit("/dev/shm available", shm, "bytes", "statvfs(/dev/shm)",
                        "room left for file: regions on tmpfs (larger sizes are refused up front)"));
    }

    @Override
    public SharedRegion openRegion(IpcUri uri) {
        return FileRegion.open(uri);
    }
}
