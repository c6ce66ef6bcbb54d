package io.jipc.filelock;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/** The shared {@link MutexContract} for {@code ofd:}. */
class OfdMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "ofd:" + TestNames.path("ofd.lock");
    }
}
