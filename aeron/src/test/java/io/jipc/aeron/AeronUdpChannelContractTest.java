package io.jipc.aeron;

import io.jipc.testkit.MessageChannelContract;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel contract on {@code aeron:udp} over the loopback interface, every JVM (this one and
 * each child) with its own embedded media driver.
 */
class AeronUdpChannelContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "aeron:udp?endpoint=127.0.0.1:" + TestDriver.freePort() + "&stream=" + TestDriver.stream() + "&term-length=64k";
    }

    /** Part of what the sender accepted waits in its term until the receiver's window opens. */
    @Override
    protected long inFlightMillis() {
        return 2000;
    }

    @Override
    protected boolean supportsOpenModes() {
        return false;
    }

    /** Aeron keeps nothing for absent receivers: the receiving end subscribes before anything is sent. */
    @Override
    protected Pair openPair() {
        Pair p = super.openPair();
        ((AeronMessageChannel) p.receiver()).subscribe();
        assertTrue(((AeronMessageChannel) p.sender()).awaitSubscriber(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        return p;
    }

}
