package io.jipc.aeron;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The channel contract on {@code aeron:ipc} through one external media driver, which this test
 * JVM and its child JVMs share ({@code driver=external&dir=}).
 */
class AeronIpcChannelContractTest extends AeronChannelContract {
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
}
