/**
 * Internals of the file-lock backends: not an API, may change at any time. The kernel-lock slot
 * with its JVM-local gate and waiter threads ({@link io.jipc.filelock.internal.LockSlot}), the
 * per-JVM registry of shared descriptors for {@code fcntl} locks
 * ({@link io.jipc.filelock.internal.SharedFiles}), the lock-file protocol with identity and
 * stale-holder take-over ({@link io.jipc.filelock.internal.LockFileProtocol}), and the system-call
 * helpers.
 */
package io.jipc.filelock.internal;
