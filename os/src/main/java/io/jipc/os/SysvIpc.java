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
    /** {@code IPC_CREAT}: create the object if the key has none. */
    int IPC_CREAT = 01000;
    /** {@code IPC_EXCL}: with {@code IPC_CREAT}, fail with {@code EEXIST} if it exists. */
    int IPC_EXCL = 02000;
    /** {@code IPC_NOWAIT}: fail with {@code EAGAIN}/{@code ENOMSG} instead of waiting. */
    int IPC_NOWAIT = 04000;
    /** {@code IPC_RMID}: control command: remove the object. */
    int IPC_RMID = 0;
    /** {@code IPC_SET}: control command: set owner, mode (and {@code msg_qbytes}). */
    int IPC_SET = 1;
    /** {@code IPC_STAT}: control command: read the {@code *_ds} structure. */
    int IPC_STAT = 2;
    /** {@code IPC_INFO}: control command: read the system limits. */
    int IPC_INFO = 3;

    /** {@code MSG_NOERROR}: {@code msgrcv}: truncate a message longer than the buffer. */
    int MSG_NOERROR = 010000;
    /** {@code MSG_EXCEPT}: {@code msgrcv}: take the first message whose type differs from {@code msgtyp}. */
    int MSG_EXCEPT = 020000;
    /** {@code MSG_COPY}: {@code msgrcv}: copy the message at position {@code msgtyp} without removing it. */
    int MSG_COPY = 040000;
    /** {@code MSG_STAT}: {@code msgctl}: {@code IPC_STAT} by kernel index (as {@code /proc/sysvipc/msg} lists). */
    int MSG_STAT = 11;

    /** {@code SEM_UNDO}: {@code semop}: the kernel undoes the operation when the process exits. */
    int SEM_UNDO = 0x1000;
    /** {@code GETPID}: {@code semctl}: pid of the last {@code semop} on the semaphore. */
    int GETPID = 11;
    /** {@code GETVAL}: {@code semctl}: the semaphore's value. */
    int GETVAL = 12;
    /** {@code GETALL}: {@code semctl}: every value of the set. */
    int GETALL = 13;
    /** {@code GETNCNT}: {@code semctl}: processes waiting for the value to increase. */
    int GETNCNT = 14;
    /** {@code GETZCNT}: {@code semctl}: processes waiting for the value to become zero. */
    int GETZCNT = 15;
    /** {@code SETVAL}: {@code semctl}: set the semaphore's value. */
    int SETVAL = 16;
    /** {@code SETALL}: {@code semctl}: set every value of the set. */
    int SETALL = 17;
    /** {@code SEM_STAT}: {@code semctl}: {@code IPC_STAT} by kernel index. */
    int SEM_STAT = 18;

    /** {@code SHM_RDONLY}: {@code shmat}: attach read-only. */
    int SHM_RDONLY = 010000;
    /** {@code SHM_RND}: {@code shmat}: round the address down to {@code SHMLBA}. */
    int SHM_RND = 020000;
    /** {@code SHM_STAT}: {@code shmctl}: {@code IPC_STAT} by kernel index. */
    int SHM_STAT = 13;

    /** {@code (void *) -1}: what a failed {@code shmat} returns. */
    long SHMAT_FAILED = -1L;

    /** The bindings, loaded once. */
    SysvIpc LIB = Native.load(SysvIpc.class);

    /**
     * {@code ftok}: derives a System V key from a path and a project id.
     *
     * @param pathname an existing file
     * @param proj_id the project id (its low 8 bits count)
     * @return the key, or -1 with errno saved
     */
    @SaveError
    int ftok(String pathname, int proj_id);

    /**
     * {@code msgget}: gets (or creates) a message queue.
     *
     * @param key the key (or {@code IPC_PRIVATE})
     * @param msgflg the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int msgget(int key, int msgflg);

    /**
     * {@code msgp} is the address of a {@code struct msgbuf}: {@code long mtype} then the bytes.
     *
     * @param msqid the queue identifier
     * @param msgp the address of a {@code struct msgbuf}
     * @param msgsz the size of the message text
     * @param msgflg the flags
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int msgsnd(int msqid, long msgp, @size_t long msgsz, int msgflg);

    /**
     * {@code msgrcv}: receives a message.
     *
     * @param msqid the queue identifier
     * @param msgp the address of a {@code struct msgbuf}
     * @param msgsz the size of the message text
     * @param msgtyp which message: 0 the first, &gt; 0 that type, &lt; 0 the lowest type up to its absolute value
     * @param msgflg the flags
     * @return the number of bytes, or -1 with errno saved
     */
    @SaveError
    @ssize_t
    long msgrcv(int msqid, long msgp, @size_t long msgsz, long msgtyp, int msgflg);

    /**
     * {@code msgctl}: controls a message queue.
     *
     * @param msqid the queue identifier
     * @param cmd the command
     * @param buf the native address of the buffer (or the structure)
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int msgctl(int msqid, int cmd, long buf);

    /**
     * {@code semget}: gets (or creates) a semaphore set.
     *
     * @param key the key (or {@code IPC_PRIVATE})
     * @param nsems the number of semaphores
     * @param semflg the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int semget(int key, int nsems, int semflg);

    /**
     * {@code semop}: operates on semaphores, atomically.
     *
     * @param semid the set identifier
     * @param sops the address of an array of {@code struct sembuf}
     * @param nsops the number of operations
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int semop(int semid, long sops, @size_t long nsops);

    /**
     * {@code timeout} is the address of a relative {@code struct timespec}, or 0 to wait forever.
     *
     * @param semid the set identifier
     * @param sops the address of an array of {@code struct sembuf}
     * @param nsops the number of operations
     * @param timeout the address of a relative {@code struct timespec}, or 0
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int semtimedop(int semid, long sops, @size_t long nsops, long timeout);

    /**
     * Fixed-arity form of the variadic {@code semctl} (see the class comment).
     *
     * @param semid the set identifier
     * @param semnum the semaphore's index
     * @param cmd the command
     * @param arg the fourth argument (see the class comment)
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int semctl(int semid, int semnum, int cmd, long arg);

    /**
     * {@code shmget}: gets (or creates) a shared memory segment.
     *
     * @param key the key (or {@code IPC_PRIVATE})
     * @param size the size in bytes
     * @param shmflg the flags
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int shmget(int key, @size_t long size, int shmflg);

    /**
     * The attach address, or {@link #SHMAT_FAILED}.
     *
     * @param shmid the segment identifier
     * @param shmaddr the address (0: let the kernel choose)
     * @param shmflg the flags
     * @return the attach address, or {@link #SHMAT_FAILED} with errno saved
     */
    @SaveError
    long shmat(int shmid, long shmaddr, int shmflg);

    /**
     * {@code shmdt}: detaches a segment.
     *
     * @param shmaddr the address (0: let the kernel choose)
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int shmdt(long shmaddr);

    /**
     * {@code shmctl}: controls a segment.
     *
     * @param shmid the segment identifier
     * @param cmd the command
     * @param buf the native address of the buffer (or the structure)
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int shmctl(int shmid, int cmd, long buf);
}
