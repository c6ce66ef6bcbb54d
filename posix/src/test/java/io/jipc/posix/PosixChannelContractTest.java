package io.jipc.posix;

import io.jipc.testkit.MessageChannelContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Timeout;

/** The channel contract on POSIX queues (small queues: RLIMIT_MSGQUEUE is per user and shared). */
@Timeout(180)
class PosixChannelContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "posix:" + TestNames.posixName("cc") + "?maxmsg=10&msgsize=1024";
    }

    /** mq_receive refuses a buffer smaller than mq_msgsize (EMSGSIZE, nothing dequeued). */
    @Override
    protected int minimumReceiveRoom(io.jipc.api.MessageChannel ch) {
        return (int) ch.capabilities().maxMessageSize();
    }
}
