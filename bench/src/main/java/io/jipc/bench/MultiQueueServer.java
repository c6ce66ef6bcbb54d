package io.jipc.bench;

import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/*
 * What: C10, a server waiting on K = 1, 4, 16 request queues. The benchmark thread is the client:
 * it sends a 64-byte request on queue (i mod K) and waits for the reply on one reply channel. The
 * server is a peer JVM:
 *   sysv     - SysV queues are not descriptors: the server loops over the K queues with
 *              tryReceive (IPC_NOWAIT), spinning, as the document says it must;
 *   posix    - POSIX queues are descriptors on Linux: the server blocks in poll on all K;
 *   jdk-unix - K Unix-domain sockets under one java.nio Selector (epoll).
 * The report shows round-trip latency per K, the server's CPU per request (cpu.tsv) and the CPU
 * it burns during 0.5 s without any request (idle.tsv): a polling loop burns a core, poll/epoll sleeps.
 * Claims: C10.
 * Run just it: ./jipc bench --only MultiQueueServer
 */
/** A server listening on K queues: latency and CPU (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MultiQueueServer {
    static final int SIZE = 64;

    /** How the server waits. */
    @Param({"sysv", "posix", "jdk-unix"})
    public String mech;

    /** Number of request queues. */
    @Param({"1", "4", "16"})
    public int queues;

    private Link[] requests;
    private Link reply;
    private ChildProcess peer;
    private Peers.Watchdog watchdog;
    private Path dir;
    private final ByteBuffer msg = ByteBuffer.allocateDirect(SIZE);
    private final ByteBuffer dst = ByteBuffer.allocateDirect(SIZE);
    private int next;
    private long ops;
    private final CpuWindow cpu = new CpuWindow();

    /** Creates K request channels and the reply channel, starts the server. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        String why = Channels.unavailable(mech, SIZE);
        if (why == null && mech.equals("posix")) {
            why = PosixWait.unavailable();
        }
        if (why != null) {
            throw BenchSupport.skip(bp, why);
        }
        BenchSupport.setUp(bp, "setup of " + mech, this::tearDown, () -> {
            dir = BenchSupport.tempDir("c10");
            requests = new Link[queues];
            String[] args = new String[queues + 3];
            args[0] = mech;
            args[1] = Integer.toString(queues);
            for (int i = 0; i < queues; i++) {
                String[] ep = Channels.endpoints(mech, SIZE, dir, "q" + i);
                requests[i] = Link.open(ep[0], true);
                args[3 + i] = ep[1];
            }
            String[] rp = Channels.endpoints(mech, SIZE, dir, "reply");
            reply = Link.open(rp[0], true);
            args[2] = rp[1];
            peer = Peers.start(Server.class, args);
            watchdog = new Peers.Watchdog(peer, this::removeAll);
            for (int i = 0; i < queues; i++) {
                roundTrip();
            }
            // the server waiting with nothing to do: a polling loop burns a core, poll/epoll sleeps
            long w0 = System.nanoTime();
            long c0 = BenchSupport.cpuNanos(peer.pid());
            Thread.sleep(500);
            BenchSupport.recordIdle(bp, System.nanoTime() - w0, BenchSupport.cpuNanos(peer.pid()) - c0);
        });
        cpu.open(peer.pid());
    }

    /** One request on the next queue, one reply. */
    @Benchmark
    public int roundTrip() {
        msg.clear();
        Link q = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        q.send(msg);
        ops++;
        return reply.receive(dst);
    }

    private void removeAll() {
        if (requests != null) {
            for (Link l : requests) {
                if (l != null) {
                    BenchSupport.removeQuietly(l::remove);
                }
            }
        }
        if (reply != null) {
            BenchSupport.removeQuietly(reply::remove);
        }
    }

    /** Records CPU, stops the server, removes every queue. */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams bp) {
        cpu.record(bp, ops);
        tearDown();
    }

    private void tearDown() {
        Peers.stop(watchdog, peer);
        peer = null;
        removeAll();
        if (requests != null) {
            for (Link l : requests) {
                if (l != null) {
                    l.close();
                }
            }
        }
        if (reply != null) {
            reply.close();
        }
        requests = null;
        reply = null;
        BenchSupport.deleteQuietly(dir);
    }

    /** The server peer: mech, K, reply spec, K request specs. */
    public static final class Server {
        private Server() {
        }

        /** Entry point. */
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            String mech = args[0];
            int k = Integer.parseInt(args[1]);
            Link reply = Link.open(args[2], false);
            Link[] in = new Link[k];
            for (int i = 0; i < k; i++) {
                in[i] = Link.open(args[3 + i], false);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
            System.out.println("READY");
            System.out.flush();
            switch (mech) {
                case "sysv":
                    while (true) {
                        for (Link l : in) {
                            if (l.tryReceive(buf) >= 0) {
                                buf.flip();
                                reply.send(buf);
                            }
                        }
                    }
                case "posix":
                    PosixWait.serve(in, reply, buf);
                    return;
                case "jdk-unix":
                    serveSockets(in, reply, buf);
                    return;
                default:
                    throw new IllegalArgumentException(mech);
            }
        }

        private static void serveSockets(Link[] in, Link reply, ByteBuffer buf) throws Exception {
            Selector sel = Selector.open();
            for (Link l : in) {
                SocketChannel sc = ((Link.JdkUnixLink) l).socket();
                sc.configureBlocking(false);
                sc.register(sel, SelectionKey.OP_READ);
            }
            ByteBuffer header = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            while (true) {
                sel.select();
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    SocketChannel sc = (SocketChannel) key.channel();
                    header.clear();
                    while (header.hasRemaining()) {
                        if (sc.read(header) < 0) {
                            return;
                        }
                    }
                    buf.clear().limit(header.getInt(0));
                    while (buf.hasRemaining()) {
                        sc.read(buf);
                    }
                    buf.flip();
                    reply.send(buf);
                }
            }
        }
    }
}
