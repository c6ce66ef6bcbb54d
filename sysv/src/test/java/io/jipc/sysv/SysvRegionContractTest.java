package io.jipc.sysv;

import io.jipc.testkit.SharedRegionContract;

/** The region contract on SysV shared memory segments (named by key). */
class SysvRegionContractTest extends SharedRegionContract {
    @Override
    protected String freshUri() {
        return SysvTestUris.freshKeyUri() + "&size=8192";
    }
}
