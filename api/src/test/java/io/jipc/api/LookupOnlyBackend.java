package io.jipc.api;

import io.jipc.spi.Backend;

import java.util.Set;

/** A backend used only to test lookup by scheme; it opens nothing. */
public final class LookupOnlyBackend implements Backend {
    @Override
    public String scheme() {
        return "lookuponly";
    }

    @Override
    public String module() {
        return "jipc-api-tests";
    }

    @Override
    public String description() {
        return "test-only: lookup by scheme";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.MUTEX);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return Capabilities.builder(scheme(), primitive).build();
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        throw new IpcUnsupported("open mutex", uri.toString(), "opening is refused by the lookup-only test backend");
    }
}
