package io.jipc.filelock;

import io.jipc.testkit.MutexContract;
import io.jipc.testkit.TestNames;

/**
 * The shared {@link MutexContract} for the two lock-file schemes ({@code lockfile:},
 * {@code linklock:}): a fresh lock file in its own directory, polled every 5 ms.
 */
abstract class LockFileSchemeContract extends MutexContract {
    private final String scheme;

    LockFileSchemeContract(String scheme) {
        this.scheme = scheme;
    }

    @Override
    protected String freshUri() {
        return scheme + ":" + TestNames.path(scheme + "-dir").resolve("lock") + "?poll=5ms";
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
