package io.jipc.sysv;

import io.jipc.testkit.MessageChannelContract;

/** The channel contract on SysV message queues (named by key). */
class SysvChannelContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return SysvTestUris.freshKeyUri();
    }
}
