package io.jipc.sysv;

import io.jipc.testkit.MutexContract;

/** The mutex contract on SysV semaphore sets with SEM_UNDO (the default). */
class SysvMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return SysvTestUris.freshKeyUri();
    }

    /** SysV: IPC_RMID removes the set at once. */
    @Override
    protected RemoveWhileBlocked removeWhileBlocked() {
        return RemoveWhileBlocked.WAITERS_FAIL;
    }
}
