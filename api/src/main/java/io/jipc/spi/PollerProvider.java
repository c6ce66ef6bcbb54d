package io.jipc.spi;

import io.jipc.api.Poller;

/**
 * Creates {@link Poller}s; the native layer ({@code jipc-os}) provides one, found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/io.jipc.spi.PollerProvider}.
 */
public interface PollerProvider {
    /** {@return a new poller with nothing registered} */
    Poller open();
}
