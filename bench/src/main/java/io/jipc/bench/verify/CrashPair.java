package io.jipc.bench.verify;

import io.jipc.api.Ipc;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** The parent's end of a channel whose other end is one child, for the crash scenarios. */
final class CrashPair implements AutoCloseable {
    final ChannelFixture f;
    final MessageChannel mine;
    final ChildProcess child;
    private final boolean closeMine;

    CrashPair(ChannelFixture f, MessageChannel mine, ChildProcess child, boolean closeMine) {
        this.f = f;
        this.mine = mine;
        this.child = child;
        this.closeMine = closeMine;
    }

    /** Starts the child ({@code args} after the mode and the URI) as the other end of {@code f}. */
    static CrashPair start(ChannelFixture f, String mode, String... args) throws Exception {
        MessageChannel mine;
        boolean closeMine;
        String childUri;
        if (f instanceof ChannelFixture.Unix u) {
            mine = Ipc.channel(u.uri("create"));
            closeMine = true;
            childUri = u.uri("open");
        } else if (f instanceof ChannelFixture.Pipe p) {
            mine = p.channel();
            closeMine = false;
            childUri = f.producerUri(0);
        } else {
            mine = f.coordinator();
            closeMine = false;
            childUri = f.producerUri(0);
        }
        String[] all = new String[args.length + 2];
        all[0] = mode;
        all[1] = childUri;
        System.arraycopy(args, 0, all, 2, args.length);
        Spawner s = ChannelStress.spawner(all);
        f.inheritProducer(0, s);
        ChildProcess c;
        try {
            c = s.start();
        } catch (RuntimeException e) {
            if (closeMine) {
                mine.close();
            }
            throw e;
        }
        if (f instanceof ChannelFixture.Pipe p) {
            p.channel().closePeerEnds();
        }
        return new CrashPair(f, mine, c, closeMine);
    }

    @Override
    public void close() {
        child.close();
        if (closeMine) {
            mine.close();
        }
    }

    /** What draining a channel saw. */
    record Drain(long received, long intactInOrder, long corrupt, String end) {
    }

    /** Receives until the channel stays empty for {@code timeoutMs} or is removed, checking each message's sequence. */
    static Drain drain(MessageChannel ch, StressMessage m, long firstSeq, long timeoutMs) {
        ByteBuffer b = m.buffer();
        long received = 0;
        long expect = firstSeq;
        long corrupt = 0;
        String end;
        while (true) {
            b.clear();
            long tag;
            try {
                tag = ch.receive(b, Select.any(), timeoutMs, TimeUnit.MILLISECONDS);
            } catch (IpcRemoved e) {
                end = "IpcRemoved";
                break;
            }
            if (tag == MessageChannel.NO_MESSAGE) {
                end = "waits";
                break;
            }
            received++;
            if (m.check(b, b.position()) == StressMessage.Kind.DATA && StressMessage.seq(b) == expect) {
                expect++;
            } else {
                corrupt++;
            }
        }
        return new Drain(received, expect - firstSeq, corrupt, end);
    }
}
