package io.jipc.filelock;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/** The shared {@link MutexContract} for {@code flock:}. */
class FlockMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "flock:" + TestNames.path("flock.lock");
    }
}
