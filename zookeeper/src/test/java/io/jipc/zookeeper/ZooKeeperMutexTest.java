package io.jipc.zookeeper;

import io.jipc.api.Ipc;
import io.jipc.api.IpcClosed;
import io.jipc.api.IpcInterrupted;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUriException;
import io.jipc.api.Mutex;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.ContractSupport;
import io.jipc.testkit.TestNames;
import io.jipc.testkit.peers.MutexHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zookeeper:} beyond the contract: bad input, an unreachable server, waking waiters, a killed holder. */
class ZooKeeperMutexTest extends ContractSupport {
    private static TestZooKeeper zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = new TestZooKeeper();
    }

    @AfterAll
    static void stopServer() throws Exception {
        zk.close();
    }

    @Override
    protected String freshUri() {
        return ZooKeeperMutexContractTest.uri(zk, TestNames.unique("lock"));
    }

    private Mutex open(String uri, boolean remove) {
        return track(Ipc.mutex(uri), remove);
    }

    @Test
    void badUrisFailBeforeConnecting() {
        String[] bad = {
            "zookeeper:relative", "zookeeper:/a//b", "zookeeper:/a/", "zookeeper:/", "zookeeper:/zookeeper/x",
            "zookeeper:/a?connect=nohost", "zookeeper:/a?connect=h:0", "zookeeper:/a?connect=h:1,x",
            "zookeeper:/a?session-timeout=abc", "zookeeper:/a?session-timeout=1", "zookeeper:/a?bogus=1",
        };
        for (String uri : bad) {
            IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.mutex(uri).close(), uri);
            assertTrue(e.getMessage().contains(uri), e.getMessage());
        }
    }

    private static Set<Thread> zkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("SendThread") || t.getName().contains("EventThread") || t.getName().startsWith("Curator"))
                .collect(Collectors.toSet());
    }

    @Test
    void unreachableZooKeeperIsNotFoundAndLeavesNoThread() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Set<Thread> before = zkThreads();
        String uri = "zookeeper:/jipc-test/x?connect=127.0.0.1:" + port + "&connect-timeout=1s";
        IpcNotFound e = assertThrows(IpcNotFound.class, () -> Ipc.mutex(uri).close());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("connect-timeout"), e.getMessage());
        Set<Thread> left = zkThreads();
        left.removeAll(before);
        for (int i = 0; i < 300 && left.stream().anyMatch(Thread::isAlive); i++) {
            Thread.sleep(100);
        }
        assertTrue(left.stream().noneMatch(Thread::isAlive), "threads left running: " + left);
    }

    @Test
    void theHolderThreadLockingThroughAnotherHandleIsRefused() {
        String uri = freshUri();
        Mutex a = open(uri, true);
        Mutex b = open(uri, false);
        a.lock();
        try {
            assertThrows(IllegalStateException.class, b::lock);
            assertThrows(IllegalStateException.class, b::tryLock);
            assertThrows(IllegalStateException.class, () -> b.tryLock(10, TimeUnit.MILLISECONDS));
        } finally {
            a.unlock();
        }
        assertTrue(b.tryLock());
        b.unlock();
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(5);
        }
    }

    @Test
    void interruptAndCloseWakeAWaiter() throws Exception {
        String uri = freshUri();
        Mutex holder = open(uri, true);
        Mutex waiter = open(uri, false);
        holder.lock();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ExecutorService pool2 = Executors.newSingleThreadExecutor();
        try {
            Thread[] thread = new Thread[1];
            CountDownLatch started = new CountDownLatch(1);
            Future<Throwable> interrupted = pool.submit(() -> {
                thread[0] = Thread.currentThread();
                started.countDown();
                try {
                    waiter.lock();
                    return null;
                } catch (Throwable t) {
                    return Thread.currentThread().isInterrupted() ? t : new AssertionError("interrupt status lost", t);
                }
            });
            started.await();
            awaitWaiting(thread[0]);
            thread[0].interrupt();
            assertInstanceOf(IpcInterrupted.class, interrupted.get(30, TimeUnit.SECONDS));
            Thread.interrupted();

            CountDownLatch started2 = new CountDownLatch(1);
            Future<Throwable> closed = pool2.submit(() -> {
                thread[0] = Thread.currentThread();
                started2.countDown();
                try {
                    waiter.lock();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            started2.await();
            awaitWaiting(thread[0]);
            waiter.close();
            assertInstanceOf(IpcClosed.class, closed.get(30, TimeUnit.SECONDS));
        } finally {
            holder.unlock();
            pool.shutdownNow();
            pool2.shutdownNow();
        }
    }

    @Test
    void closingAHeldHandleFromAnotherThreadKeepsExcludingUntilUnlock() throws Exception {
        String uri = freshUri();
        Mutex shared = open(uri, true);
        Mutex other = open(uri, false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> {
                shared.lock();
                locked.countDown();
                release.await();
                shared.unlock();
                return null;
            });
            locked.await();
            shared.close();
            assertTrue(shared.isClosed());
            assertThrows(IpcClosed.class, shared::tryLock);
            assertFalse(other.tryLock(), "still held by the thread that locked before close");
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertTrue(other.tryLock(30, TimeUnit.SECONDS), "released by the holder's unlock");
            other.unlock();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterGetsTheLockOfAHolderKilledWithSigkill() throws Exception {
        String uri = freshUri();
        Mutex m = open(uri, true);
        ChildProcess holder = track(Spawner.jvm(MutexHolder.class, peerUri(m), "3600").start());
        await(holder, "LOCKED");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = pool.submit(() -> {
                m.lock();
                boolean held = m.isHeldByCurrentThread() && !m.ownerDied();
                m.unlock();
                return held;
            });
            assertFalse(m.tryLock(), "held by the child");
            holder.killAndWait();
            assertTrue(waiter.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the blocked waiter gets the lock once the killed holder's session expires");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(true, m.tryLock());
        m.unlock();
    }
}
