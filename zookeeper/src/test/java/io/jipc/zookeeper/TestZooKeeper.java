package io.jipc.zookeeper;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process ZooKeeper server for tests (Curator's {@link TestingServer}) with its data under
 * {@code target/} (deleted on close) and a 100 ms tick, so sessions may be as short as 200 ms.
 */
final class TestZooKeeper implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final TestingServer server;

    TestZooKeeper() throws Exception {
        File data = Path.of("target", "zk-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet())
                .toAbsolutePath().toFile();
        server = new TestingServer(new InstanceSpec(data, -1, -1, -1, true, -1, 100, 100), true);
    }

    /** {@code 127.0.0.1:PORT}. */
    String connect() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
