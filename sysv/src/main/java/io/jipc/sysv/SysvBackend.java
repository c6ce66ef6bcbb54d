package io.jipc.sysv;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.os.BlockedThreads;
import io.jipc.os.SystemLimits;
import io.jipc.spi.Backend;
import io.jipc.spi.Limit;
import io.jipc.spi.ObjectInfo;
import io.jipc.sysv.internal.SysvObjects;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scheme {@code sysv}: System V IPC. Channel = message queue ({@link SysvMessageChannel}), mutex =
 * semaphore set ({@link SysvMutex}), region = shared memory segment ({@link SysvSharedRegion}).
 * See {@link io.jipc.sysv the package comment} for the URI grammar. Registered in
 * {@code META-INF/services/io.jipc.spi.Backend}.
 */
public final class SysvBackend implements Backend {
    @Override
    public String scheme() {
        return "sysv";
    }

    @Override
    public String module() {
        return "jipc-sysv";
    }

    @Override
    public String description() {
        return "System V IPC: msgget queues, semget semaphores, shmget shared memory";
    }

    @Override
    public Set<Primitive> primitives() {
        return EnumSet.allOf(Primitive.class);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        switch (primitive) {
            case CHANNEL:
                return channelCapabilities().toBuilder()
                        .maxMessageSize(SystemLimits.msgmax()).capacityBytes(SystemLimits.msgmnb()).build();
            case MUTEX:
                return mutexCapabilities(true);
            default:
                return regionCapabilities();
        }
    }

    @Override
    public List<Limit> limits() {
        return SystemLimits.sysv();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        return SysvMessageChannel.open(uri);
    }

    @Override
    public Mutex openMutex(IpcUri uri) {
        return SysvMutex.open(uri);
    }

    @Override
    public SharedRegion openRegion(IpcUri uri) {
        return SysvSharedRegion.open(uri);
    }

    @Override
    public List<ObjectInfo> objects() {
        return SysvObjects.all();
    }

    @Override
    public List<ObjectInfo> locate(IpcUri uri) {
        Set<String> options = new HashSet<>(SysvMessageChannel.OPTIONS);
        options.addAll(SysvMutex.OPTIONS);
        options.addAll(SysvSharedRegion.OPTIONS);
        return SysvObjects.locate(uri, options);
    }

    @Override
    public void remove(ObjectInfo object) {
        SysvObjects.remove(object, uri -> {
            IpcUri u = IpcUri.parse(uri);
            switch (object.primitive()) {
                case CHANNEL: return openChannel(u);
                case MUTEX: return openMutex(u);
                default: return openRegion(u);
            }
        });
    }

    static Capabilities channelCapabilities() {
        return Capabilities.builder("sysv", Primitive.CHANNEL)
                .tagging(Capabilities.Tagging.SYSV_TYPE, 1, Long.MAX_VALUE)
                .timed(Capabilities.Timed.EMULATED)
                .pollable(false)
                .persistence(Capabilities.Persistence.KERNEL)
                .needsRelatedProcesses(false)
                .senderIdentity(false)
                .crashReleases(false)
                .crashLeaves("the queue and every message in it, until IPC_RMID (remove(), ipcrm -q ID) or reboot")
                .notes("message = C struct msgbuf (long mtype + bytes); capacity is msg_qbytes bytes (qbytes=, default "
                        + "msgmnb); select by type (msgtyp); " + blockingNote()
                        + "timed operations wait as IPC_NOWAIT attempts with sleeps of 20 us doubling to 5 ms and "
                        + "honour Thread.interrupt and close(); "
                        + "the receiver learns only the last sender's pid (msg_lspid), not each message's sender")
                .build();
    }

    private static String blockingNote() {
        if (BlockedThreads.available()) {
            return "blocking send/receive make one blocking msgsnd/msgrcv (close() wakes them with signal "
                    + BlockedThreads.SIGNAL + ", the JDK's I/O-interrupt signal; Thread.interrupt does not reach "
                    + "them inside the call); ";
        }
        return "blocking send/receive wait like the timed forms (" + BlockedThreads.unavailableReason()
                + ", so a thread inside msgsnd/msgrcv could not be woken by close()); ";
    }

    static Capabilities mutexCapabilities(boolean undo) {
        Capabilities.Builder b = Capabilities.builder("sysv", Primitive.MUTEX)
                .timed(Capabilities.Timed.NATIVE)
                .pollable(false)
                .persistence(Capabilities.Persistence.KERNEL)
                .lockOwner(Capabilities.LockOwner.COUNTER)
                .waitersSleep(true)
                .ownerDeathDetected(undo)
                .crashReleases(undo);
        if (undo) {
            b.crashLeaves("nothing locked: SEM_UNDO releases the semaphore when the holder dies, and the next holder "
                    + "sees ownerDied() (the set itself stays until IPC_RMID)")
                    .notes("a set of 2 semaphores: the lock (SEM_UNDO) and a held marker (no undo) that reveals a dead "
                            + "holder; initialisation race closed by IPC_EXCL + sem_otime; lock() waits in 100 ms "
                            + "semtimedop slices to honour interrupts");
        } else {
            b.crashLeaves("semaphore stays locked (no SEM_UNDO): every locker waits forever; remove the set "
                    + "(remove(), ipcrm -s) and recreate it, or use undo=true (the default)")
                    .notes("undo=false: a dead holder cannot be detected or released; lock() waits in 100 ms semtimedop "
                            + "slices to honour interrupts");
        }
        return b.build();
    }

    static Capabilities regionCapabilities() {
        return Capabilities.builder("sysv", Primitive.REGION)
                .timed(Capabilities.Timed.NONE)
                .pollable(false)
                .persistence(Capabilities.Persistence.KERNEL)
                .crashLeaves("the segment and its contents, until IPC_RMID (remove(), ipcrm -m ID) and the last detach")
                .notes("size= on create (<= shmmax); after IPC_RMID the segment lives until the last detach; "
                        + "close() detaches by replacing the attachment with inert private memory")
                .build();
    }
}
