/**
 * Child-JVM mains used by the contract suites (started with {@link io.jipc.os.Spawner}): each takes
 * the URI to open as its first argument and prints markers ({@code READY}, {@code SENT n}...) that
 * the parent waits for.
 */
package io.jipc.testkit.peers;
