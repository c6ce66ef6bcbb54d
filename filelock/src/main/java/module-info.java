/**
 * The file-lock mutex schemes {@code fcntl}, {@code ofd}, {@code flock}, {@code lockfile} and
 * {@code linklock} behind jipc's API. Applications open them with
 * {@link io.jipc.api.Ipc#mutex(String)}; the backends are found through
 * {@link io.jipc.spi.Backend}. {@code io.jipc.filelock.internal} is not exported.
 */
module io.jipc.filelock {
    requires transitive io.jipc.api;
    // public classes extend or return os types (MappedSharedRegion, ChildProcess...)
    requires transitive io.jipc.os;

    exports io.jipc.filelock;

    provides io.jipc.spi.Backend with
            io.jipc.filelock.FcntlBackend,
            io.jipc.filelock.OfdBackend,
            io.jipc.filelock.FlockBackend,
            io.jipc.filelock.LockFileBackend,
            io.jipc.filelock.LinkLockBackend;
}
