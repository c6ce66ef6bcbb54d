/**
 * jipc's API: {@link io.jipc.api.Ipc} opens channels, mutexes and shared regions by URI, through
 * the backends found with {@link java.util.ServiceLoader}; {@code io.jipc.spi} is what a backend
 * implements.
 */
module io.jipc.api {
    exports io.jipc.api;
    exports io.jipc.spi;

    uses io.jipc.spi.Backend;
    uses io.jipc.spi.PollerProvider;
}
