package io.jipc.filelock;

/** The shared {@link io.jipc.testkit.MutexContract} for {@code lockfile:}. */
class LockFileMutexContractTest extends LockFileSchemeContract {
    LockFileMutexContractTest() {
        super("lockfile");
    }
}
