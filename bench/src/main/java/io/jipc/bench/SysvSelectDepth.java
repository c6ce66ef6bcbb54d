package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.SystemLimits;
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
import java.util.concurrent.TimeUnit;

/*
 * What: C4, a SysV queue is a linked list. AHEAD messages of type 2 sit in the queue; each
 * operation sends one message of type 1 (it goes to the tail) and receives it with
 * Select.tag(1) (msgrcv msgtyp=1), which walks past every message ahead. The report fits the
 * slope in ns per message ahead. 8-byte messages, so 1000 ahead stay within the default msgmnb.
 * Claims: C4.
 * Run just it: ./jipc bench --only SysvSelectDepth
 */
/** SysV receive-by-type cost vs messages ahead (see the comment above). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SysvSelectDepth {
    /** Non-matching messages queued ahead. */
    @Param({"0", "10", "100", "1000"})
    public int ahead;

    private MessageChannel ch;
    private final ByteBuffer msg = ByteBuffer.allocateDirect(8);
    private final ByteBuffer dst = ByteBuffer.allocateDirect(64);
    private final Select one = Select.tag(1);

    /** Creates the queue and fills it with the messages ahead. */
    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        if (Ipc.backend("sysv") == null) {
            throw BenchSupport.skip(bp, "skipped: backend 'sysv' not installed");
        }
        if ((ahead + 1L) * 8 > SystemLimits.msgmnb()) {
            throw BenchSupport.skip(bp, "not allowed by limit msgmnb=" + SystemLimits.msgmnb());
        }
        BenchSupport.setUp(bp, "setup", this::tearDown, () -> {
            ch = Ipc.channel("sysv:?key=" + BenchSupport.randomKey() + "&open=create");
            for (int i = 0; i < ahead; i++) {
                msg.clear();
                ch.send(msg, 2);
            }
        });
    }

    /** Send type 1 to the tail, receive it by type past the messages ahead. */
    @Benchmark
    public long sendThenSelect() {
        msg.clear();
        ch.send(msg, 1);
        dst.clear();
        return ch.receive(dst, one);
    }

    /** Removes the queue. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (ch != null) {
            BenchSupport.removeQuietly(ch::remove);
            ch.close();
            ch = null;
        }
    }
}
