package io.jipc.os;

/**
 * Read-only questions about System V semaphore sets that {@code /proc/sysvipc/sem} does not
 * answer: the pid of the last {@code semop} on each semaphore and how many processes wait. Used by
 * {@code jipc ls} to tell an orphaned set from one in use, and by the test kit's leak guard to tell
 * which sets a test run created. Calls {@link SysvIpc#semctl} and only inspects.
 */
public final class SysvInspect {
    private SysvInspect() {
    }

    /**
     * {@code semctl(semid, semnum, cmd)} for one of the read-only commands {@code GETPID}, {@code GETNCNT}, {@code GETZCNT}.
     *
     * @param semid the semaphore set's identifier
     * @param semnum the semaphore's index in the set
     * @param cmd {@link SysvIpc#GETPID}, {@link SysvIpc#GETNCNT} or {@link SysvIpc#GETZCNT}
     * @return the answer, or {@code -1 - errno} when the call failed (e.g. {@code EACCES}, {@code EINVAL})
     */
    public static int semQuery(int semid, int semnum, int cmd) {
        if (cmd != SysvIpc.GETPID && cmd != SysvIpc.GETNCNT && cmd != SysvIpc.GETZCNT) {
            throw new IllegalArgumentException("semQuery: command " + cmd + " is not GETPID, GETNCNT or GETZCNT");
        }
        int r = SysvIpc.LIB.semctl(semid, semnum, cmd, 0L);
        return r >= 0 ? r : -1 - Native.errno();
    }
}
