package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A side already asleep on the futex learns that the other side's process was killed ({@code kill
 * -9}): the liveness of the peer is no longer asked before every sleep, only once a wait has
 * lasted, between slices; these tests kill the peer after the waiter has announced itself asleep
 * (its {@code *_SLEEPING} flag, read from the ring file), so only that later check can end the wait.
 */
class RingLivenessTest {
    @Test
    void aReceiverAlreadyAsleepLearnsThatTheProducerWasKilled() throws Exception {
        String uri = "ring:/" + TestNames.unique("asleep-rx") + "?capacity=4k&spin=0";
        RingChannel consumer = (RingChannel) Ipc.channel(uri);
        try (ChildProcess child = Spawner.jvm(RingPeers.IdleProducer.class, uri).start()) {
            child.awaitOutput("SENT", Duration.ofSeconds(60));
            ByteBuffer in = ByteBuffer.allocate(64);
            assertEquals(1, consumer.receive(in, Select.any(), 60, TimeUnit.SECONDS));
            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> consumer.receive(in.clear(), Select.any()));
            killWhileAsleep(child, consumer.file(), RingLayout.CONSUMER_SLEEPING, blocked, "producer");
        } finally {
            consumer.remove();
            consumer.close();
        }
    }

    @Test
    void aSenderAlreadyAsleepOnAFullRingLearnsThatTheConsumerWasKilled() throws Exception {
        String uri = "ring:/" + TestNames.unique("asleep-tx") + "?capacity=1k&spin=0";
        RingChannel producer = (RingChannel) Ipc.channel(uri);
        try (ChildProcess child = Spawner.jvm(RingPeers.Consumer.class, uri).start()) {
            producer.send(ByteBuffer.allocate(10), 1);
            child.awaitOutput("GOT", Duration.ofSeconds(60));
            while (producer.trySend(ByteBuffer.allocate(100), 2)) {
                assertTrue(producer.stats().messages() < 1024, "the ring never filled");
            }
            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
                producer.send(ByteBuffer.allocate(100), 3);
                return true;
            });
            killWhileAsleep(child, producer.file(), RingLayout.PRODUCER_SLEEPING, blocked, "consumer");
        } finally {
            producer.remove();
            producer.close();
        }
    }

    @Test
    void aReceiveThatSleepsForEveryMessageAllocatesNothingWhileThePeerLives() throws Exception {
        String ping = "ring:/" + TestNames.unique("sleepy-ping") + "?capacity=4k&spin=0";
        String pong = "ring:/" + TestNames.unique("sleepy-pong") + "?capacity=4k&spin=0";
        try (MessageChannel out = Ipc.channel(ping); MessageChannel in = Ipc.channel(pong);
             ChildProcess child = Spawner.jvm(RingPeers.Echo.class, ping, pong).start()) {
            try {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                assertEquals(1, in.receive(b)); // the echo is up
                com.sun.management.ThreadMXBean mx =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                long tid = Thread.currentThread().getId();
                roundTrips(out, in, b, 1, 2_000); // warm-up
                long before = mx.getThreadAllocatedBytes(tid);
                roundTrips(out, in, b, 2_001, 5_000);
                long allocated = mx.getThreadAllocatedBytes(tid) - before;
                // spin=0: every receive sleeps in FUTEX_WAIT; asking /proc whether the echo lives
                // before each sleep cost ~1 KB each (String, Path, byte[]), ~5 MB here
                assertTrue(allocated < 32 * 1024, "allocated " + allocated + " bytes over 3000 round trips that sleep");
                out.send(b.clear().limit(0), 0);
                assertEquals(0, in.receive(b.clear()));
                child.awaitOutput("DONE", Duration.ofSeconds(60));
            } finally {
                out.remove();
                in.remove();
            }
        }
    }

    private static void roundTrips(MessageChannel out, MessageChannel in, ByteBuffer b, long from, long to) {
        for (long i = from; i <= to; i++) {
            b.clear().limit(8);
            out.send(b, i);
            assertEquals(i, in.receive(b.clear()));
        }
    }

    /**
     * Kills the child once the waiter has announced itself asleep, then expects the wait to end
     * with {@link IpcRemoved} naming the dead {@code role} and its pid.
     */
    private static void killWhileAsleep(ChildProcess child, Path file, int flag, CompletableFuture<?> blocked,
                                        String role) throws Exception {
        awaitFlag(file, flag, blocked);
        child.killAndWait();
        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(60, TimeUnit.SECONDS));
        assertInstanceOf(IpcRemoved.class, e.getCause(), String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains(role + " (pid " + child.pid() + ") is dead"),
                e.getCause().getMessage());
    }

    /** Waits until the waiter has announced itself asleep (the flag is set while it is in FUTEX_WAIT). */
    private static void awaitFlag(Path file, int flag, CompletableFuture<?> waiter) throws Exception {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m = fc.map(FileChannel.MapMode.READ_ONLY, 0, RingLayout.HEADER_SIZE);
            m.order(ByteOrder.nativeOrder());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (m.getInt(flag) != 1) {
                assertFalse(waiter.isDone(), "the waiter ended before it slept");
                assertTrue(System.nanoTime() < deadline, "the waiter never announced itself asleep");
                Thread.sleep(1);
            }
        }
    }
}
