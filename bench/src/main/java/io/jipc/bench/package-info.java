/**
 * The JMH suite of jipc: every channel, mutex and region backend measured beside the peers a
 * Java engineer would use instead (Agrona, the JDK's Unix-domain sockets and file locks) and a
 * native C reference, plus the claim-specific benchmarks of {@code CLAIMS.md} (C2, C4, C10, C14).
 * {@link io.jipc.bench.BenchMain} is the main job behind {@code ./jipc bench}; the report lives
 * in {@link io.jipc.bench.report}.
 */
package io.jipc.bench;
