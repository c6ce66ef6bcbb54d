package io.jipc.bench;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The ZooKeeper server the {@code zookeeper} mutex rows lock against: a standalone server started
 * in the benchmark JVM on first use (loopback, an ephemeral port, data in a temporary directory),
 * stopped and deleted when the JVM exits. The rows thus measure Curator's lock protocol against a
 * server on the same host, with no network between: between hosts add the round trips' network time.
 */
final class BenchZooKeeper {
    private static ServerCnxnFactory factory;
    private static ZooKeeperServer server;
    private static Path data;

    private BenchZooKeeper() {
    }

    /** {@code 127.0.0.1:PORT} of the running server, started on first use. */
    static synchronized String connect() {
        if (factory == null) {
            try {
                Path d = Files.createTempDirectory(BenchSupport.unique("zookeeper"));
                File dir = d.toFile();
                ZooKeeperServer zks;
                ServerCnxnFactory f;
                try {
                    zks = new ZooKeeperServer(dir, dir, 200);
                    f = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 200);
                    f.startup(zks);
                } catch (IOException | InterruptedException | RuntimeException | LinkageError e) {
                    delete(d);
                    throw e;
                }
                data = d;
                server = zks;
                factory = f;
            } catch (IOException e) {
                throw new UncheckedIOException("start a ZooKeeper server for the benchmark", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ZooKeeper", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(BenchZooKeeper::stop, "jipc-bench-zookeeper"));
        }
        return "127.0.0.1:" + factory.getLocalPort();
    }

    private static synchronized void stop() {
        if (factory != null) {
            factory.shutdown();
            server.shutdown();
            factory = null;
            delete(data);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
