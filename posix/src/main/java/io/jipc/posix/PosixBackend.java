package io.jipc.posix;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.os.PosixMq;
import io.jipc.os.SystemLimits;
import io.jipc.spi.Backend;
import io.jipc.spi.Limit;
import io.jipc.spi.ObjectInfo;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Scheme {@code posix}: POSIX IPC objects named {@code posix:/name} — a message queue
 * ({@link PosixMessageChannel}, {@code mq_open}), a mutex on a named semaphore
 * ({@link PosixMutex}, {@code sem_open}) and shared memory ({@link PosixSharedRegion},
 * {@code shm_open}). The three live in separate name spaces: the same name may be a queue, a
 * semaphore and a region at once.
 */
public final class PosixBackend implements Backend {
    @Override
    public String scheme() {
        return "posix";
    }

    @Override
    public String module() {
        return "jipc-posix";
    }

    @Override
    public String description() {
        return "POSIX IPC: mq_open queues with priorities, sem_open named semaphores, shm_open shared memory";
    }

    @Override
    public Set<Primitive> primitives() {
        return EnumSet.allOf(Primitive.class);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        switch (primitive) {
            case CHANNEL: return channelCapabilities();
            case MUTEX: return mutexCapabilities();
            case REGION: return regionCapabilities();
            default: throw new AssertionError(primitive);
        }
    }

    /** The POSIX queue limits: {@code /proc/sys/fs/mqueue/*} and {@code RLIMIT_MSGQUEUE}. */
    @Override
    public List<Limit> limits() {
        return SystemLimits.posixMqueue();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        return PosixMessageChannel.open(uri);
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        return PosixMutex.open(uri);
    }

    @Override
    public SharedRegion openRegion(IpcUri uri) {
        return PosixSharedRegion.open(uri);
    }

    /** Every queue in {@code /dev/mqueue} and every file in {@code /dev/shm} (see {@link PosixObjects}). */
    @Override
    public List<ObjectInfo> objects() {
        return PosixObjects.all();
    }

    @Override
    public String objectsNote() {
        return PosixObjects.note();
    }

    @Override
    public List<ObjectInfo> locate(IpcUri uri) {
        return PosixObjects.locate(uri);
    }

    @Override
    public void remove(ObjectInfo object) {
        PosixObjects.remove(object);
    }

    /** Channel capabilities with the defaults a new queue gets on this machine. */
    static Capabilities channelCapabilities() {
        long maxmsg = SystemLimits.read("/proc/sys/fs/mqueue/msg_default", 10);
        long msgsize = SystemLimits.read("/proc/sys/fs/mqueue/msgsize_default", 8192);
        return Capabilities.builder("posix", Primitive.CHANNEL)
                .maxMessageSize(msgsize)
                .capacityMessages(maxmsg)
                .capacityBytes(maxmsg * msgsize)
                .tagging(Capabilities.Tagging.PRIORITY, 0, io.jipc.os.SystemLimits.mqPrioMax() - 1)
                .timed(Capabilities.Timed.NATIVE)
                .pollable(true)
                .persistence(Capabilities.Persistence.KERNEL)
                .needsRelatedProcesses(false)
                .senderIdentity(false)
                .crashLeaves("the queue and its messages, until mq_unlink or reboot")
                .notes("highest priority first, FIFO within a priority, no selection; maxmsg/msgsize fixed at"
                        + " creation (unprivileged ceilings msg_max=" + SystemLimits.mqMsgMax() + ", msgsize_max="
                        + SystemLimits.mqMsgsizeMax() + "); a receive buffer must have room for mq_msgsize bytes"
                        + " (a smaller one is MessageTooLarge/EMSGSIZE before any call, nothing dequeued)")
                .build();
    }

    static Capabilities mutexCapabilities() {
        return Capabilities.builder("posix", Primitive.MUTEX)
                .lockOwner(Capabilities.LockOwner.COUNTER)
                .waitersSleep(true)
                .ownerDeathDetected(false)
                .crashReleases(false)
                .timed(Capabilities.Timed.NATIVE)
                .persistence(Capabilities.Persistence.KERNEL)
                .crashLeaves("semaphore stays at 0 — locked — until sem_unlink and recreate")
                .notes("binary named semaphore (/dev/shm/sem.NAME); owner death is not visible: recover with"
                        + " remove() then open again")
                .build();
    }

    static Capabilities regionCapabilities() {
        return Capabilities.builder("posix", Primitive.REGION)
                .timed(Capabilities.Timed.NONE)
                .persistence(Capabilities.Persistence.KERNEL)
                .crashLeaves("the object in /dev/shm, until shm_unlink or reboot")
                .notes("tmpfs memory; pages reserved at creation (posix_fallocate); sync() is a no-op")
                .build();
    }
}
