/**
 * The {@code posix} scheme: POSIX message queues ({@link io.jipc.posix.PosixMessageChannel}),
 * named semaphores as mutexes ({@link io.jipc.posix.PosixMutex}) and shared memory
 * ({@link io.jipc.posix.PosixSharedRegion}), provided by {@link io.jipc.posix.PosixBackend}.
 */
package io.jipc.posix;
