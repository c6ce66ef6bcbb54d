package io.jipc.api;

/**
 * A snapshot of a shared region's state; unknown values are {@link Capabilities#UNKNOWN} (-1).
 *
 * @param size the region's size in bytes
 * @param attachCount processes attached now (SysV {@code shm_nattch})
 * @param creatorPid pid of the creator
 * @param lastPid pid of the last attach/detach
 */
public record RegionStats(long size, long attachCount, long creatorPid, long lastPid) {
}
