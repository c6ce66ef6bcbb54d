/**
 * The service-provider interface for backends ({@link io.jipc.spi.Backend}, found with
 * {@link java.util.ServiceLoader}) and the base classes that enforce the contracts common to
 * every backend. Applications do not need this package.
 */
package io.jipc.spi;
