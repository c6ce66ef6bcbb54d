package io.jipc.aeron;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.testkit.ContractSupport;
import io.jipc.testkit.peers.ChannelEcho;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs talking over Aeron: ping-pong over {@code aeron:udp} on the loopback interface (each
 * JVM with its embedded driver), and over {@code aeron:ipc} through one driver both share.
 */
class AeronCrossProcessTest extends ContractSupport {
    @Override
    protected String freshUri() {
        throw new UnsupportedOperationException();
    }

    private void pingPong(String requests, String replies) throws Exception {
        int count = 100;
        try (AeronMessageChannel in = (AeronMessageChannel) Ipc.channel(replies);
             MessageChannel out = Ipc.channel(requests)) {
            in.subscribe();
            ChildProcess echo = track(Spawner.jvm(ChannelEcho.class, requests, Integer.toString(count), "4096", replies).start());
            ByteBuffer m = ByteBuffer.allocateDirect(4096);
            ByteBuffer dst = ByteBuffer.allocateDirect(4096);
            for (int i = 0; i < count; i++) {
                int size = 8 + (i * 37) % 4088;
                m.clear().limit(size);
                m.putLong(0, i);
                assertTrue(out.send(m, 1000 + i, CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "send " + i + ": " + echo.output());
                dst.clear();
                long tag = in.receive(dst, Select.any(), CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(1000 + i, tag, "reply " + i + " with its tag; child: " + echo.output());
                assertEquals(size, dst.position());
                assertEquals(i, dst.getLong(0));
            }
            await(echo, "ECHOED " + count);
            awaitSuccess(echo);
        }
    }

    @Test
    void pingPongOverUdpBetweenTwoJvms() throws Exception {
        String base = "&term-length=256k";
        pingPong("aeron:udp?endpoint=localhost:" + TestDriver.freePort() + "&stream=" + TestDriver.stream() + base,
                "aeron:udp?endpoint=localhost:" + TestDriver.freePort() + "&stream=" + TestDriver.stream() + base);
    }

    @Test
    void pingPongOverIpcThroughASharedDriver() throws Exception {
        try (TestDriver driver = new TestDriver()) {
            String base = "&term-length=256k&" + driver.options();
            pingPong("aeron:ipc?stream=" + TestDriver.stream() + base, "aeron:ipc?stream=" + TestDriver.stream() + base);
        }
    }
}
