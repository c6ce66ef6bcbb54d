package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.Mutex;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

import java.nio.file.Path;
import java.util.List;

import java.util.Set;

/** Scheme {@code robust}: process-shared robust pthread mutexes ({@link RobustMutex}). */
public final class RobustBackend implements Backend {
    /** The mutex files this backend created ({@code /dev/shm/jipc.robust.<name>}, filled by {@link FileRegion}). */
    static final CreatedPaths CREATED = CreatedPaths.named("robust");

    /** The default mutex files jipc created that still exist, each named {@code robust:/<name>}. */
    @Override
    public List<ObjectInfo> objects() {
        return CREATED.describe(scheme(), Primitive.MUTEX, RobustBackend::uriOf, p -> true);
    }

    private static String uriOf(Path p) {
        String s = p.toString();
        return s.startsWith(RobustMutex.FILE_PREFIX) ? "robust:/" + s.substring(RobustMutex.FILE_PREFIX.length())
                : "robust:?region=file:" + s;
    }

    @Override
    public void remove(ObjectInfo object) {
        CREATED.delete(object);
    }

    @Override
    public String scheme() {
        return "robust";
    }

    @Override
    public String module() {
        return "jipc-mmap";
    }

    @Override
    public String description() {
        return "robust process-shared pthread mutex (EOWNERDEAD reported) in /dev/shm or in any region";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.MUTEX);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        if (primitive != Primitive.MUTEX) {
            throw new IpcUnsupported("capabilities", "robust:", "scheme 'robust' offers only mutexes");
        }
        return RobustMutex.CAPS;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        return RobustMutex.open(uri);
    }
}
