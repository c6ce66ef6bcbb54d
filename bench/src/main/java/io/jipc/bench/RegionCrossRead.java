package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;
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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/*
 * What: cross-process first read. A peer JVM creates a region and fills it; each operation of the
 * benchmark opens that region by name (a new mapping), reads the whole block once (every page
 * faulted in for the first time in this process) and closes it. Anonymous regions have no name
 * (they reach only spawned children by an inherited descriptor) and are reported as skipped.
 * Claims: C11 (file-backed vs memory-backed sharing), C1 (region bandwidth across processes).
 * Run just it: ./jipc bench --only RegionCrossRead
 */
/** Cross-process first read of a region written by another JVM (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegionCrossRead {
    /** The mechanism, see {@link Regions#ALL}. */
    @Param({"sysv", "posix", "file-disk", "file-tmpfs", "anon"})
    public String mech;

    /** Block size in bytes. */
    @Param({"16777216"})
    public int block;

    private ChildProcess peer;
    private String openUri;
    private String createUri;
    private ByteBuffer priv;
    private Path disk;

    /** Starts the writer peer. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        String why = Regions.unavailable(mech);
        if (why == null && mech.equals("anon")) {
            why = "skipped: anon regions have no name; only a spawned child inheriting the descriptor can map them";
        }
        if (why != null) {
            throw BenchSupport.skip(bp, why);
        }
        BenchSupport.setUp(bp, "setup of " + mech, this::tearDown, () -> {
            disk = Regions.diskDir();
            String[] u = Regions.uris(mech, block, disk);
            createUri = u[0];
            openUri = u[1];
            peer = Peers.start(Writer.class, createUri);
            priv = ByteBuffer.allocateDirect(block);
        });
    }

    /** Maps the peer's region, reads all of it, unmaps. */
    @Benchmark
    public long firstRead() {
        try (SharedRegion r = Ipc.region(openUri)) {
            ByteBuffer b = r.buffer();
            priv.clear();
            priv.put(b);
            return priv.getLong(block - 8);
        }
    }

    /** Stops the peer and removes the region. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
        if (openUri != null) {
            try (SharedRegion r = Ipc.region(openUri)) {
                r.remove();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        BenchSupport.deleteQuietly(disk);
    }

    /** The peer: creates the region, fills it, waits to be killed. */
    public static final class Writer {
        private Writer() {
        }

        /** Entry point: args[0] is the region URI to create. */
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            SharedRegion r = Ipc.region(args[0]);
            ByteBuffer b = r.buffer();
            for (int i = 0; i + 8 <= b.capacity(); i += 8) {
                b.putLong(i, i);
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
