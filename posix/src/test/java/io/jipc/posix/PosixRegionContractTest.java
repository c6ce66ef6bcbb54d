package io.jipc.posix;

import io.jipc.testkit.SharedRegionContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Timeout;

/** The region contract on shm_open objects. */
@Timeout(180)
class PosixRegionContractTest extends SharedRegionContract {
    @Override
    protected String freshUri() {
        return "posix:" + TestNames.posixName("rc") + "?size=64k";
    }
}
