package io.jipc.cli.demo;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.Select;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildSupport;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The demos' participants: each a {@code main} run in its own JVM by the spawner. They print
 * what they do, one line per step, and exit 0 on success, 1 on failure (with the reason).
 */
public final class Participants {
    /** How long any participant waits for a peer before giving up. */
    static final long WAIT_SECONDS = 60;

    private Participants() {
    }

    /** Prints one step, stamped with the wall-clock milliseconds so the demo can merge the participants' lines in order. */
    static void say(String s) {
        System.out.println(System.currentTimeMillis() + " " + s);
    }

    static ByteBuffer text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1, b.length));
        buf.put(b).flip();
        return buf;
    }

    static String text(ByteBuffer buf) {
        buf.flip();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Receives with the participants' patience; fails when nothing comes. */
    static String receive(MessageChannel ch, Select sel, long[] tagOut) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        long tag = ch.receive(buf, sel, WAIT_SECONDS, TimeUnit.SECONDS);
        if (tag == MessageChannel.NO_MESSAGE) {
            throw new IllegalStateException("nothing received (select " + sel + ") within " + WAIT_SECONDS + " s");
        }
        if (tagOut != null) {
            tagOut[0] = tag;
        }
        return text(buf);
    }

    static int run(String who, ThrowingRunnable body) {
        ChildSupport.exitWhenParentDies();
        try {
            body.run();
            return 0;
        } catch (Throwable t) {
            say(who + ": FAILED: " + t);
            return 1;
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Seed 002's ping-pong: args URI, role ({@code ping} or {@code pong}), rounds. */
    public static final class PingPong {
        public static void main(String[] args) {
            String uri = args[0];
            String role = args[1];
            int rounds = Integer.parseInt(args[2]);
            System.exit(run(role, () -> {
                try (MessageChannel ch = Ipc.channel(uri)) {
                    say(role + ": opened " + uri + " (pid " + ChildSupport.pid() + ")");
                    long[] tag = new long[1];
                    for (int i = 1; i <= rounds; i++) {
                        if (role.equals("ping")) {
                            ch.send(text("ping " + i), 1);
                            say("ping: sent 'ping " + i + "' with type 1, now waiting for a type-2 message");
                            String got = receive(ch, Select.tag(2), tag);
                            say("ping: received '" + got + "' (type " + tag[0] + ")");
                        } else {
                            String got = receive(ch, Select.tag(1), tag);
                            say("pong: received '" + got + "' (type " + tag[0] + "), answering with type 2");
                            ch.send(text("pong " + i), 2);
                        }
                    }
                    say(role + ": done after " + rounds + " round(s)");
                }
            }));
        }
    }

    /** Seed 002 / 000's adder server: args URI, design ({@code per-client} or {@code shared}). */
    public static final class AdderServer {
        public static void main(String[] args) {
            String uri = args[0];
            boolean shared = args[1].equals("shared");
            System.exit(run("server", () -> {
                try (MessageChannel ch = Ipc.channel(uri)) {
                    say("server: listening on " + uri + " (" + (shared ? "one queue, replies typed with the client's pid"
                            : "requests carry each client's private reply queue") + ")");
                    long[] tag = new long[1];
                    while (true) {
                        String req = receive(ch, shared ? Select.tag(1) : Select.any(), tag);
                        String[] f = req.split(" ", shared ? 3 : 3);
                        long a;
                        long b;
                        String replyTo;
                        if (shared) {
                            replyTo = f[0];
                            a = Long.parseLong(f[1]);
                            b = Long.parseLong(f[2]);
                        } else {
                            a = Long.parseLong(f[0]);
                            b = Long.parseLong(f[1]);
                            replyTo = f[2];
                        }
                        say("server: request '" + req + "' -> " + a + " + " + b + " = " + (a + b));
                        if (a + b == 0) {
                            say("server: a + b == 0, stopping");
                            return;
                        }
                        if (shared) {
                            long pid = Long.parseLong(replyTo);
                            ch.send(text(Long.toString(a + b)), pid);
                            say("server: replied " + (a + b) + " with type " + pid + " (the client's pid)");
                        } else {
                            try (MessageChannel reply = Ipc.channel(replyTo)) {
                                reply.send(text(Long.toString(a + b)), reply.capabilities().defaultTag());
                            }
                            say("server: replied " + (a + b) + " on " + replyTo);
                        }
                    }
                }
            }));
        }
    }

    /** The adder's client: args URI, design, a, b, scheme for the private reply queue. */
    public static final class AdderClient {
        public static void main(String[] args) {
            String uri = args[0];
            boolean shared = args[1].equals("shared");
            long a = Long.parseLong(args[2]);
            long b = Long.parseLong(args[3]);
            String scheme = args[4];
            int pid = ChildSupport.pid();
            String me = "client " + pid;
            System.exit(run(me, () -> {
                try (MessageChannel ch = Ipc.channel(uri)) {
                    long reqTag = ch.capabilities().tagging() == Capabilities.Tagging.SYSV_TYPE ? 1 : ch.capabilities().defaultTag();
                    if (shared) {
                        ch.send(text(pid + " " + a + " " + b), reqTag);
                        say(me + ": sent '" + pid + " " + a + " " + b + "' with type 1, waiting for type " + pid);
                        String sum = receive(ch, Select.tag(pid), null);
                        say(me + ": answer " + a + " + " + b + " = " + sum);
                        return;
                    }
                    String replyUri = DemoUris.fresh(scheme, Primitive.CHANNEL, "reply", 0);
                    try (MessageChannel reply = Ipc.channel(replyUri)) {
                        try {
                            say(me + ": created my private reply queue " + replyUri);
                            // a probe through it: it works, and it is visibly in use (last sender/receiver = me)
                            reply.send(text("?"), reply.capabilities().tagging() == Capabilities.Tagging.SYSV_TYPE ? 1 : reply.capabilities().defaultTag());
                            receive(reply, Select.any(), null);
                            String req = a + " " + b + " " + DemoUris.openOnly(replyUri);
                            ch.send(text(req), reqTag);
                            say(me + ": sent '" + req + "'");
                            String sum = receive(reply, Select.any(), null);
                            say(me + ": answer " + a + " + " + b + " = " + sum);
                        } finally {
                            reply.remove();
                            say(me + ": removed my reply queue");
                        }
                    }
                }
            }));
        }
    }

    /** Seed 000's producer: args URI; sends types 300, 100, 200, 400, 100. */
    public static final class PriorityProducer {
        public static void main(String[] args) {
            String uri = args[0];
            System.exit(run("producer", () -> {
                try (MessageChannel ch = Ipc.channel(uri)) {
                    long[] tags = {300, 100, 200, 400, 100};
                    for (int i = 0; i < tags.length; i++) {
                        ch.send(text("message #" + (i + 1) + " of type " + tags[i]), tags[i]);
                        say("producer: sent message #" + (i + 1) + " with tag " + tags[i]);
                    }
                }
            }));
        }
    }

    /** Seed 000's consumer: args URI, mode ({@code upto} = select upTo(300); {@code any}). */
    public static final class PriorityConsumer {
        public static void main(String[] args) {
            String uri = args[0];
            boolean upTo = args[1].equals("upto");
            System.exit(run("consumer", () -> {
                try (MessageChannel ch = Ipc.channel(uri)) {
                    Select sel = upTo ? Select.upTo(300) : Select.any();
                    say("consumer: receiving with " + (upTo ? "upTo(300), i.e. msgrcv(msgtyp = -300): lowest type <= 300 first"
                            : "any(): a POSIX queue hands out the highest priority first"));
                    ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                    StringBuilder order = new StringBuilder();
                    while (true) {
                        buf.clear();
                        long tag = ch.receive(buf, sel, 1, TimeUnit.SECONDS);
                        if (tag == MessageChannel.NO_MESSAGE) {
                            say("consumer: nothing more matches " + sel + " (waited 1 s)");
                            break;
                        }
                        order.append(order.length() == 0 ? "" : ", ").append(tag);
                        say("consumer: received '" + text(buf) + "' (tag " + tag + ")");
                    }
                    say("consumer: order received: " + order);
                }
            }));
        }
    }

    /** The lock demo's worker: args URI, counter file, increments. */
    public static final class LockWorker {
        public static void main(String[] args) {
            String uri = args[0];
            String file = args[1];
            int n = Integer.parseInt(args[2]);
            String me = "worker " + ChildSupport.pid();
            System.exit(run(me, () -> {
                try (Mutex m = Ipc.mutex(uri); RandomAccessFile f = new RandomAccessFile(file, "rw")) {
                    say(me + ": incrementing the counter file " + n + " times, each under " + uri);
                    for (int i = 0; i < n; i++) {
                        m.lock();
                        try {
                            if (m.ownerDied()) {
                                say(me + ": the previous holder died holding the lock");
                                m.markConsistent();
                            }
                            f.seek(0);
                            long v = f.length() >= 8 ? f.readLong() : 0;
                            f.seek(0);
                            f.writeLong(v + 1);
                        } finally {
                            m.unlock();
                        }
                    }
                    say(me + ": done");
                }
            }));
        }
    }

    /** Region layout of the shm-monitor demo: a seqlock version, the text length, the text. */
    static final int VERSION = 0;
    static final int LENGTH = 8;
    static final int TEXT = 16;
    static final int MAX_TEXT = 200;

    /** The shm-monitor writer: args URI, updates. */
    public static final class ShmWriter {
        public static void main(String[] args) {
            String uri = args[0];
            int updates = Integer.parseInt(args[1]);
            System.exit(run("writer", () -> {
                try (SharedRegion r = Ipc.region(uri)) {
                    say("writer: attached " + uri + " (" + r.size() + " bytes); writing " + updates + " updates, 300 ms apart");
                    DateTimeFormatter fmt = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
                    for (int i = 1; i <= updates + 1; i++) {
                        String s = i <= updates ? "update " + i + " written at " + LocalTime.now().format(fmt) : "bye";
                        byte[] b = s.getBytes(StandardCharsets.UTF_8);
                        r.getAndAddLong(VERSION, 1);        // odd: writing
                        ByteBuffer buf = r.buffer();
                        buf.putInt(LENGTH, b.length);
                        buf.put(TEXT, b, 0, Math.min(b.length, MAX_TEXT));
                        r.getAndAddLong(VERSION, 1);        // even: consistent
                        say("writer: wrote '" + s + "'");
                        Thread.sleep(300);
                    }
                }
            }));
        }
    }

    /** The shm-monitor reader: args URI. */
    public static final class ShmReader {
        public static void main(String[] args) {
            String uri = args[0];
            System.exit(run("reader", () -> {
                try (SharedRegion r = Ipc.region(uri)) {
                    say("reader: attached " + uri + "; printing each new version (a seqlock: odd = being written)");
                    long seen = -1;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                    while (System.nanoTime() < deadline) {
                        long v1 = r.getLongVolatile(VERSION);
                        if ((v1 & 1) == 0 && v1 != seen && v1 != 0) {
                            ByteBuffer buf = r.buffer();
                            int len = Math.min(Math.max(buf.getInt(LENGTH), 0), MAX_TEXT);
                            byte[] b = new byte[len];
                            buf.get(TEXT, b, 0, len);
                            long v2 = r.getLongVolatile(VERSION);
                            if (v1 == v2) {
                                seen = v1;
                                String s = new String(b, StandardCharsets.UTF_8);
                                say("reader: version " + v1 + ": '" + s + "'");
                                if (s.equals("bye")) {
                                    return;
                                }
                            }
                        }
                        Thread.sleep(20);
                    }
                    throw new IllegalStateException("the writer did not say bye within " + WAIT_SECONDS + " s");
                }
            }));
        }
    }
}
