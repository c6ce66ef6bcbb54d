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
 * What: one-way throughput (messages/s; the report derives bytes/s) of every channel mechanism
 * into a consumer JVM that counts and checks every message (length and sequence number; a
 * mismatch ends the consumer and fails the trial). Payload 64 B, 1 KiB, 8 KiB, 64 KiB where the
 * default limits allow. The channel's own capacity is the back-pressure.
 * Claims: C1 (shared memory vs kernel copies, bytes/s), C3 (the channel table).
 * Run just it: ./jipc bench --only ChannelThroughput
 *          or: java -jar jipc-bench.jar ChannelThroughput -p mech=posix
 */
/** One-way throughput of every channel mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChannelThroughput {
    /** The mechanism, see {@link Channels#ALL}. */
    @Param({"sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "ring", "aeron-ipc", "aeron-udp", "agrona", "jdk-unix"})
    public String mech;

    /** Payload bytes. */
    @Param({"64", "1024", "8192", "65536"})
    public int size;

    private Link out;
    private ChildProcess peer;
    private Peers.Watchdog watchdog;
    private ByteBuffer msg;
    private Path dir;
    private long seq;
    private final CpuWindow cpu = new CpuWindow();

    /** Opens the channel and starts the consumer. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Channels.unavailable(mech, size), "setup of " + mech, this::tearDown, () -> {
            dir = BenchSupport.tempDir("tput");
            if (Channels.inherited(mech)) {
                io.jipc.api.MessageChannel ch = io.jipc.api.Ipc.channel(Channels.inheritedUri(mech, size));
                out = new Link.JipcLink(ch);
                peer = Peers.startInheriting(ch, ChannelPeer.class, "consume", Peers.PEER_END, Integer.toString(size));
            } else {
                String[] ep = Channels.endpoints(mech, size, dir, "data");
                out = Link.open(ep[0], true);
                peer = Peers.start(ChannelPeer.class, "consume", ep[1], Integer.toString(size));
            }
            Link o = out;
            watchdog = new Peers.Watchdog(peer, o::remove);
            msg = ByteBuffer.allocateDirect(size);
        });
        cpu.open(peer.pid());
    }

    /** Sends one message carrying the next sequence number. */
    @Benchmark
    public void send() {
        msg.clear();
        msg.putLong(0, seq++);
        out.send(msg);
    }

    /** Records CPU time, checks the consumer is still content, removes everything. */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams bp) {
        cpu.record(bp, seq);
        if (watchdog != null && watchdog.death() != null) {
            BenchSupport.skip(bp, "failed: consumer check: " + watchdog.death());
        } else if (peer != null && peer.output().contains("BAD")) {
            BenchSupport.skip(bp, "failed: consumer check: " + peer.output().trim());
        }
        tearDown();
    }

    private void tearDown() {
        Peers.stop(watchdog, peer);
        peer = null;
        Link.discard(out);
        out = null;
        BenchSupport.deleteQuietly(dir);
    }
}
