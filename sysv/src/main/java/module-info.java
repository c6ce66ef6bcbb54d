/**
 * Scheme {@code sysv}: System V message queues, semaphore sets and shared memory segments behind
 * jipc's API. Applications open them with {@link io.jipc.api.Ipc}; the backend is found through
 * {@link io.jipc.spi.Backend}. {@code io.jipc.sysv.internal} is not exported.
 */
module io.jipc.sysv {
    requires transitive io.jipc.api;
    // public classes extend or return os types (MappedSharedRegion, ChildProcess...)
    requires transitive io.jipc.os;

    exports io.jipc.sysv;

    provides io.jipc.spi.Backend with io.jipc.sysv.SysvBackend;
}
