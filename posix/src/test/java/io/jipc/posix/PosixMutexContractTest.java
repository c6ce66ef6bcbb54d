package io.jipc.posix;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Timeout;

/** The mutex contract on named semaphores. */
@Timeout(180)
class PosixMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "posix:" + TestNames.posixName("mc");
    }
}
