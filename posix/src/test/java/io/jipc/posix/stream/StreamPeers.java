package io.jipc.posix.stream;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.os.ChildSupport;
import io.jipc.os.NativeMemory;
import io.jipc.os.Unistd;
import io.jipc.posix.stream.internal.FrameIo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Child-JVM mains for the stream channel tests. */
final class StreamPeers {
    /** Tag that makes {@link Echo} echo once more and exit. */
    static final long STOP = 999;

    private StreamPeers() {
    }

    static ByteBuffer text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
        buf.put(b).flip();
        return buf;
    }

    static String text(ByteBuffer received) {
        ByteBuffer b = received.duplicate().flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * Echoes every message back with its tag: receives on {@code args[0]}, sends on
     * {@code args[1]} (or on the same channel when absent); exits after {@link #STOP} or at end of
     * stream.
     */
    public static final class Echo {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            MessageChannel in = Ipc.channel(args[0]);
            MessageChannel out = args.length > 1 ? Ipc.channel(args[1]) : in;
            say("READY");
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            try {
                for (;;) {
                    buf.clear();
                    long tag = in.receive(buf);
                    buf.flip();
                    out.send(buf, tag);
                    if (tag == STOP) {
                        break;
                    }
                }
            } catch (IpcRemoved e) {
                say("EOF " + e.getMessage());
            }
            if (out != in) {
                out.close();
            }
            in.close();
            say("DONE");
        }
    }

    /**
     * Sends one whole message "hello" (tag 7) on {@code args[0]}, then writes, raw on descriptor
     * {@code args[1]}, a frame header announcing 1000 bytes followed by only 100 of them, and sleeps
     * until killed.
     */
    public static final class HalfFrameWriter {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel(args[0]);
            ch.send(text("hello"), 7);
            int fd = Integer.parseInt(args[1]);
            ByteBuffer b = ByteBuffer.allocateDirect(FrameIo.HEADER + 100).order(ByteOrder.nativeOrder());
            b.putInt(1000).putInt(FrameIo.MAGIC).putLong(9);
            for (int i = 0; i < 100; i++) {
                b.put((byte) 'x');
            }
            long n = Unistd.LIB.write(fd, NativeMemory.address(b), b.capacity());
            say("PARTIAL " + n);
            Thread.sleep(120_000);
        }
    }

    /**
     * Sends {@code args[2]} messages of {@code args[3]} bytes on {@code args[0]}, each
     * {@code [writer id][sequence][filler = writer id]}, tag = writer id ({@code args[1]});
     * {@code args[2] = -1}: forever (until killed).
     */
    public static final class Writer {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel(args[0]);
            int id = Integer.parseInt(args[1]);
            long count = Long.parseLong(args[2]);
            int size = Integer.parseInt(args[3]);
            ByteBuffer b = ByteBuffer.allocateDirect(size);
            say("READY");
            for (long seq = 0; count < 0 || seq < count; seq++) {
                fill(b, id, seq);
                ch.send(b, id);
                if (seq == 10) {
                    say("SENT10");
                }
            }
            ch.close();
            say("DONE");
        }
    }

    static void fill(ByteBuffer b, int id, long seq) {
        b.clear();
        b.putInt(id).putLong(seq);
        while (b.hasRemaining()) {
            b.put((byte) id);
        }
        b.flip();
    }

    /** Checks a {@link Writer} message; returns its sequence number. */
    static long check(ByteBuffer received, int size, long tag) {
        ByteBuffer b = received.duplicate().flip();
        if (b.remaining() != size) {
            throw new AssertionError("message of " + b.remaining() + " bytes, expected " + size);
        }
        int id = b.getInt();
        long seq = b.getLong();
        if (id != tag) {
            throw new AssertionError("message from writer " + id + " carries tag " + tag);
        }
        while (b.hasRemaining()) {
            byte x = b.get();
            if (x != (byte) id) {
                throw new AssertionError("writer " + id + " message " + seq + ": byte " + (b.position() - 1)
                        + " is " + x + " (interleaved with another writer?)");
            }
        }
        return seq;
    }

    /** Connects to {@code args[0]}, prints its pid, sends its pid as text, waits for the reply. */
    public static final class Client {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch = Ipc.channel(args[0]);
            long pid = ProcessHandle.current().pid();
            say("PID " + pid);
            ch.send(text(Long.toString(pid)), 1);
            ByteBuffer buf = ByteBuffer.allocateDirect(256);
            ch.receive(buf);
            say("REPLY " + text(buf));
            ch.close();
        }
    }

    /**
     * {@code Connector URI}: opens the channel; prints {@code CONNECTED} or {@code REFUSED <error>},
     * then {@code OPENED}; if connected, sends "from PID" with a 60 s timed send and prints
     * {@code SENT <result>} or {@code FAILED <error>}.
     */
    public static final class Connector {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            MessageChannel ch;
            try {
                ch = Ipc.channel(args[0]);
                say("CONNECTED");
            } catch (io.jipc.api.IpcException e) {
                say("REFUSED " + e.getMessage());
                say("OPENED");
                return;
            }
            say("OPENED");
            try {
                boolean sent = ch.send(text("from " + ProcessHandle.current().pid()), 1, 60, java.util.concurrent.TimeUnit.SECONDS);
                say("SENT " + sent);
            } catch (io.jipc.api.IpcException e) {
                say("FAILED " + e.getMessage());
            }
            ch.close();
        }
    }

    /**
     * {@code Racer URI GOFILE}: prints {@code READY}, waits until GOFILE exists, opens the channel
     * (open-or-create), sends its pid, receives the other's and prints {@code GOT <text>}.
     */
    public static final class Racer {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            java.nio.file.Path go = java.nio.file.Path.of(args[1]);
            say("READY");
            while (!java.nio.file.Files.exists(go)) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            try (MessageChannel ch = Ipc.channel(args[0])) {
                if (!ch.send(text("pid " + ProcessHandle.current().pid()), 1, 60, java.util.concurrent.TimeUnit.SECONDS)) {
                    say("SEND TIMED OUT");
                    return;
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(256);
                if (ch.receive(buf, io.jipc.api.Select.any(), 60, java.util.concurrent.TimeUnit.SECONDS) == MessageChannel.NO_MESSAGE) {
                    say("RECEIVE TIMED OUT");
                    return;
                }
                say("GOT " + text(buf));
            }
        }
    }
}
