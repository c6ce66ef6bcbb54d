/**
 * The stress suite and the crash matrix, runnable from the CLI ({@code jipc stress},
 * {@code jipc verify}) and from the tests.
 *
 * <ul>
 *   <li>{@link io.jipc.bench.verify.StressSuite}: producers &times; consumers in separate child JVMs
 *       for every channel scheme (messages of mixed sizes up to the limit in force, each carrying
 *       producer id, sequence number and a CRC32C), a slow-consumer variant, and processes &times;
 *       threads incrementing a plain counter in shared memory under every mutex scheme. Result per
 *       scheme: lost, duplicated, corrupt, out of order, final counter.</li>
 *   <li>{@link io.jipc.bench.verify.CrashMatrix}: {@code kill -9} of a mutex holder, a channel
 *       sender, a channel receiver and a ring producer mid-write, for every backend; what is
 *       observed is compared with what {@link io.jipc.api.Capabilities} declares.</li>
 * </ul>
 * Every object a run creates is named with the run's prefix and removed at the end, also after a
 * child was killed.
 */
package io.jipc.bench.verify;
