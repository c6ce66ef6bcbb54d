package io.jipc.mmap.ring;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedPaths;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
import io.jipc.spi.Limit;

import java.util.List;
import java.util.Set;

/**
 * The {@code ring:} scheme: a lock-free single-producer/single-consumer ring buffer in shared
 * memory with spin-then-futex waiting ({@link RingChannel}).
 *
 * <p>URI: {@code ring:/name?capacity=1m&spin=20000&mode=0600&open=open-or-create}.
 * {@code capacity} (data bytes, a power of two from 64 to 1g, {@code k}/{@code m}/{@code g}
 * suffixes, default 1m; used when creating, checked when given on open), {@code spin}
 * (nanoseconds to spin before sleeping, default {@value RingChannel#DEFAULT_SPIN_NANOS}; 0 sleeps
 * at once). The ring is the file {@code /dev/shm/jipc.ring.<name>}.
 */
public final class RingBackend implements Backend {
    /** The ring files this backend created ({@code /dev/shm/jipc.ring.<name>}, filled by {@link RingChannel}). */
    static final CreatedPaths CREATED = CreatedPaths.named("ring");

    /** The ring files jipc created that still exist, each named {@code ring:/<name>}. */
    @Override
    public List<ObjectInfo> objects() {
        return CREATED.describe(scheme(), Primitive.CHANNEL,
                p -> "ring:/" + p.getFileName().toString().substring(RingChannel.PREFIX.length()),
                p -> p.getFileName().toString().startsWith(RingChannel.PREFIX));
    }

    @Override
    public void remove(ObjectInfo object) {
        CREATED.delete(object);
    }

    @Override
    public String scheme() {
        return "ring";
    }

    @Override
    public String module() {
        return "jipc-mmap";
    }

    @Override
    public String description() {
        return "shared-memory ring buffer (/dev/shm), single producer/single consumer, spin-then-futex wake-up";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        if (primitive != Primitive.CHANNEL) {
            return Capabilities.builder("ring", primitive).notes("ring offers only a channel").build();
        }
        return capabilities(RingLayout.DEFAULT_CAPACITY);
    }

    /** The capabilities of a ring of {@code capacity} data bytes. */
    static Capabilities capabilities(long capacity) {
        return Capabilities.builder("ring", Primitive.CHANNEL)
                .maxMessageSize(RingLayout.maxMessage(capacity))
                .capacityMessages(capacity / RingLayout.RECORD_HEADER)
                .capacityBytes(capacity)
                .tagging(Capabilities.Tagging.CARRIED, 0, Long.MAX_VALUE)
                .timed(Capabilities.Timed.NATIVE)
                .pollable(false)
                .persistence(Capabilities.Persistence.FILE_SYSTEM)
                .needsRelatedProcesses(false)
                .senderIdentity(true)
                .crashLeaves("the /dev/shm/jipc.ring.<name> file (until remove()); a record being written is"
                        + " never delivered; the dead side's role is taken over by the next one; a waiting peer"
                        + " gets IpcRemoved")
                .notes("single producer, single consumer: a handle's first send claims the producer role, its"
                        + " first receive the consumer role; a second one is refused. Sender identity: the"
                        + " producer's pid (stats). Capacity in records of 24-byte header + payload, 8-aligned;"
                        + " max message = capacity/2 - 24. Waiting: spin (spin= ns, busy then yielding) then shared futex.")
                .build();
    }

    @Override
    public List<Limit> limits() {
        return List.of(new Limit("ring capacity", RingLayout.MIN_CAPACITY + ".." + RingLayout.MAX_CAPACITY,
                        "bytes", "jipc (a power of two)", "data bytes of one ring; max message = capacity/2 - 24"),
                new Limit("/dev/shm size", shmSpace(), "bytes", "statvfs(" + RingChannel.DIRECTORY + ")",
                        "room for all ring files (each is 4096 + capacity bytes); creation fails with ENOSPC beyond it"));
    }

    private static String shmSpace() {
        try {
            java.nio.file.FileStore fs = java.nio.file.Files.getFileStore(java.nio.file.Path.of(RingChannel.DIRECTORY));
            return fs.getTotalSpace() + " (" + fs.getUsableSpace() + " free)";
        } catch (java.io.IOException | RuntimeException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        return RingChannel.open(uri);
    }
}
