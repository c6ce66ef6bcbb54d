package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/*
 * What: C14, the two client/server designs of seed 000 over SysV queues, with CLIENTS clients.
 * A server JVM reads requests (64 B, the client's number inside) from one well-known queue and
 * answers either
 *   shared-queue     - on ONE reply queue, tagged with the client's number (the client selects
 *                      its reply by type, as the seed does with the PID), or
 *   queue-per-client - on the client's OWN reply queue (one SysV queue per client: MSGMNI).
 * Client 0 is the benchmark thread; clients 1..N-1 are threads of the benchmark JVM doing the same
 * request/reply loop. The score is client 0's requests/s; the total is about score x CLIENTS.
 * Claims: C14.
 * Run just it: ./jipc bench --only ClientServerDesigns
 */
/** The two SysV client/server designs with 1, 4, 16 clients (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientServerDesigns {
    static final int SIZE = 64;

    /** The design. */
    @Param({"shared-queue", "queue-per-client"})
    public String design;

    /** Number of clients. */
    @Param({"1", "4", "16"})
    public int clients;

    private MessageChannel requests;
    private final List<MessageChannel> replies = new ArrayList<>();
    private ChildProcess peer;
    private Peers.Watchdog watchdog;
    private final List<Thread> others = new ArrayList<>();
    private volatile boolean stop;
    private Client me;

    /** Creates the queues, starts the server and the other clients. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        if (Ipc.backend("sysv") == null) {
            throw BenchSupport.skip(bp, "skipped: backend 'sysv' not installed");
        }
        BenchSupport.setUp(bp, "setup of " + design, this::tearDown, () -> {
            String reqKey = BenchSupport.randomKey();
            requests = Ipc.channel("sysv:?key=" + reqKey + "&open=create");
            int nReplies = design.equals("shared-queue") ? 1 : clients;
            List<String> args = new ArrayList<>();
            args.add(design);
            args.add("sysv:?key=" + reqKey + "&open=open");
            for (int i = 0; i < nReplies; i++) {
                String key = BenchSupport.randomKey();
                replies.add(Ipc.channel("sysv:?key=" + key + "&open=create"));
                args.add("sysv:?key=" + key + "&open=open");
            }
            peer = Peers.start(Server.class, args.toArray(new String[0]));
            watchdog = new Peers.Watchdog(peer, this::removeAll);
            me = client(0);
            me.call();
            for (int c = 1; c < clients; c++) {
                Client other = client(c);
                Thread t = new Thread(() -> {
                    try {
                        while (!stop) {
                            other.call();
                        }
                    } catch (RuntimeException e) {
                        if (!stop) {
                            throw e;
                        }
                    }
                }, "client-" + c);
                t.setDaemon(true);
                t.start();
                others.add(t);
            }
        });
    }

    private Client client(int id) {
        boolean shared = design.equals("shared-queue");
        return new Client(id, requests, shared ? replies.get(0) : replies.get(id), shared ? Select.tag(id + 1) : Select.any());
    }

    /** One request and its reply, by client 0. */
    @Benchmark
    public long request() {
        return me.call();
    }

    private void removeAll() {
        for (MessageChannel c : replies) {
            BenchSupport.removeQuietly(c::remove);
        }
        if (requests != null) {
            BenchSupport.removeQuietly(requests::remove);
        }
    }

    /** Stops clients and server, removes the queues. */
    @TearDown(Level.Trial)
    public void tearDown() {
        stop = true;
        if (watchdog != null) {
            watchdog.stop();
        }
        removeAll();
        for (Thread t : others) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        others.clear();
        if (peer != null) {
            peer.close();
            peer = null;
        }
        for (MessageChannel c : replies) {
            c.close();
        }
        replies.clear();
        if (requests != null) {
            requests.close();
            requests = null;
        }
    }

    /** One client's request/reply loop state. */
    static final class Client {
        final int id;
        final MessageChannel req;
        final MessageChannel rsp;
        final Select mine;
        final ByteBuffer msg = ByteBuffer.allocateDirect(SIZE);
        final ByteBuffer dst = ByteBuffer.allocateDirect(SIZE);

        Client(int id, MessageChannel req, MessageChannel rsp, Select mine) {
            this.id = id;
            this.req = req;
            this.rsp = rsp;
            this.mine = mine;
        }

        long call() {
            msg.clear();
            msg.putInt(0, id);
            req.send(msg, 1);
            dst.clear();
            return rsp.receive(dst, mine);
        }
    }

    /** The server: design, request queue URI, reply queue URIs. */
    public static final class Server {
        private Server() {
        }

        /** Entry point. */
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            boolean shared = args[0].equals("shared-queue");
            MessageChannel req = Ipc.channel(args[1]);
            MessageChannel[] rsp = new MessageChannel[args.length - 2];
            for (int i = 0; i < rsp.length; i++) {
                rsp[i] = Ipc.channel(args[2 + i]);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
            System.out.println("READY");
            System.out.flush();
            while (true) {
                buf.clear();
                req.receive(buf);
                int id = buf.getInt(0);
                buf.flip();
                if (shared) {
                    rsp[0].send(buf, id + 1);
                } else {
                    rsp[id].send(buf, 1);
                }
            }
        }
    }
}
