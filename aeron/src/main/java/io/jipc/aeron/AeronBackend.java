package io.jipc.aeron;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.aeron.internal.DriverConnection;
import io.jipc.api.IpcException;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scheme {@code aeron}: {@link AeronMessageChannel}, messages over Aeron UDP (other hosts) or IPC
 * (shared memory through one media driver), with an embedded or an external media driver.
 */
public final class AeronBackend implements Backend {
    private static final Capabilities CHANNEL = Capabilities.builder("aeron", Primitive.CHANNEL)
            .maxMessageSize(io.jipc.aeron.internal.AeronUri.parse(IpcUri.parse("aeron:ipc")).maxMessageLength())
            .tagging(Capabilities.Tagging.CARRIED, 0, Long.MAX_VALUE)
            .timed(Capabilities.Timed.EMULATED)
            .pollable(false)
            .persistence(Capabilities.Persistence.PROCESS)
            .needsRelatedProcesses(false)
            .senderIdentity(false)
            .crashLeaves("nothing for the peers (they see the publication go after Aeron's 10 s image liveness timeout); "
                    + "a killed process with an embedded driver leaves its directory /dev/shm/aeron-jipc-PID-N (jipc rm)")
            .notes("every subscriber gets every message; nothing is stored for an absent receiver: send waits (full) "
                    + "until a subscriber is connected; a handle subscribes on its first receive; over udp one process "
                    + "per endpoint receives; max message = term-length/8 (default term-length 1m)")
            .build();

    /** The static capabilities of an {@code aeron:} channel (default term length). */
    static Capabilities channelCapabilities() {
        return CHANNEL;
    }

    /**
     * The directories of the media drivers jipc embedded ({@code /dev/shm/aeron-jipc-PID-N}, also
     * the bench's and the tests'), each named by the URI that joins it as an external driver. A
     * driver deletes its directory when it closes; one whose process is dead was killed first and
     * is unused.
     */
    @Override
    public List<ObjectInfo> objects() {
        List<ObjectInfo> out = new ArrayList<>();
        for (Path p : DriverConnection.driverDirectories()) {
            long pid = DriverConnection.ownerPid(p.getFileName().toString());
            boolean alive = !DriverConnection.ownerDead(p);
            out.add(ObjectInfo.builder(scheme(), "aeron:ipc?driver=external&dir=" + p, Primitive.CHANNEL, "aeron-dir",
                            "Aeron media driver directory", p.toString())
                    .file(p).creator(pid, alive).createdByJipc().detail("fd name", p.resolve("cnc.dat").toString())
                    .usage(alive ? ObjectInfo.Usage.IN_USE : ObjectInfo.Usage.UNUSED, alive
                            ? "its driver's process " + pid + " is alive"
                            : "its driver's process " + pid + " is dead (killed before it could delete its directory)")
                    .build());
        }
        return out;
    }

    /** The driver directory named by {@code dir=}, when it is one jipc embedded. */
    @Override
    public List<ObjectInfo> locate(IpcUri uri) {
        String dir = uri.option("dir");
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : objects()) {
            if (dir != null && Path.of(dir).toAbsolutePath().normalize().toString().equals(o.path())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Deletes a dead driver's directory; refuses a live driver's (its files are in use). */
    @Override
    public void remove(ObjectInfo object) {
        try {
            DriverConnection.removeDeadDirectory(Path.of(object.path()));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IpcException("remove", object.uri(), IpcException.NO_ERRNO, null,
                    "cannot remove " + object.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String scheme() {
        return "aeron";
    }

    @Override
    public String module() {
        return "jipc-aeron";
    }

    @Override
    public String description() {
        return "Aeron: messages over UDP (across hosts) or IPC, embedded or external media driver";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return primitive == Primitive.CHANNEL ? CHANNEL : Capabilities.builder("aeron", primitive).build();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        return AeronMessageChannel.open(uri);
    }
}
