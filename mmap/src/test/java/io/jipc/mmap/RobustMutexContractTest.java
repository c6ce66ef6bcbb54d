package io.jipc.mmap;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/** The mutex contract for {@code robust:/name} (the mutex in its own /dev/shm file). */
class RobustMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "robust:/" + TestNames.unique("robust");
    }
}
