/**
 * Scheme {@code aeron}: {@link io.jipc.aeron.AeronMessageChannel}, channels beyond one machine over
 * <a href="https://github.com/real-logic/aeron">Aeron</a> (UDP or IPC, embedded or external media
 * driver). The URI grammar is documented in {@link io.jipc.aeron.internal.AeronUri}.
 */
package io.jipc.aeron;
