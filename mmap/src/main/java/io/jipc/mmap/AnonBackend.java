package io.jipc.mmap;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.spi.Backend;

import java.util.Set;

/** Scheme {@code anon}: anonymous shared memory for spawned children ({@link AnonRegion}). */
public final class AnonBackend implements Backend {
    @Override
    public String scheme() {
        return "anon";
    }

    @Override
    public String module() {
        return "jipc-mmap";
    }

    @Override
    public String description() {
        return "anonymous shared memory: memfd_create + mmap(MAP_SHARED), inherited by spawned children";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.REGION);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        if (primitive != Primitive.REGION) {
            throw new IpcUnsupported("capabilities", "anon:", "scheme 'anon' offers only regions");
        }
        return AnonRegion.CAPS;
    }

    @Override
    public SharedRegion openRegion(IpcUri uri) {
        return AnonRegion.open(uri);
    }
}
