package io.jipc.aeron;

/**
 * The channel contract on {@code aeron:udp} over the loopback interface, every JVM (this one and
 * each child) with its own embedded media driver.
 */
class AeronUdpChannelContractTest extends AeronChannelContract {
    @Override
    protected String freshUri() {
        return "aeron:udp?endpoint=127.0.0.1:" + TestDriver.freePort() + "&stream=" + TestDriver.stream() + "&term-length=64k";
    }

    /** Part of what the sender accepted waits in its term until the receiver's window opens. */
    @Override
    protected long inFlightMillis() {
        return 2000;
    }
}
