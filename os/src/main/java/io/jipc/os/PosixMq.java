package io.jipc.os;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@code <mqueue.h>}: POSIX message queues. On Linux an {@code mqd_t} is a file descriptor
 * ({@code poll}/{@code epoll} work on it, the kernel always opens it {@code O_CLOEXEC}).
 *
 * <p>Pointers are {@code long} addresses into native memory ({@code 0} is {@code NULL}); struct
 * {@code mq_attr} is read and written with {@link io.jipc.os.layout.MqAttrLayout}.
 * {@code mq_open} is variadic in C: it is bound here with its full fixed arity (name, oflag, mode,
 * attr), which is the same call on x86-64 and aarch64 Linux. Every hot-path prototype has at most
 * five primitive arguments (see {@link Mman} for the jnr-ffi six-argument pitfall).
 *
 * <p>{@code mq_notify} is deliberately not bound: see {@code README.md} (section posix) for why
 * {@code poll}/{@code epoll} is the supported way to wait on several queues from a JVM.
 */
public interface PosixMq {
    /** {@code MQ_PRIO_MAX} when {@code sysconf} cannot tell (Linux's value). */
    int DEFAULT_MQ_PRIO_MAX = 32768;
    /** Kernel ceiling of {@code mq_maxmsg}, even for privileged processes ({@code HARD_MSGMAX}). */
    long HARD_MSGMAX = 65536;
    /** Kernel ceiling of {@code mq_msgsize}, even for privileged processes ({@code HARD_MSGSIZEMAX}). */
    long HARD_MSGSIZEMAX = 16L * 1024 * 1024;

    /** The bindings, loaded once. */
    PosixMq LIB = Native.load(PosixMq.class);

    /**
     * {@code mqd_t mq_open(const char *name, int oflag, mode_t mode, struct mq_attr *attr)}; -1 and errno on failure.
     *
     * @param name the name ({@code "/NAME"})
     * @param oflag the {@code O_*} open flags
     * @param mode the permission bits (before the umask)
     * @param attr the address of the attributes
     * @return the identifier or descriptor, or -1 with errno saved
     */
    @SaveError
    int mq_open(String name, int oflag, int mode, long attr);

    /**
     * {@code mq_send}: sends a message.
     *
     * @param mqdes the queue descriptor
     * @param msg the native address of the message
     * @param len the length in bytes
     * @param prio the priority
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_send(int mqdes, long msg, @size_t long len, int prio);

    /**
     * {@code mq_timedsend}: sends, waiting at most until a deadline.
     *
     * @param mqdes the queue descriptor
     * @param msg the native address of the message
     * @param len the length in bytes
     * @param prio the priority
     * @param absTimeout the address of an absolute {@code CLOCK_REALTIME} {@code struct timespec}
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_timedsend(int mqdes, long msg, @size_t long len, int prio, long absTimeout);

    /**
     * {@code mq_receive}: receives the oldest message of the highest priority.
     *
     * @param mqdes the queue descriptor
     * @param msg the native address of the message
     * @param len the length in bytes
     * @param prioOut the address of an {@code unsigned int} that receives the priority, or 0
     * @return the number of bytes, or -1 with errno saved
     */
    @SaveError
    @ssize_t long mq_receive(int mqdes, long msg, @size_t long len, long prioOut);

    /**
     * {@code mq_timedreceive}: receives, waiting at most until a deadline.
     *
     * @param mqdes the queue descriptor
     * @param msg the native address of the message
     * @param len the length in bytes
     * @param prioOut the address of an {@code unsigned int} that receives the priority, or 0
     * @param absTimeout the address of an absolute {@code CLOCK_REALTIME} {@code struct timespec}
     * @return the number of bytes, or -1 with errno saved
     */
    @SaveError
    @ssize_t long mq_timedreceive(int mqdes, long msg, @size_t long len, long prioOut, long absTimeout);

    /**
     * {@code mq_getattr}: reads the attributes.
     *
     * @param mqdes the queue descriptor
     * @param attrOut attrOut
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_getattr(int mqdes, long attrOut);

    /**
     * {@code mq_setattr}: sets {@code O_NONBLOCK}.
     *
     * @param mqdes the queue descriptor
     * @param attr the address of the attributes
     * @param oldAttrOut the address that receives the old attributes, or 0
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_setattr(int mqdes, long attr, long oldAttrOut);

    /**
     * {@code mq_close}: closes the descriptor.
     *
     * @param mqdes the queue descriptor
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_close(int mqdes);

    /**
     * {@code mq_unlink}: removes the name.
     *
     * @param name the name ({@code "/NAME"})
     * @return 0 (or the requested value), or -1 with errno saved
     */
    @SaveError
    int mq_unlink(String name);
}
