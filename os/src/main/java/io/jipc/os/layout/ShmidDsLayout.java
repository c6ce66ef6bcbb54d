package io.jipc.os.layout;

/**
 * {@code struct shmid_ds} (glibc, LP64 Linux), filled by {@code shmctl(IPC_STAT)}. Checked
 * against the C compiler by {@code SysvLayoutTest}.
 */
public final class ShmidDsLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 112;
    /** {@code struct ipc_perm shm_perm}. */
    public static final int SHM_PERM = 0;
    /** {@code size_t shm_segsz}: size in bytes. */
    public static final int SHM_SEGSZ = 48;
    /** {@code time_t shm_atime}: last attach. */
    public static final int SHM_ATIME = 56;
    /** {@code time_t shm_dtime}: last detach. */
    public static final int SHM_DTIME = 64;
    /** {@code time_t shm_ctime}: last change. */
    public static final int SHM_CTIME = 72;
    /** {@code pid_t shm_cpid}: creator. */
    public static final int SHM_CPID = 80;
    /** {@code pid_t shm_lpid}: last attach/detach. */
    public static final int SHM_LPID = 84;
    /** {@code shmatt_t shm_nattch}: attachments now. */
    public static final int SHM_NATTCH = 88;

    private ShmidDsLayout() {
    }
}
