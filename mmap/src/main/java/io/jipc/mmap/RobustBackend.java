package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.Mutex;
import io.jipc.spi.Backend;

import java.util.Set;

/** Scheme {@code robust}: process-shared robust pthread mutexes ({@link RobustMutex}). */
public final class RobustBackend implements Backend {
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
