package io.jipc.zookeeper;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The mutex contract on {@code zookeeper:} against an in-process ZooKeeper server; child JVMs
 * connect to it over TCP. Sessions time out after 1 s, so a killed holder's lock is released
 * about a second after the kill.
 */
class ZooKeeperMutexContractTest extends MutexContract {
    private static TestZooKeeper zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = new TestZooKeeper();
    }

    @AfterAll
    static void stopServer() throws Exception {
        zk.close();
    }

    static String uri(TestZooKeeper server, String name) {
        return "zookeeper:/jipc-test/" + name + "?connect=" + server.connect() + "&session-timeout=4s&connect-timeout=10s";
    }

    @Override
    protected String freshUri() {
        return uri(zk, TestNames.unique("lock"));
    }

    /** Every lock operation is a few ZooKeeper round trips: fewer increments keep the suite short. */
    @Override
    protected int increments() {
        return 40;
    }

    /**
     * {@code remove()} deletes the lock's znode with every lock node under it: the lock is broken,
     * and a waiter either takes it or fails with IpcRemoved, depending on where its watch was.
     */
    @Override
    protected RemoveWhileBlocked removeWhileBlocked() {
        return RemoveWhileBlocked.LOCK_BROKEN;
    }
}
