package io.jipc.aeron;

import io.jipc.api.Capabilities;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.spi.Backend;

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
