package io.jipc.sysv;

import io.jipc.testkit.MutexContract;

/** The mutex contract on SysV semaphore sets with SEM_UNDO (the default). */
class SysvMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return SysvTestUris.freshKeyUri();
    }
}
