package io.jipc.aeron;

import io.jipc.testkit.MessageChannelContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel contract on {@code aeron:ipc} through one external media driver, which this test
 * JVM and its child JVMs share ({@code driver=external&dir=}).
 */
class AeronIpcChannelContractTest extends MessageChannelContract {
    private static TestDriver driver;

    @BeforeAll
    static void startDriver() {
        driver = new TestDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @Override
    protected String freshUri() {
        return "aeron:ipc?stream=" + TestDriver.stream() + "&term-length=64k&" + driver.options();
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
