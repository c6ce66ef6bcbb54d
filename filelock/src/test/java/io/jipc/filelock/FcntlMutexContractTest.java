package io.jipc.filelock;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/** The shared {@link MutexContract} for {@code fcntl:}. */
class FcntlMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "fcntl:" + TestNames.path("fcntl.lock");
    }
}
