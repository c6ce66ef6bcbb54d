/**
 * Scheme {@code zookeeper}: {@link io.jipc.zookeeper.ZooKeeperMutex}, a lock beyond one machine over
 * Apache Curator's {@code InterProcessMutex}. The URI grammar is in {@link io.jipc.zookeeper.ZooKeeperUri}.
 */
package io.jipc.zookeeper;
