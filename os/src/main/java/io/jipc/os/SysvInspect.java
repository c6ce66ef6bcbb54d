package io.jipc.os;

/**
 * Read-only questions about System V semaphore sets that {@code /proc/sysvipc/sem} does not
 * answer: the pid of the last {@code semop} on each semaphore and how many processes wait. Used by
 * {@code jipc ls} to tell an orphaned set from one in use, and by the test kit's leak guard to tell
 * which sets a test run created. Calls {@link SysvIpc#semctl} and only inspects.
 */
public final class SysvInspect {
    /** {@code semctl} command: pid of the last {@code semop}. */
    public static final int GETPID = 11;
    /** {@code semctl} command: processes waiting for the value to increase. */
    public static final int GETNCNT = 14;
    /** {@code semctl} command: processes waiting for the value to become zero. */
    public static final int GETZCNT = 15;

    private SysvInspect() {
    }

    /**
     * {@code semctl(semid, semnum, cmd)} for one of the read-only commands above.
     *
     * @param semid the semaphore set's identifier
     * @param semnum the semaphore's index in the set
     * @param cmd {@code GETPID}, {@code GETNCNT} or {@code GETZCNT}
     * @return the answer, or {@code -1 - errno} when the call failed (e.g. {@code EACCES}, {@code EINVAL})
     */
    public static int semQuery(int semid, int semnum, int cmd) {
        if (cmd != GETPID && cmd != GETNCNT && cmd != GETZCNT) {
            throw new IllegalArgumentException("semQuery: command " + cmd + " is not GETPID, GETNCNT or GETZCNT");
        }
        int r = SysvIpc.LIB.semctl(semid, semnum, cmd, 0L);
        return r >= 0 ? r : -1 - Native.errno();
    }
}
