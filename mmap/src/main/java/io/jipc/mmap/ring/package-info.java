/**
 * The {@code ring:} channel: a single-producer/single-consumer ring buffer of framed records in
 * shared memory ({@code /dev/shm}), with spin-then-futex waiting. See {@link io.jipc.mmap.ring.RingChannel}
 * and {@link io.jipc.mmap.ring.RingLayout}.
 */
package io.jipc.mmap.ring;
