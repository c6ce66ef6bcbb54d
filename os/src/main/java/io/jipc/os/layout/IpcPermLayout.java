package io.jipc.os.layout;

/**
 * {@code struct ipc_perm} (glibc, LP64 Linux), the first member of {@code msqid_ds},
 * {@code semid_ds} and {@code shmid_ds}. Checked against the C compiler by {@code SysvLayoutTest}.
 */
public final class IpcPermLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 48;
    /** {@code key_t __key} (int). */
    public static final int KEY = 0;
    /** {@code uid_t uid}. */
    public static final int UID = 4;
    /** {@code gid_t gid}. */
    public static final int GID = 8;
    /** {@code uid_t cuid}. */
    public static final int CUID = 12;
    /** {@code gid_t cgid}. */
    public static final int CGID = 16;
    /** {@code mode_t mode} (permission bits in the low 9). */
    public static final int MODE = 20;
    /** {@code unsigned short __seq}. */
    public static final int SEQ = 24;

    private IpcPermLayout() {
    }
}
