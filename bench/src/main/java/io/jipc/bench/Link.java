package io.jipc.bench;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One direction of message traffic as the benchmarks see it: a jipc {@link MessageChannel}, or
 * one of the peers a Java engineer would pick instead (Agrona's {@code OneToOneRingBuffer} over a
 * shared mapped file, the JDK's Unix-domain {@code SocketChannel}). A link is described by a spec
 * string so that a peer JVM can open the other end:
 * <ul>
 *   <li>{@code jipc|URI} — {@link Ipc#channel(String)};</li>
 *   <li>{@code agrona|PATH|CAPACITY} — a ring buffer in a mapped file (the creator sizes it);</li>
 *   <li>{@code jdkunix|PATH} — the creator binds and accepts, the other end connects; messages
 *       are framed with a 4-byte length.</li>
 * </ul>
 * Hot paths allocate nothing.
 */
public abstract class Link implements AutoCloseable {
    /** Sends the bytes between {@code msg}'s position and limit. */
    public abstract void send(ByteBuffer msg);

    /** Receives one message into {@code dst} from position 0 (cleared first); returns its length. */
    public abstract int receive(ByteBuffer dst);

    /** Receives if a message is there now; -1 otherwise. */
    public abstract int tryReceive(ByteBuffer dst);

    /** Removes the object from the system (creator side at teardown). */
    public abstract void remove();

    @Override
    public abstract void close();

    /** Tear-down of a creator's end: removes the object (a failure is ignored) and closes {@code link}, when set. */
    public static void discard(Link link) {
        if (link != null) {
            BenchSupport.removeQuietly(link::remove);
            link.close();
        }
    }

    /** Opens the end named by {@code spec}; {@code create} on the side that owns the object. */
    public static Link open(String spec, boolean create) {
        String[] p = spec.split("\\|");
        switch (p[0]) {
            case "jipc":
                return new JipcLink(Ipc.channel(p[1]));
            case "agrona":
                return new AgronaLink(Path.of(p[1]), Integer.parseInt(p[2]), create);
            case "jdkunix":
                return new JdkUnixLink(Path.of(p[1]), create);
            default:
                throw new IllegalArgumentException("unknown link spec " + spec);
        }
    }

    /** A jipc channel. */
    static final class JipcLink extends Link {
        final MessageChannel ch;

        JipcLink(MessageChannel ch) {
            this.ch = ch;
        }

        @Override
        public void send(ByteBuffer msg) {
            ch.send(msg);
        }

        @Override
        public int receive(ByteBuffer dst) {
            dst.clear();
            ch.receive(dst);
            return dst.position();
        }

        @Override
        public int tryReceive(ByteBuffer dst) {
            dst.clear();
            long t = ch.tryReceive(dst, io.jipc.api.Select.any());
            return t == MessageChannel.NO_MESSAGE ? -1 : dst.position();
        }

        @Override
        public void remove() {
            ch.remove();
        }

        @Override
        public void close() {
            ch.close();
        }
    }

    /** Agrona's single-producer single-consumer ring buffer over a mapped file. */
    static final class AgronaLink extends Link implements MessageHandler {
        private static final int MSG_TYPE = 1;
        private final Path path;
        private final OneToOneRingBuffer ring;
        private final UnsafeBuffer src = new UnsafeBuffer(0, 0);
        private ByteBuffer target;
        private int got;

        AgronaLink(Path path, int capacity, boolean create) {
            this.path = path;
            int total = capacity + RingBufferDescriptor.TRAILER_LENGTH;
            try (FileChannel fc = FileChannel.open(path, create
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE})) {
                MappedByteBuffer mb = fc.map(FileChannel.MapMode.READ_WRITE, 0, total);
                ring = new OneToOneRingBuffer(new UnsafeBuffer(mb));
            } catch (IOException e) {
                throw new UncheckedIOException("agrona ring " + path, e);
            }
        }

        @Override
        public void send(ByteBuffer msg) {
            int len = msg.remaining();
            src.wrap(msg, msg.position(), len);
            int spins = 0;
            while (!ring.write(MSG_TYPE, src, 0, len)) {
                spins = Spin.idle(spins);
            }
            msg.position(msg.limit());
        }

        @Override
        public int receive(ByteBuffer dst) {
            int n;
            int spins = 0;
            while ((n = tryReceive(dst)) < 0) {
                spins = Spin.idle(spins);
            }
            return n;
        }

        @Override
        public int tryReceive(ByteBuffer dst) {
            dst.clear();
            target = dst;
            got = -1;
            ring.read(this, 1);
            return got;
        }

        @Override
        public void onMessage(int msgTypeId, org.agrona.MutableDirectBuffer buffer, int index, int length) {
            buffer.getBytes(index, target, target.position(), length);
            target.position(target.position() + length);
            got = length;
        }

        @Override
        public void remove() {
            BenchSupport.deleteQuietly(path);
        }

        @Override
        public void close() {
            // the mapping goes with the buffer; nothing else to release
        }
    }

    /** The JDK's Unix-domain stream socket, length-framed. */
    static final class JdkUnixLink extends Link {
        private final Path path;
        private ServerSocketChannel server;
        private SocketChannel sock;
        private final ByteBuffer header = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());

        JdkUnixLink(Path path, boolean create) {
            this.path = path;
            try {
                if (create) {
                    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(UnixDomainSocketAddress.of(path));
                } else {
                    sock = SocketChannel.open(StandardProtocolFamily.UNIX);
                    sock.connect(UnixDomainSocketAddress.of(path));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("unix socket " + path, e);
            }
        }

        /** The connected socket (accepting on the creating side). */
        SocketChannel socket() {
            return sock();
        }

        private SocketChannel sock() {
            if (sock == null) {
                try {
                    sock = server.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException("accept on " + path, e);
                }
            }
            return sock;
        }

        @Override
        public void send(ByteBuffer msg) {
            SocketChannel s = sock();
            header.clear();
            header.putInt(msg.remaining()).flip();
            try {
                while (header.hasRemaining()) {
                    s.write(header);
                }
                while (msg.hasRemaining()) {
                    s.write(msg);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("send on " + path, e);
            }
        }

        @Override
        public int receive(ByteBuffer dst) {
            SocketChannel s = sock();
            try {
                header.clear();
                while (header.hasRemaining()) {
                    if (s.read(header) < 0) {
                        throw new IOException("end of stream");
                    }
                }
                int len = header.getInt(0);
                dst.clear().limit(len);
                while (dst.hasRemaining()) {
                    if (s.read(dst) < 0) {
                        throw new IOException("end of stream");
                    }
                }
                dst.limit(dst.capacity());
                return len;
            } catch (IOException e) {
                throw new UncheckedIOException("receive on " + path, e);
            }
        }

        @Override
        public int tryReceive(ByteBuffer dst) {
            throw new UnsupportedOperationException("jdkunix links block");
        }

        @Override
        public void remove() {
            BenchSupport.deleteQuietly(path);
        }

        @Override
        public void close() {
            try {
                if (sock != null) {
                    sock.close();
                }
                if (server != null) {
                    server.close();
                }
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
