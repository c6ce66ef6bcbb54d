package io.jipc.posix.stream;

import io.jipc.testkit.MessageChannelContract;
import io.jipc.testkit.TestNames;

/** The channel contract on a named {@code unix:} stream socket (first opener listens, peers connect). */
class UnixStreamContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "unix:" + TestNames.path("sock");
    }
}
