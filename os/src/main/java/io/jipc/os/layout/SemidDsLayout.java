package io.jipc.os.layout;

/**
 * {@code struct semid_ds} (glibc, LP64 Linux), filled by {@code semctl(IPC_STAT)}. Checked
 * against the C compiler by {@code SysvLayoutTest}.
 */
public final class SemidDsLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 104;
    /** {@code struct ipc_perm sem_perm}. */
    public static final int SEM_PERM = 0;
    /** {@code time_t sem_otime}: last {@code semop}; 0 until the first one (the readiness mark). */
    public static final int SEM_OTIME = 48;
    /** {@code time_t sem_ctime}: last change. */
    public static final int SEM_CTIME = 64;
    /** {@code unsigned long sem_nsems}: semaphores in the set. */
    public static final int SEM_NSEMS = 80;

    private SemidDsLayout() {
    }
}
