package io.jipc.zookeeper;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.spi.Backend;

import java.util.Set;

/** Scheme {@code zookeeper}: {@link ZooKeeperMutex}, a lock shared by processes on any hosts. */
public final class ZooKeeperBackend implements Backend {
    private static final Capabilities MUTEX = Capabilities.builder("zookeeper", Primitive.MUTEX)
            .timed(Capabilities.Timed.NATIVE)
            .persistence(Capabilities.Persistence.FILE_SYSTEM)
            .lockOwner(Capabilities.LockOwner.THREAD)
            .waitersSleep(true)
            .ownerDeathDetected(false)
            .crashReleases(true)
            .crashLeaves("the holder's ephemeral lock node until its ZooKeeper session expires (session-timeout, default 10 s); "
                    + "then the lock passes to the next waiter, which is not told")
            .notes("Curator InterProcessMutex: one ZooKeeper session per handle, fair (FIFO by sequence number); "
                    + "a lock round trip costs a few ZooKeeper writes; the lock znode persists until remove()")
            .build();

    @Override
    public String scheme() {
        return "zookeeper";
    }

    @Override
    public String module() {
        return "jipc-zookeeper";
    }

    @Override
    public String description() {
        return "ZooKeeper (Apache Curator InterProcessMutex): a lock across hosts";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.MUTEX);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return primitive == Primitive.MUTEX ? MUTEX : Capabilities.builder("zookeeper", primitive).build();
    }

    static Capabilities mutexCapabilities() {
        return MUTEX;
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        return ZooKeeperMutex.open(uri);
    }
}
