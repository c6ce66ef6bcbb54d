package io.jipc.mmap.ring;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The ring between real processes: bulk exchange, wake-up stress, a producer killed mid-write. */
class RingTwoJvmTest {
    /**
     * Messages of the bulk exchange. The issue asks 10^6: that passed here but took 38-48 s with
     * the machine's two cores shared by several builds, so the default is 3 * 10^5;
     * {@code -DargLine=-Djipc.ring.test.count=1000000} runs the full count.
     */
    static final long COUNT = Long.getLong("jipc.ring.test.count", 300_000L);

    @Test
    void twoJvmsExchangeManyMessagesOfRandomSizesWithNothingLostDuplicatedOrReordered() throws Exception {
        String uri = "ring:/" + TestNames.unique("bulk") + "?capacity=256k";
        int maxPayload = 1000;
        try (MessageChannel ch = Ipc.channel(uri)) {
            try (ChildProcess child = Spawner.jvm(RingPeers.Producer.class, uri, Long.toString(COUNT), "7",
                    Integer.toString(maxPayload)).start()) {
                ByteBuffer in = ByteBuffer.allocateDirect(16 + maxPayload).order(ByteOrder.nativeOrder());
                for (long seq = 0; seq < COUNT; seq++) {
                    in.clear();
                    long tag = ch.receive(in, Select.any(), 60, TimeUnit.SECONDS);
                    assertNotEquals(MessageChannel.NO_MESSAGE, tag, "message " + seq + " never came: " + child.output());
                    assertEquals(seq, tag, "tag");
                    assertEquals(seq, in.getLong(0), "sequence number");
                    assertEquals(in.getLong(8), RingPeers.checksum(in, 16, in.position()), "checksum of message " + seq);
                }
                child.awaitOutput("SENT " + COUNT, Duration.ofSeconds(60));
                assertEquals(0, child.waitFor(Duration.ofSeconds(60)), child.output());
                assertEquals(MessageChannel.NO_MESSAGE, ch.tryReceive(in.clear(), Select.any()), "a duplicate");
                assertEquals(0, ch.stats().messages());
            } finally {
                ch.remove();
            }
        }
    }

    @Test
    void wakeUpStressWithBothSidesSleepingEveryTimeLosesNoWakeUp() throws Exception {
        long rounds = 10_000;
        long slice = 600_000_000_000L; // a lost wake-up must hang, not be saved by a slice's end
        String ping = "ring:/" + TestNames.unique("ping") + "?capacity=4k&spin=0";
        String pong = "ring:/" + TestNames.unique("pong") + "?capacity=4k&spin=0";
        long saved = RingChannel.sliceForNewHandles;
        RingChannel.sliceForNewHandles = slice;
        MessageChannel pingCh;
        MessageChannel pongCh;
        try {
            pingCh = Ipc.channel(ping);
            pongCh = Ipc.channel(pong);
        } finally {
            RingChannel.sliceForNewHandles = saved;
        }
        AtomicLong progress = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ChildProcess child = Spawner.jvm(RingPeers.Echo.class, ping, pong)
                .jvmOption("-Djipc.ring.slice-nanos=" + slice).start()) {
            Thread worker = new Thread(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocateDirect(64);
                    assertEquals(1, pongCh.receive(b)); // the echo is up
                    for (long i = 1; i <= rounds; i++) {
                        b.clear().limit((int) (i % 60));
                        pingCh.send(b, i);
                        b.clear();
                        assertEquals(i, pongCh.receive(b));
                        assertEquals(i % 60, b.position());
                        progress.set(i);
                    }
                    pingCh.send(b.clear().limit(0), 0);
                    assertEquals(0, pongCh.receive(b.clear()));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "ring-stress");
            worker.setDaemon(true);
            worker.start();
            long last = -1;
            long lastChange = System.nanoTime();
            while (worker.isAlive()) {
                worker.join(1000);
                long p = progress.get();
                if (p != last) {
                    last = p;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(30)) {
                    fail("watchdog: no round trip completed for 30 s after round " + p
                            + " (a lost wake-up); echo output:\n" + child.output());
                }
            }
            if (failure.get() != null) {
                throw new AssertionError("echo output:\n" + child.output(), failure.get());
            }
            assertEquals(rounds, progress.get());
            child.awaitOutput("DONE " + rounds, Duration.ofSeconds(60));
        } finally {
            pingCh.remove();
            pongCh.remove();
            pingCh.close(); // wakes a worker still asleep (watchdog failure)
            pongCh.close();
        }
    }

    @Test
    void aProducerKilledMidWriteLeavesNoHalfRecordAndTheConsumerLearnsItIsDead() throws Exception {
        String uri = "ring:/" + TestNames.unique("killed") + "?capacity=4k";
        MessageChannel consumer = Ipc.channel(uri);
        MessageChannel second = Ipc.channel(uri);
        try (ChildProcess child = Spawner.jvm(RingPeers.PartialWriter.class, uri).start()) {
            child.awaitOutput("PARTIAL", Duration.ofSeconds(60));
            IpcUnsupported refused = assertThrows(IpcUnsupported.class, () -> second.trySend(ByteBuffer.allocate(4), 5));
            assertTrue(refused.getMessage().contains("pid " + child.pid()), refused.getMessage());
            assertEquals(child.pid(), consumer.stats().lastSenderPid());

            ByteBuffer in = ByteBuffer.allocate(256);
            assertEquals(1, consumer.receive(in, Select.any(), 60, TimeUnit.SECONDS));
            assertEquals("hello", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
            assertEquals(MessageChannel.NO_MESSAGE, consumer.tryReceive(in.clear(), Select.any()), "the half record");

            child.killAndWait();
            IpcRemoved dead = assertThrows(IpcRemoved.class,
                    () -> consumer.receive(in.clear(), Select.any(), 60, TimeUnit.SECONDS));
            assertTrue(dead.getMessage().contains("producer (pid " + child.pid() + ") is dead"), dead.getMessage());
            assertEquals(MessageChannel.NO_MESSAGE, consumer.tryReceive(in.clear(), Select.any()));

            // the dead producer's role is taken over; its partial bytes are overwritten
            second.send(ByteBuffer.wrap("after".getBytes(StandardCharsets.US_ASCII)), 2);
            assertEquals(2, consumer.receive(in.clear(), Select.any(), 60, TimeUnit.SECONDS));
            assertEquals("after", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
            assertEquals(MessageChannel.NO_MESSAGE, consumer.tryReceive(in.clear(), Select.any()));
        } finally {
            consumer.remove();
            consumer.close();
            second.close();
        }
    }

    @Test
    void aProducerKilledAfterCommittingButBeforePublishingLosesNothingAndKeepsOrder() throws Exception {
        String uri = "ring:/" + TestNames.unique("committed") + "?capacity=1k";
        MessageChannel consumer = Ipc.channel(uri);
        MessageChannel second = Ipc.channel(uri);
        try (ChildProcess child = Spawner.jvm(RingPeers.CommittedUnpublishedWriter.class, uri).start()) {
            child.awaitOutput("COMMITTED", Duration.ofSeconds(60));
            child.killAndWait();
            // the consumer may read the committed record although TAIL never covered it ...
            ByteBuffer in = ByteBuffer.allocate(256);
            assertEquals(1, consumer.receive(in, Select.any(), 60, TimeUnit.SECONDS));
            assertEquals("hello", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
            assertEquals(7, consumer.receive(in.clear(), Select.any(), 60, TimeUnit.SECONDS));
            assertEquals("orphan", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
            // ... so the producer that takes over writes after it, and the consumer stays in step
            second.send(ByteBuffer.wrap("after".getBytes(StandardCharsets.US_ASCII)), 2);
            assertEquals(2, consumer.receive(in.clear(), Select.any(), 60, TimeUnit.SECONDS));
            assertEquals("after", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
            assertEquals(MessageChannel.NO_MESSAGE, consumer.tryReceive(in.clear(), Select.any()));
        } finally {
            consumer.remove();
            consumer.close();
            second.close();
        }
    }

    @Test
    void aSendBlockedOnAFullRingLearnsThatTheConsumerDied() throws Exception {
        String uri = "ring:/" + TestNames.unique("deadconsumer") + "?capacity=1k";
        MessageChannel producer = Ipc.channel(uri);
        try (ChildProcess child = Spawner.jvm(RingPeers.Consumer.class, uri).start()) {
            producer.send(ByteBuffer.allocate(10), 1);
            child.awaitOutput("GOT", Duration.ofSeconds(60));
            int queued = 0;
            while (producer.trySend(ByteBuffer.allocate(100), 2)) {
                queued++;
            }
            assertEquals(child.pid(), producer.stats().lastReceiverPid());
            child.killAndWait();
            IpcRemoved dead = assertThrows(IpcRemoved.class,
                    () -> producer.send(ByteBuffer.allocate(100), 3, 60, TimeUnit.SECONDS));
            assertTrue(dead.getMessage().contains("consumer (pid " + child.pid() + ") is dead"), dead.getMessage());
            try (MessageChannel consumer = Ipc.channel(uri)) { // takes the dead consumer's role over
                for (int i = 0; i < queued; i++) {
                    assertEquals(2, consumer.tryReceive(ByteBuffer.allocate(100), Select.any()));
                }
                assertEquals(MessageChannel.NO_MESSAGE, consumer.tryReceive(ByteBuffer.allocate(100), Select.any()));
            }
        } finally {
            producer.remove();
            producer.close();
        }
    }
}
