package io.jipc.bench;

import io.jipc.api.SharedRegion;
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
 * What: bandwidth of a large block copied into ("write") and out of ("read") a shared region that
 * is already mapped and touched (warm), and of a first touch (create + map + write every page of
 * a fresh region, + close and remove), for every region mechanism: SysV shm, POSIX shm, a mapped
 * file on the disk file system, a mapped file on tmpfs, anonymous memfd memory. Time per block;
 * the report turns it into GB/s.
 * Claims: C1 (region bytes/s vs channels), C11 (file vs tmpfs vs anonymous memory).
 * Run just it: ./jipc bench --only RegionBandwidth
 *          or: java -jar jipc-bench.jar RegionBandwidth -p mech=file-disk -p block=16777216
 */
/** Warm and first-touch bandwidth of every region mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegionBandwidth {
    /** The mechanism, see {@link Regions#ALL}. */
    @Param({"sysv", "posix", "file-disk", "file-tmpfs", "anon"})
    public String mech;

    /** Block size in bytes. */
    @Param({"67108864"})
    public int block;

    private SharedRegion region;
    private ByteBuffer rb;
    private ByteBuffer priv;
    private Path disk;

    /** Creates and touches the region. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Regions.unavailable(mech), "setup of " + mech, this::tearDown, () -> {
            disk = Regions.diskDir();
            region = Regions.create(mech, block, disk);
            rb = region.buffer();
            priv = ByteBuffer.allocateDirect(block);
            for (int i = 0; i < block; i += 4096) {
                priv.put(i, (byte) i);
                rb.put(i, (byte) 1);
            }
        });
    }

    /** Copies the block into the warm region. */
    @Benchmark
    public int writeWarm() {
        rb.clear();
        priv.clear();
        rb.put(priv);
        return rb.position();
    }

    /** Copies the block out of the warm region. */
    @Benchmark
    public int readWarm() {
        rb.clear();
        priv.clear();
        priv.put(rb);
        return priv.position();
    }

    /** Creates a fresh region, writes every byte (first touch of every page), closes and removes it. */
    @Benchmark
    public int writeFirstTouch() {
        SharedRegion r = Regions.create(mech, block, disk);
        try {
            ByteBuffer b = r.buffer();
            priv.clear();
            b.put(priv);
            return b.position();
        } finally {
            r.remove();
            r.close();
        }
    }

    /** Removes the region. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Regions.discard(region, disk);
        region = null;
    }
}
