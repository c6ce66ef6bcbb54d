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
 * What: the cost of making a region durable: dirty every page of a block (one byte per 4 KiB page)
 * then SharedRegion.sync() (msync(MS_SYNC) for files; a no-op for memory-only regions, measured
 * anyway so the difference shows). "dirtyOnly" is the same without the sync, the baseline.
 * Claims: C11 (a mapped file goes through the disk; tmpfs and anonymous memory do not).
 * Run just it: ./jipc bench --only RegionSync
 *          or: java -jar jipc-bench.jar RegionSync -p mech=file-disk
 */
/** Dirty + msync cost per region mechanism (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegionSync {
    /** The mechanism, see {@link Regions#ALL}. */
    @Param({"sysv", "posix", "file-disk", "file-tmpfs", "anon"})
    public String mech;

    /** Block size in bytes. */
    @Param({"4194304"})
    public int block;

    private SharedRegion region;
    private ByteBuffer rb;
    private Path disk;
    private byte stamp;

    /** Creates the region. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        BenchSupport.setUp(bp, Regions.unavailable(mech), "setup of " + mech, this::tearDown, () -> {
            disk = Regions.diskDir();
            region = Regions.create(mech, block, disk);
            rb = region.buffer();
            dirty();
        });
    }

    private void dirty() {
        byte s = ++stamp;
        for (int i = 0; i < block; i += 4096) {
            rb.put(i, s);
        }
    }

    /** Dirties every page, then syncs. */
    @Benchmark
    public void dirtyAndSync() {
        dirty();
        region.sync();
    }

    /** Dirties every page only (baseline). */
    @Benchmark
    public void dirtyOnly() {
        dirty();
    }

    /** Removes the region. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Regions.discard(region, disk);
        region = null;
    }
}
