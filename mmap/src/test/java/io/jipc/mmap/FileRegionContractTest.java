package io.jipc.mmap;

import io.jipc.testkit.SharedRegionContract;
import io.jipc.testkit.TestNames;

/** The region contract for {@code file:} regions in {@code /dev/shm} (tmpfs). */
class FileRegionContractTest extends SharedRegionContract {
    @Override
    protected String freshUri() {
        return "file:/dev/shm/" + TestNames.unique("file") + "?size=4096";
    }
}
