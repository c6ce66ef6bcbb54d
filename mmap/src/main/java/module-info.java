/**
 * Mapped memory behind jipc's API: the region schemes {@code file} and {@code anon}, the
 * {@code robust} process-shared mutex and the {@code ring} channel. Applications open them with
 * {@link io.jipc.api.Ipc}; the backends are found through {@link io.jipc.spi.Backend}.
 * {@code io.jipc.mmap.internal} and {@code io.jipc.mmap.ring.internal} are not exported.
 */
module io.jipc.mmap {
    requires transitive io.jipc.api;
    // public classes extend or return os types (MappedSharedRegion, ChildProcess...)
    requires transitive io.jipc.os;

    exports io.jipc.mmap;
    exports io.jipc.mmap.ring;

    provides io.jipc.spi.Backend with
            io.jipc.mmap.FileBackend,
            io.jipc.mmap.AnonBackend,
            io.jipc.mmap.RobustBackend,
            io.jipc.mmap.ring.RingBackend;
}
