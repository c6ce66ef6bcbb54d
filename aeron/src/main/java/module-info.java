/**
 * Scheme {@code aeron}: jipc's {@link io.jipc.api.MessageChannel} over Aeron publications and
 * subscriptions (UDP or IPC, embedded or external media driver). Applications open it with
 * {@link io.jipc.api.Ipc#channel(String)}; the backend is found through
 * {@link io.jipc.spi.Backend}. {@code io.jipc.aeron.internal} is not exported.
 */
module io.jipc.aeron {
    requires transitive io.jipc.api;
    requires io.aeron.client;
    requires io.aeron.driver;
    requires org.agrona.core;
    // Agrona (an automatic module) uses sun.misc.Unsafe: without this, an application on the module
    // path fails at the first channel with NoClassDefFoundError: sun/misc/Unsafe
    requires jdk.unsupported;

    exports io.jipc.aeron;

    provides io.jipc.spi.Backend with io.jipc.aeron.AeronBackend;
}
