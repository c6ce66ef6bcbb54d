package io.jipc.os;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <sys/ipc.h>}, {@code <sys/msg.h>}, {@code <sys/sem.h>}, {@code <sys/shm.h>}: System V
 * message queues, semaphore sets and shared memory segments (Linux x86-64 / aarch64 values).
 *
 * <p>C names for C functions and nothing else. Pointers are passed as {@code long} addresses (0
 * for {@code NULL}); structs are laid out with the classes of {@link io.jipc.os.layout}. Every
 * prototype has at most five primitive arguments (see {@link Mman} for why). {@code semctl} is
 * variadic in C: it is declared here with its fixed arity (the fourth argument, a
 * {@code union semun}, passed as a {@code long}: an {@code int} value for {@code SETVAL}, an
 * address for {@code IPC_STAT}/{@code IPC_SET}/{@code GETALL}/{@code SETALL}, 0 otherwise), which
 * is the same call on x86-64 and aarch64 Linux. Failure is {@code -1} (and {@code (void *) -1}
 * for {@code shmat}) with {@code errno} saved: read it once with {@link Native#errno()}.
 */
public interface SysvIpc {
    /** {@code IPC_PRIVATE}: a key that always creates a new object. */
    int IPC_PRIVATE = 0;
    int IPC_CREAT = 01000;
    int IPC_EXCL = 02000;
    int IPC_NOWAIT = 04000;
    int IPC_RMID = 0;
    int IPC_SET = 1;
    int IPC_STAT = 2;
    int IPC_INFO = 3;

    int MSG_NOERROR = 010000;
    int MSG_EXCEPT = 020000;
    int MSG_COPY = 040000;
    int MSG_STAT = 11;

    int SEM_UNDO = 0x1000;
    int GETPID = 11;
    int GETVAL = 12;
    int GETALL = 13;
    int GETNCNT = 14;
    int GETZCNT = 15;
    int SETVAL = 16;
    int SETALL = 17;
    int SEM_STAT = 18;

    int SHM_RDONLY = 010000;
    int SHM_RND = 020000;
    int SHM_STAT = 13;

    /** {@code (void *) -1}: what a failed {@code shmat} returns. */
    long SHMAT_FAILED = -1L;

    /** The bindings, loaded once. */
    SysvIpc LIB = Native.load(SysvIpc.class);

    @SaveError
    int ftok(String pathname, int proj_id);

    @SaveError
    int msgget(int key, int msgflg);

    /** {@code msgp} is the address of a {@code struct msgbuf}: {@code long mtype} then the bytes. */
    @SaveError
    int msgsnd(int msqid, long msgp, @size_t long msgsz, int msgflg);

    @SaveError
    @ssize_t
    long msgrcv(int msqid, long msgp, @size_t long msgsz, long msgtyp, int msgflg);

    @SaveError
    int msgctl(int msqid, int cmd, long buf);

    @SaveError
    int semget(int key, int nsems, int semflg);

    @SaveError
    int semop(int semid, long sops, @size_t long nsops);

    /** {@code timeout} is the address of a relative {@code struct timespec}, or 0 to wait forever. */
    @SaveError
    int semtimedop(int semid, long sops, @size_t long nsops, long timeout);

    /** Fixed-arity form of the variadic {@code semctl} (see the class comment). */
    @SaveError
    int semctl(int semid, int semnum, int cmd, long arg);

    @SaveError
    int shmget(int key, @size_t long size, int shmflg);

    /** The attach address, or {@link #SHMAT_FAILED}. */
    @SaveError
    long shmat(int shmid, long shmaddr, int shmflg);

    @SaveError
    int shmdt(long shmaddr);

    @SaveError
    int shmctl(int shmid, int cmd, long buf);
}
