package io.jipc.bench;

import io.jipc.os.ChildProcess;
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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/*
 * What: round-trip latency of one message to an echo peer in another JVM and back, for every
 * channel mechanism (jipc's sysv, posix, pipe, fifo, unix stream/seqpacket, ring; beside them
 * Agrona's OneToOneRingBuffer over a mapped file and the JDK's Unix-domain SocketChannel), at
 * 64 B, 1 KiB, 8 KiB and 64 KiB. Mode.SampleTime: the report shows p50/p90/p99/p99.9. The peer
 * is started once per trial through io.jipc.os.Spawner; a mechanism that is not installed, or a
 * size a default system limit forbids, is recorded as a skipped row, never raised.
 * Claims: C1 (shared memory fastest), C3 (queues vs pipes/sockets), C2 (the pipe side).
 * Run just it: ./jipc bench --only ChannelRoundTrip
 *          or: java -jar jipc-bench.jar ChannelRoundTrip -p mech=sysv -p size=64
 */
/** Round-trip latency of every channel mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChannelRoundTrip {
    /** The mechanism, see {@link Channels#ALL}. */
    @Param({"sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "ring", "aeron-ipc", "aeron-udp", "agrona", "jdk-unix"})
    public String mech;

    /** Payload bytes. */
    @Param({"64", "1024", "8192", "65536"})
    public int size;

    private Link out;
    private Link in;
    private ChildProcess peer;
    private Peers.Watchdog watchdog;
    private ByteBuffer msg;
    private ByteBuffer dst;
    private Path dir;
    private long ops;
    private final CpuWindow cpu = new CpuWindow();

    /** Opens both directions, starts the echo peer and checks one round trip. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Channels.unavailable(mech, size), "setup of " + mech, this::tearDown, () -> {
            dir = BenchSupport.tempDir("rtt");
            if (Channels.inherited(mech)) {
                io.jipc.api.MessageChannel ch = io.jipc.api.Ipc.channel(Channels.inheritedUri(mech, size));
                out = new Link.JipcLink(ch);
                in = out;
                peer = Peers.startInheriting(ch, ChannelPeer.class, "echo", Peers.PEER_END, "same", Integer.toString(size));
            } else {
                String[] req = Channels.endpoints(mech, size, dir, "req");
                String[] rsp = Channels.endpoints(mech, size, dir, "rsp");
                out = Link.open(req[0], true);
                in = Link.open(rsp[0], true);
                peer = Peers.start(ChannelPeer.class, "echo", req[1], rsp[1], Integer.toString(size));
            }
            Link o = out;
            Link i = in;
            watchdog = new Peers.Watchdog(peer, () -> {
                o.remove();
                i.remove();
            });
            msg = ByteBuffer.allocateDirect(size);
            dst = ByteBuffer.allocateDirect(Math.max(size, 64));
            for (int k = 0; k < size; k++) {
                msg.put(k, (byte) (k * 31 + 7));
            }
            int n = roundTrip();
            for (int k = 0; k < size; k++) {
                if (n != size || dst.get(k) != msg.get(k)) {
                    throw new IllegalStateException("echo came back different (length " + n + ", byte " + k + ")");
                }
            }
        });
        cpu.open(peer.pid());
    }

    /** One message there and back. */
    @Benchmark
    public int roundTrip() {
        msg.clear();
        out.send(msg);
        ops++;
        return in.receive(dst);
    }

    /** Records CPU time, stops the peer, removes every object. */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams bp) {
        cpu.record(bp, ops);
        if (watchdog != null && watchdog.death() != null) {
            BenchSupport.skip(bp, "failed: " + watchdog.death());
        }
        tearDown();
    }

    private void tearDown() {
        Peers.stop(watchdog, peer);
        peer = null;
        Link.discard(out);
        Link.discard(in);
        out = null;
        in = null;
        BenchSupport.deleteQuietly(dir);
    }
}
