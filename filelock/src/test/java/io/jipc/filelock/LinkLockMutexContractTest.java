package io.jipc.filelock;

/** The shared {@link io.jipc.testkit.MutexContract} for {@code linklock:}. */
class LinkLockMutexContractTest extends LockFileSchemeContract {
    LinkLockMutexContractTest() {
        super("linklock");
    }
}
