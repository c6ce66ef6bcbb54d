package io.jipc.mmap;

import io.jipc.testkit.SharedRegionContract;
import io.jipc.testkit.TestNames;

/** The region contract for {@code file:} regions on a disk file system ({@link TestNames#dir()}). */
class DiskFileRegionContractTest extends SharedRegionContract {
    @Override
    protected String freshUri() {
        return "file:" + TestNames.path("file") + "?size=8192";
    }
}
