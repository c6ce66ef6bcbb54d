/**
 * Internal helpers of the ring channel (process liveness, waiting). Not an API: may change in any
 * release.
 */
package io.jipc.mmap.ring.internal;
