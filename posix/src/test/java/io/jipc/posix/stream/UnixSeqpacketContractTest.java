package io.jipc.posix.stream;

import io.jipc.testkit.MessageChannelContract;
import io.jipc.testkit.TestNames;

/** The channel contract on a named {@code unix:} seqpacket socket. */
class UnixSeqpacketContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "unix:" + TestNames.path("seqp") + "?type=seqpacket";
    }
}
