/**
 * Schemes {@code posix} (message queues, named semaphores, shared memory) and the stream
 * alternatives {@code pipe}, {@code fifo} and {@code unix} behind jipc's API. Applications open
 * them with {@link io.jipc.api.Ipc}; the backends are found through {@link io.jipc.spi.Backend}.
 * {@code io.jipc.posix.stream.internal} is not exported.
 */
module io.jipc.posix {
    requires transitive io.jipc.api;
    // public classes extend or return os types (MappedSharedRegion, ChildProcess...)
    requires transitive io.jipc.os;

    exports io.jipc.posix;
    exports io.jipc.posix.stream;

    provides io.jipc.spi.Backend with
            io.jipc.posix.PosixBackend,
            io.jipc.posix.stream.PipeBackend,
            io.jipc.posix.stream.FifoBackend,
            io.jipc.posix.stream.UnixBackend;
}
