/**
 * Mapped memory: the region schemes {@code file:} ({@link io.jipc.mmap.FileRegion}) and
 * {@code anon:} ({@link io.jipc.mmap.AnonRegion}), and the {@code robust:} process-shared robust
 * pthread mutex ({@link io.jipc.mmap.RobustMutex}); the {@code ring:} channel lives in
 * {@link io.jipc.mmap.ring}.
 */
package io.jipc.mmap;
