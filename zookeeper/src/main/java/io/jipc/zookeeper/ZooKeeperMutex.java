package io.jipc.zookeeper;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcException;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUri;
import io.jipc.api.Open;
import io.jipc.spi.AbstractMutex;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@link io.jipc.api.Mutex} shared by processes on any hosts: Apache Curator's
 * {@link InterProcessMutex} on the znode named by the URI ({@code zookeeper:/locks/orders?connect=zk1:2181},
 * grammar in {@link ZooKeeperUri}).
 *
 * <p><b>How it locks.</b> Each handle has its own ZooKeeper session. {@code lock} creates an
 * ephemeral sequential node under the lock's znode and waits (a watch, no polling) until its node
 * is the lowest: waiters are served in arrival order. {@code unlock} deletes the node. Two handles of
 * one JVM exclude each other as two processes do; the holder thread locking the same lock through
 * another handle gets an {@link IllegalStateException} at once.
 *
 * <p><b>Crashes.</b> A holder that dies (or is cut off from ZooKeeper) keeps the lock until its
 * session expires ({@code session-timeout}, default 10 s); then the next waiter gets it, without
 * being told ({@link #ownerDied()} stays {@code false}): protect state that a dead holder may
 * leave half-written by other means (versions, fencing tokens).
 *
 * <p><b>Open modes.</b> The lock's znode is persistent: {@code open=create} creates it and fails if
 * it exists, {@code open=open} fails if it does not, the default creates it when missing.
 * {@link #remove()} deletes it with any lock nodes under it: waiters fail with {@link IpcRemoved},
 * and a holder is no longer protected.
 *
 * <p><b>Interrupts and close.</b> {@code lock} and the timed {@code tryLock} end with
 * {@link IpcInterrupted} (interrupt status kept) when the thread is interrupted, and with
 * {@link IpcClosed} when another thread closes the handle (close interrupts the waiters, then
 * ends the session, which deletes their nodes).
 */
public final class ZooKeeperMutex extends AbstractMutex {
    private final ZooKeeperUri spec;
    private final CuratorFramework client;
    private final InterProcessMutex mutex;
    private final Capabilities caps;
    private final Object state = new Object();
    private final Set<Thread> waiters = new HashSet<>();
    private final Set<Thread> wokenByClose = new HashSet<>();

    private ZooKeeperMutex(IpcUri uri, ZooKeeperUri spec, CuratorFramework client) {
        super(uri, "zookeeper:" + spec.lockKey()); // handles on one lock share an identity: the holder's second handle is refused
        this.spec = spec;
        this.client = client;
        this.mutex = new InterProcessMutex(client, spec.path());
        this.caps = ZooKeeperBackend.mutexCapabilities();
    }

    /**
     * Connects to ZooKeeper and opens the lock named by {@code uri}.
     *
     * @param uri the parsed {@code zookeeper:} URI
     * @return the open mutex, unlocked, which the caller closes
     * @throws io.jipc.api.IpcUriException for a URI that does not parse
     * @throws IpcNotFound when ZooKeeper cannot be reached within {@code connect-timeout} (the
     *         client and its threads are closed before this is thrown), or with {@code open=open}
     *         when the lock's znode does not exist
     * @throws IpcAlreadyExists with {@code open=create} when it exists
     */
    public static ZooKeeperMutex open(IpcUri uri) {
        ZooKeeperUri spec = ZooKeeperUri.parse(uri);
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(spec.connect())
                .sessionTimeoutMs(spec.sessionTimeoutMs())
                .connectionTimeoutMs(spec.connectTimeoutMs())
                .retryPolicy(new RetryNTimes(3, 100))
                .build();
        boolean ok = false;
        try {
            client.start();
            boolean connected;
            try {
                connected = client.blockUntilConnected(spec.connectTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IpcInterrupted("open mutex", uri.toString(), "interrupted while connecting to ZooKeeper");
            }
            if (!connected) {
                throw new IpcNotFound("open mutex", uri.toString(), "cannot reach ZooKeeper at " + spec.connect()
                        + " within connect-timeout=" + spec.connectTimeoutMs() + " ms");
            }
            ensureNode(client, spec, uri);
            ZooKeeperMutex m = new ZooKeeperMutex(uri, spec, client);
            ok = true;
            return m;
        } finally {
            if (!ok) {
                client.close();
            }
        }
    }

    private static void ensureNode(CuratorFramework client, ZooKeeperUri spec, IpcUri uri) {
        Open mode = uri.open();
        try {
            if (mode == Open.OPEN) {
                if (client.checkExists().forPath(spec.path()) == null) {
                    throw new IpcNotFound("open mutex", uri.toString(), "no lock znode " + spec.path() + " at " + spec.connect());
                }
                return;
            }
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.PERSISTENT).forPath(spec.path());
            } catch (KeeperException.NodeExistsException e) {
                if (mode == Open.CREATE) {
                    throw new IpcAlreadyExists("open mutex", uri.toString(), "the lock znode " + spec.path() + " exists at " + spec.connect());
                }
            }
        } catch (IpcException e) {
            throw e;
        } catch (Exception e) {
            throw failure("open mutex", uri.toString(), e);
        }
    }

    static IpcException failure(String op, String uri, Exception e) {
        if (e instanceof KeeperException.NoAuthException) {
            return new io.jipc.api.IpcPermissionDenied(op, uri, "ZooKeeper refused: " + e.getMessage());
        }
        return new IpcException(op, uri, IpcException.NO_ERRNO, null, "ZooKeeper: " + e, e);
    }

    @Override
    public Capabilities capabilities() {
        return caps;
    }

    /** {@return the ZooKeeper connection string} */
    public String connectString() {
        return spec.connect();
    }

    /** {@return the lock's znode} */
    public String lockPath() {
        return spec.path();
    }

    @Override
    protected int acquire(long timeoutNanos) {
        Thread me = Thread.currentThread();
        String op = timeoutNanos == FOREVER ? "lock" : "tryLock";
        synchronized (state) {
            ensureOpen(op);
            waiters.add(me);
        }
        boolean got = false;
        boolean interrupted = false;
        Exception error = null;
        try {
            if (timeoutNanos == FOREVER) {
                mutex.acquire();
                got = true;
            } else {
                got = mutex.acquire(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (Exception e) {
            error = e;
        }
        boolean closed;
        synchronized (state) {
            waiters.remove(me);
            boolean byClose = wokenByClose.remove(me);
            closed = isClosed();
            if (got && closed) {
                releaseQuietly(); // never hold through a closed handle
                got = false;
            }
            if (byClose) {
                Thread.interrupted();
                interrupted = false;
            }
        }
        if (closed) {
            throw new IpcClosed(op, uri().toString());
        }
        if (interrupted || (error != null && Thread.currentThread().isInterrupted())) {
            Thread.currentThread().interrupt();
            throw new IpcInterrupted(op, uri().toString(), "interrupted while waiting for the ZooKeeper lock");
        }
        if (error != null) {
            if (error instanceof KeeperException.NoNodeException) {
                throw new IpcRemoved(op, uri().toString(), "the lock znode was removed while waiting");
            }
            throw failure(op, uri().toString(), error);
        }
        return got ? ACQUIRED : FAILED;
    }

    @Override
    protected void release() {
        try {
            mutex.release();
        } catch (Exception e) {
            throw failure("unlock", uri().toString(), e);
        }
    }

    private void releaseQuietly() {
        try {
            mutex.release();
        } catch (Exception e) {
            // the session is ending anyway: its lock node goes with it
        }
    }

    /** Interrupts the threads waiting in Curator's {@code acquire}: they leave with {@link IpcClosed}. */
    @Override
    protected void wakeWaiters() {
        synchronized (state) {
            for (Thread w : waiters) {
                wokenByClose.add(w);
                w.interrupt();
            }
        }
    }

    /** Ends the ZooKeeper session (its ephemeral lock nodes go with it). */
    @Override
    protected void freeResources() {
        client.close();
    }

    /** Deletes the lock's znode and any lock nodes under it (waiters fail with {@link IpcRemoved}). */
    @Override
    public void remove() {
        try {
            client.delete().deletingChildrenIfNeeded().forPath(spec.path());
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (IllegalStateException e) {
            removeWithNewSession();
        } catch (Exception e) {
            throw failure("remove", uri().toString(), e);
        }
    }

    /** {@link #remove()} on a closed handle: a short-lived session of its own. */
    private void removeWithNewSession() {
        try (CuratorFramework c = CuratorFrameworkFactory.newClient(spec.connect(), spec.sessionTimeoutMs(),
                spec.connectTimeoutMs(), new RetryNTimes(3, 100))) {
            c.start();
            if (!c.blockUntilConnected(spec.connectTimeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new IpcNotFound("remove", uri().toString(), "cannot reach ZooKeeper at " + spec.connect());
            }
            c.delete().deletingChildrenIfNeeded().forPath(spec.path());
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (IpcException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcInterrupted("remove", uri().toString(), "interrupted");
        } catch (Exception e) {
            throw failure("remove", uri().toString(), e);
        }
    }
}
