package io.jipc.mmap.ring;

import io.jipc.testkit.MessageChannelContract;
import io.jipc.testkit.TestNames;

/** The shared channel contract, run on {@code ring:}. */
class RingChannelContractTest extends MessageChannelContract {
    @Override
    protected String freshUri() {
        return "ring:/" + TestNames.unique("contract") + "?capacity=64k";
    }
}
