package io.jipc.filelock;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/** The shared {@link MutexContract} for {@code linklock:}. */
class LinkLockMutexContractTest extends MutexContract {
    @Override
    protected String freshUri() {
        return "linklock:" + TestNames.path("linklock-dir").resolve("lock") + "?poll=5ms";
    }

    @Override
    protected int increments() {
        return 100;
    }

    /** The lock file is the lock: removing it breaks the lock. */
    @Override
    protected RemoveWhileBlocked removeWhileBlocked() {
        return RemoveWhileBlocked.LOCK_BROKEN;
    }
}
