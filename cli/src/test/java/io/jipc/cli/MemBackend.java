package io.jipc.cli;

import io.jipc.api.Capabilities;
import io.jipc.api.ChannelStats;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Primitive;
import io.jipc.api.Select;
import io.jipc.spi.AbstractMessageChannel;
import io.jipc.spi.Backend;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A test-only backend, scheme {@code memtest}: in-JVM queues with SysV-style type selection, so the
 * CLI's channel commands can be tested in-process whatever real backends are installed.
 */
public final class MemBackend implements Backend {
    static final Map<String, List<Object[]>> QUEUES = new ConcurrentHashMap<>();
    static final int MAX = 1024;
    static final int CAPACITY = 8;

    @Override
    public String scheme() {
        return "memtest";
    }

    @Override
    public String module() {
        return "jipc-cli (tests)";
    }

    @Override
    public String description() {
        return "test-only in-JVM queues";
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.CHANNEL);
    }

    @Override
    public Capabilities capabilities(Primitive primitive) {
        return Capabilities.builder("memtest", Primitive.CHANNEL).maxMessageSize(MAX).capacityMessages(CAPACITY)
                .tagging(Capabilities.Tagging.SYSV_TYPE, 1, Long.MAX_VALUE).timed(Capabilities.Timed.EMULATED)
                .notes("tests only").build();
    }

    @Override
    public MessageChannel openChannel(IpcUri uri) {
        uri.checkOptions("memtest channel", Set.of());
        String name = uri.path();
        synchronized (QUEUES) {
            boolean exists = QUEUES.containsKey(name);
            if (exists && !uri.open().mayOpenExisting()) {
                throw new IpcAlreadyExists("open", uri.toString(), "exists");
            }
            if (!exists && !uri.open().mayCreate()) {
                throw new IpcNotFound("open", uri.toString(), "no such memtest queue");
            }
            QUEUES.computeIfAbsent(name, k -> new ArrayList<>());
        }
        return new Channel(uri, name);
    }

    private final class Channel extends AbstractMessageChannel {
        private final String name;

        Channel(IpcUri uri, String name) {
            super(uri);
            this.name = name;
        }

        private List<Object[]> q() {
            List<Object[]> q = QUEUES.get(name);
            if (q == null) {
                throw new io.jipc.api.IpcRemoved("use", uri().toString(), 0, null, "removed");
            }
            return q;
        }

        @Override
        public Capabilities capabilities() {
            return MemBackend.this.capabilities(Primitive.CHANNEL);
        }

        @Override
        public void remove() {
            QUEUES.remove(name);
        }

        @Override
        protected void closeOnce() {
        }

        @Override
        public void send(ByteBuffer msg, long tag) {
            if (!trySend(msg, tag)) {
                throw new IllegalStateException("memtest: full");
            }
        }

        @Override
        public boolean trySend(ByteBuffer msg, long tag) {
            checkTag("send", capabilities(), tag);
            if (msg.remaining() > MAX) {
                throw new MessageTooLarge("send", uri().toString(), 0, null, msg.remaining(), MAX, "larger than " + MAX);
            }
            synchronized (QUEUES) {
                List<Object[]> q = q();
                if (q.size() >= CAPACITY) {
                    return false;
                }
                byte[] b = new byte[msg.remaining()];
                msg.get(b);
                q.add(new Object[] {tag, b});
                return true;
            }
        }

        @Override
        public boolean send(ByteBuffer msg, long tag, long timeout, TimeUnit unit) {
            return trySend(msg, tag);
        }

        @Override
        public long receive(ByteBuffer dst, Select sel) {
            return receive(dst, sel, 10, TimeUnit.SECONDS);
        }

        @Override
        public long tryReceive(ByteBuffer dst, Select sel) {
            checkSelect("receive", capabilities(), sel);
            synchronized (QUEUES) {
                List<Object[]> q = q();
                int best = -1;
                for (int i = 0; i < q.size(); i++) {
                    long t = (Long) q.get(i)[0];
                    if (sel.matches(t) && (best < 0 || (sel.kind() == Select.Kind.UP_TO && t < (Long) q.get(best)[0]))) {
                        best = i;
                        if (sel.kind() != Select.Kind.UP_TO) {
                            break;
                        }
                    }
                }
                if (best < 0) {
                    return NO_MESSAGE;
                }
                byte[] b = (byte[]) q.get(best)[1];
                if (b.length > dst.remaining()) {
                    throw new MessageTooLarge("receive", uri().toString(), 0, null, b.length, dst.remaining(), "buffer too small");
                }
                long tag = (Long) q.remove(best)[0];
                dst.put(b);
                return tag;
            }
        }

        @Override
        public long receive(ByteBuffer dst, Select sel, long timeout, TimeUnit unit) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long t = tryReceive(dst, sel);
                if (t != NO_MESSAGE || System.nanoTime() > deadline) {
                    return t;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return NO_MESSAGE;
                }
            }
        }

        @Override
        public ChannelStats stats() {
            synchronized (QUEUES) {
                List<Object[]> q = q();
                long bytes = 0;
                for (Object[] m : q) {
                    bytes += ((byte[]) m[1]).length;
                }
                return new ChannelStats(q.size(), bytes, CAPACITY, -1, -1, -1, -1, -1);
            }
        }
    }
}
