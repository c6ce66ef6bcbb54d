package io.jipc.posix.stream;

import io.jipc.testkit.MessageChannelContract;
import io.jipc.testkit.TestNames;

/** The channel contract on {@code fifo:}. */
class FifoContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "fifo:" + TestNames.path("fifo");
    }
}
