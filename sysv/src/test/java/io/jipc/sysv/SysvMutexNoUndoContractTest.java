package io.jipc.sysv;

import io.jipc.testkit.MutexContract;

/** The mutex contract on SysV semaphore sets without SEM_UNDO: a killed holder leaves it locked. */
class SysvMutexNoUndoContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return SysvTestUris.freshKeyUri() + "&undo=false";
    }

    /** SysV: IPC_RMID removes the set at once. */
    @Override
    protected RemoveWhileBlocked removeWhileBlocked() {
        return RemoveWhileBlocked.WAITERS_FAIL;
    }
}
