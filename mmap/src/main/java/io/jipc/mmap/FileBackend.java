package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.spi.Backend;

import java.util.Set;

/** Scheme {@code file}: mapped files ({@link FileRegion}). */
public final class FileBackend implements Backend {
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

    @Override
    public SharedRegion openRegion(IpcUri uri) {
        return FileRegion.open(uri);
    }
}
