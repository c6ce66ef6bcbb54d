/**
 * The contract test suites every backend runs ({@link io.jipc.testkit.MessageChannelContract},
 * {@link io.jipc.testkit.MutexContract}, {@link io.jipc.testkit.SharedRegionContract}), the leak
 * guard ({@link io.jipc.testkit.LeakGuard}) and unique test names ({@link io.jipc.testkit.TestNames}).
 * Child-JVM peers live in {@link io.jipc.testkit.peers}.
 */
package io.jipc.testkit;
