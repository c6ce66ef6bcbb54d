package io.jipc.os.layout;

/**
 * {@code struct msqid_ds} (glibc, LP64 Linux), filled by {@code msgctl(IPC_STAT)}. Checked
 * against the C compiler by {@code SysvLayoutTest}.
 */
public final class MsqidDsLayout {
    /** The size of the structure in bytes. */
    public static final int SIZE = 120;
    /** {@code struct ipc_perm msg_perm} (see {@link IpcPermLayout}). */
    public static final int MSG_PERM = 0;
    /** {@code time_t msg_stime}: last {@code msgsnd}. */
    public static final int MSG_STIME = 48;
    /** {@code time_t msg_rtime}: last {@code msgrcv}. */
    public static final int MSG_RTIME = 56;
    /** {@code time_t msg_ctime}: last change. */
    public static final int MSG_CTIME = 64;
    /** {@code unsigned long msg_cbytes}: bytes queued. */
    public static final int MSG_CBYTES = 72;
    /** {@code msgqnum_t msg_qnum}: messages queued. */
    public static final int MSG_QNUM = 80;
    /** {@code msglen_t msg_qbytes}: capacity in bytes. */
    public static final int MSG_QBYTES = 88;
    /** {@code pid_t msg_lspid}: last sender. */
    public static final int MSG_LSPID = 96;
    /** {@code pid_t msg_lrpid}: last receiver. */
    public static final int MSG_LRPID = 100;

    private MsqidDsLayout() {
    }
}
