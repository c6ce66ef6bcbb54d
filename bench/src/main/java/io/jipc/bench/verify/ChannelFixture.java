package io.jipc.bench.verify;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.MessageChannel;
import io.jipc.api.Primitive;
import io.jipc.os.Spawner;
import io.jipc.posix.stream.PipeChannel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One channel scheme as the stress suite and the crash matrix use it: creates the object, gives
 * the URI each child opens (handing inherited descriptors to children where the scheme needs
 * related processes), says how many producers and consumers the scheme allows, and removes
 * everything at {@link #close()}.
 */
abstract class ChannelFixture implements AutoCloseable {
    /** The channel schemes, in table order. */
    static final List<String> SCHEMES = List.of("sysv", "posix", "pipe", "fifo", "unix-stream", "unix-seqpacket", "ring");

    final String scheme;
    final StressNames names;

    ChannelFixture(String scheme, StressNames names) {
        this.scheme = scheme;
        this.names = names;
        Cleanups.register(this);
    }

    @Override
    public String toString() {
        return scheme + " channel of the stress run";
    }

    /** The fixture for {@code scheme} (one of {@link #SCHEMES}), its object created. */
    static ChannelFixture create(String scheme, StressNames names) {
        return switch (scheme) {
            case "sysv" -> new Named(scheme, names, sysvUri(names), 2, 2);
            case "posix" -> new Named(scheme, names, "posix:/" + names.unique("mq"), 2, 2);
            case "fifo" -> new Named(scheme, names, "fifo:" + names.path("fifo"), 2, 1);
            case "ring" -> new Named(scheme, names, "ring:/" + names.unique("ring") + "?capacity=256k", 1, 1);
            case "pipe" -> new Pipe(names);
            case "unix-stream" -> new Unix(scheme, names, "stream");
            case "unix-seqpacket" -> new Unix(scheme, names, "seqpacket");
            default -> throw new IllegalArgumentException("stress: unknown channel scheme '" + scheme + "' (schemes: "
                    + String.join(", ", SCHEMES) + ")");
        };
    }

    private static String sysvUri(StressNames names) {
        return "sysv:?key=0x" + Long.toHexString(StressNames.randomKey());
    }

    /** The URI scheme ({@code unix-stream} → {@code unix}). */
    String uriScheme() {
        return scheme.startsWith("unix") ? "unix" : scheme;
    }

    /** The static capabilities of the scheme, as {@code jipc backends} shows them. */
    Capabilities declared() {
        return Ipc.backend(uriScheme()).capabilities(Primitive.CHANNEL);
    }

    /** How many producers may write at the same time (one pair of processes unless the scheme allows more). */
    int maxProducers() {
        return 1;
    }

    /** How many consumers may read at the same time (one unless the scheme allows more). */
    int maxConsumers() {
        return 1;
    }

    /** The largest message in force. */
    abstract int maxMessage();

    /** Must the consumer be open (and print READY) before a producer opens? */
    boolean consumerFirst() {
        return false;
    }

    /** The URI producer {@code i} opens (inherited descriptors, if any, are its 3, 4, ...). */
    abstract String producerUri(int i);

    /** The URI consumer {@code j} opens (inherited descriptors, if any, are its 3, 4, ...). */
    abstract String consumerUri(int j);

    /** Adds the descriptors producer {@code i} inherits to {@code s} (none for named schemes). */
    void inheritProducer(int i, Spawner s) {
    }

    /** Adds the descriptors consumer {@code j} inherits to {@code s} (none for named schemes). */
    void inheritConsumer(int j, Spawner s) {
    }

    /** Called once every child is started (a pipe closes its copies of the children's ends). */
    void childrenStarted() {
    }

    /** A handle of the coordinator on a channel with a name (for end markers), or {@code null}. */
    MessageChannel coordinator() {
        return null;
    }

    /** A new handle on the object, opened with {@code open=open} (a named scheme only). */
    MessageChannel openAgain() {
        throw new UnsupportedOperationException(scheme + " has no name to open again");
    }

    /** Does the object still exist (a named scheme; {@code false} for unnamed ones)? */
    abstract boolean exists();

    /** Removes the object and closes every handle of the coordinator. */
    @Override
    public abstract void close();

    /** sysv, posix, fifo, ring: a named object the coordinator creates and children open. */
    static final class Named extends ChannelFixture {
        private final String uri;
        private final int producers;
        private final int consumers;
        private final MessageChannel handle;

        Named(String scheme, StressNames names, String uri, int producers, int consumers) {
            super(scheme, names);
            MessageChannel h = null;
            String u = uri;
            for (int attempt = 0; h == null; attempt++) {
                try {
                    h = Ipc.channel(Reopen.withOption(u, "open=create"));
                } catch (IpcAlreadyExists e) {
                    if (!scheme.equals("sysv") || attempt > 20) {
                        throw e;
                    }
                    u = sysvUri(names);
                }
            }
            this.uri = u;
            this.handle = h;
            this.producers = producers;
            this.consumers = consumers;
        }

        @Override
        int maxProducers() {
            return producers;
        }

        @Override
        int maxConsumers() {
            return consumers;
        }

        @Override
        int maxMessage() {
            return (int) Math.min(handle.capabilities().maxMessageSize(), 1 << 20);
        }

        @Override
        String producerUri(int i) {
            return openUri();
        }

        @Override
        String consumerUri(int j) {
            return openUri();
        }

        private String openUri() {
            String base = uri.replace("?capacity=256k", "");
            return Reopen.withOption(base, "open=open");
        }

        @Override
        MessageChannel coordinator() {
            return handle;
        }

        @Override
        MessageChannel openAgain() {
            return Ipc.channel(openUri());
        }

        @Override
        boolean exists() {
            if (scheme.equals("fifo")) {
                return Files.exists(Path.of(uri.substring("fifo:".length())));
            }
            return Reopen.exists(this::openAgain);
        }

        @Override
        public void close() {
            Cleanups.removeAndClose(this, handle);
        }
    }

    /**
     * pipe: the coordinator opens {@code pipe:}; the producer inherits the peer ends, the consumer
     * inherits the coordinator's own ends, and the coordinator then closes its copies.
     */
    static final class Pipe extends ChannelFixture {
        private final PipeChannel ch;

        Pipe(StressNames names) {
            super("pipe", names);
            ch = (PipeChannel) Ipc.channel("pipe:");
        }

        @Override
        int maxMessage() {
            return (int) ch.capabilities().maxMessageSize();
        }

        @Override
        String producerUri(int i) {
            return ch.peerUri(3, 4);
        }

        @Override
        String consumerUri(int j) {
            return ch.peerUri(3, 4);
        }

        @Override
        void inheritProducer(int i, Spawner s) {
            ch.inheritPeerEnds(s);
        }

        @Override
        void inheritConsumer(int j, Spawner s) {
            s.inherit(ch.receiveDescriptor());
            s.inherit(ch.sendDescriptor());
        }

        /**
         * The coordinator's end, for the crash matrix: the peer ends go to one child, the
         * coordinator keeps its own (call {@link PipeChannel#closePeerEnds()} once the child runs).
         */
        PipeChannel channel() {
            return ch;
        }

        @Override
        void childrenStarted() {
            ch.closePeerEnds();
            ch.close();
        }

        @Override
        boolean exists() {
            return false;
        }

        @Override
        public void close() {
            Cleanups.done(this);
            ch.close();
        }
    }

    /** unix:/path: the consumer binds (and accepts one peer), the producer connects. */
    static final class Unix extends ChannelFixture {
        private final Path path;
        private final String type;

        Unix(String scheme, StressNames names, String type) {
            super(scheme, names);
            this.path = names.path(type.substring(0, 3) + ".sock");
            this.type = type;
        }

        @Override
        int maxMessage() {
            return (int) declared().maxMessageSize();
        }

        @Override
        boolean consumerFirst() {
            return true;
        }

        String uri(String open) {
            return "unix:" + path + "?type=" + type + "&open=" + open;
        }

        @Override
        String producerUri(int i) {
            return uri("open");
        }

        @Override
        String consumerUri(int j) {
            return uri("create");
        }

        @Override
        boolean exists() {
            return Files.exists(path);
        }

        @Override
        public void close() {
            Cleanups.done(this);
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("stress: cannot remove " + path, e);
            }
        }
    }
}
