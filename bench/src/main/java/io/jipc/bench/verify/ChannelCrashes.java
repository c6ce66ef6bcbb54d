package io.jipc.bench.verify;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The crash matrix's channel scenarios: a sender killed, a receiver killed, a ring producer killed
 * in the middle of a record; each observation beside what the capabilities declare.
 */
final class ChannelCrashes {
    private ChannelCrashes() {
    }

    /** Does the scheme declare that the survivor of a crash gets end of stream / IpcRemoved? */
    static String declaredEnd(Capabilities caps) {
        String leaves = caps.crashLeaves();
        return leaves.contains("end of stream") || leaves.contains("gets IpcRemoved") ? "IpcRemoved" : "waits";
    }

    /** Can a new peer use the channel after one side died (not for related-process or one-peer channels)? */
    static boolean declaredNewPeer(Capabilities caps) {
        return !caps.needsRelatedProcesses() && !caps.notes().contains("one peer per channel");
    }

    /** Kills a child sending on {@code scheme}; rows for what arrives, what the receiver sees, a new sender. */
    static void senderKilled(String scheme, StressNames names, Consumer<CrashRow> add) {
        try (ChannelFixture f = ChannelFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            int max = Math.min(f.maxMessage(), 64 * 1024);
            StressMessage m = new StressMessage(max);
            CrashPair.Drain d;
            boolean left;
            try (CrashPair p = CrashPair.start(f, "send", Integer.toString(CrashMatrix.SENT_BEFORE), Integer.toString(max), "0")) {
                p.child.awaitOutput("SENT " + CrashMatrix.SENT_BEFORE, CrashMatrix.START);
                p.child.killAndWait();
                left = f.exists();
                d = CrashPair.drain(p.mine, m, 0, 1500);
                add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "completed messages delivered", d.intactInOrder() >= CrashMatrix.SENT_BEFORE
                                && d.intactInOrder() == d.received() - d.corrupt(), true,
                        d.intactInOrder() + " intact and in order (" + CrashMatrix.SENT_BEFORE + " confirmed before the kill)"));
                add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "cut message delivered", d.corrupt() > 0, false,
                        d.corrupt() + " corrupt or out of sequence"));
                add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "waiting receiver", d.end(), declaredEnd(caps),
                        "crash leaves: " + caps.crashLeaves()));
                if (f instanceof ChannelFixture.Named) {
                    add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "new sender can use it", newSenderWorks(f, p.mine, m),
                            declaredNewPeer(caps), "a new handle sends, the old receiver gets it"));
                } else if (f instanceof ChannelFixture.Unix u) {
                    add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "new sender can use it", newUnixPeerWorks(u, p.mine, m),
                            declaredNewPeer(caps), "unix: one peer per channel"));
                }
            }
            add.accept(CrashRow.of(scheme, CrashMatrix.SENDER, "object left", left, caps.persistence() != Capabilities.Persistence.PROCESS,
                    "persistence " + caps.persistence().name().toLowerCase(Locale.ROOT)));
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, CrashMatrix.SENDER, e));
        }
    }

    private static boolean newSenderWorks(ChannelFixture f, MessageChannel receiver, StressMessage m) {
        try (MessageChannel again = f.openAgain()) {
            return sendsThrough(again, receiver, m, 2, true);
        } catch (IpcException e) {
            return false;
        }
    }

    private static boolean newUnixPeerWorks(ChannelFixture.Unix u, MessageChannel receiver, StressMessage m) {
        try (MessageChannel again = Ipc.channel(u.uri("open"))) {
            return sendsThrough(again, receiver, m, 1, false);
        } catch (IpcException e) {
            return false;
        }
    }

    /** Whether one message sent through {@code sender} reaches {@code receiver} (with its sequence, if {@code checkSeq}). */
    private static boolean sendsThrough(MessageChannel sender, MessageChannel receiver, StressMessage m, long seconds,
                                        boolean checkSeq) {
        ByteBuffer b = m.buffer();
        m.encode(b, 0, 1_000_000, 100);
        if (!sender.send(b, 1, seconds, TimeUnit.SECONDS)) {
            return false;
        }
        b.clear();
        long tag = receiver.receive(b, Select.any(), seconds, TimeUnit.SECONDS);
        return tag != MessageChannel.NO_MESSAGE && (!checkSeq || StressMessage.seq(b) == 1_000_000);
    }

    /** Kills a child receiving on {@code scheme}; rows for sends after its death and a new receiver. */
    static void receiverKilled(String scheme, StressNames names, Consumer<CrashRow> add) {
        int before = 4;
        int after = 4;
        try (ChannelFixture f = ChannelFixture.create(scheme, names)) {
            Capabilities caps = f.declared();
            int max = Math.min(f.maxMessage(), 64 * 1024);
            StressMessage m = new StressMessage(max);
            ByteBuffer b = m.buffer();
            String sendOutcome;
            long delivered = -1;
            try (CrashPair p = CrashPair.start(f, "recv", Integer.toString(before), Integer.toString(max))) {
                for (int i = 0; i < before; i++) {
                    m.encode(b, 0, i, 64 + 37 * i);
                    p.mine.send(b, 1);
                }
                p.child.awaitOutput("GOT " + before, CrashMatrix.START);
                if (p.child.output().contains("BAD")) {
                    throw new IllegalStateException("the receiver saw a bad message: " + p.child.output());
                }
                p.child.killAndWait();
                int accepted = 0;
                try {
                    for (int i = 0; i < after; i++) {
                        m.encode(b, 0, before + i, 64 + 37 * i);
                        if (!p.mine.send(b, 1, 2, TimeUnit.SECONDS)) {
                            break;
                        }
                        accepted++;
                    }
                    sendOutcome = accepted == after ? "accepted" : "timed out after " + accepted;
                } catch (IpcRemoved e) {
                    sendOutcome = "IpcRemoved";
                }
                if (f instanceof ChannelFixture.Named && accepted > 0) {
                    try (MessageChannel again = f.openAgain()) {
                        delivered = CrashPair.drain(again, m, before, 1500).intactInOrder();
                    }
                }
            }
            String declaredSend = declaredEnd(caps).equals("IpcRemoved") && !scheme.equals("ring") ? "IpcRemoved" : "accepted";
            add.accept(CrashRow.of(scheme, CrashMatrix.RECEIVER, "send after receiver died", sendOutcome, declaredSend,
                    "crash leaves: " + caps.crashLeaves()));
            if (f instanceof ChannelFixture.Named) {
                add.accept(CrashRow.of(scheme, CrashMatrix.RECEIVER, "new receiver gets the rest", delivered == after,
                        declaredNewPeer(caps), delivered + " of " + after + " sent after the kill, intact and in order"));
            }
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, CrashMatrix.RECEIVER, e));
        }
    }

    /** Kills a ring producer in the middle of a large record; rows for the cut record and a new producer. */
    static void ringMidWrite(StressNames names, Consumer<CrashRow> add) {
        String scheme = "ring";
        try (ChannelFixture f = new ChannelFixture.Named(scheme, names, "ring:/" + names.unique("ring") + "?capacity=1m", 1, 1)) {
            Capabilities caps = f.declared();
            int max = f.maxMessage();
            StressMessage m = new StressMessage(max);
            ByteBuffer b = m.buffer();
            CrashPair.Drain d;
            long got = 0;
            try (CrashPair p = CrashPair.start(f, "send", "2", Integer.toString(max), Integer.toString(max))) {
                p.child.awaitOutput("SENT 2", CrashMatrix.START);
                for (int i = 0; i < 3; i++) {
                    b.clear();
                    if (p.mine.receive(b, Select.any(), 10, TimeUnit.SECONDS) != MessageChannel.NO_MESSAGE) {
                        got++;
                    }
                }
                p.child.kill(); // at once: the producer is copying its next record of ~half the ring
                p.child.killAndWait();
                d = CrashPair.drain(p.mine, m, got, 1500);
                add.accept(CrashRow.of(scheme, CrashMatrix.MID_WRITE, "cut record delivered", d.corrupt() > 0, false,
                        (got + d.intactInOrder()) + " records of " + max + " bytes intact and in order, " + d.corrupt()
                                + " bad"));
                add.accept(CrashRow.of(scheme, CrashMatrix.MID_WRITE, "waiting consumer", d.end(), declaredEnd(caps),
                        "crash leaves: " + caps.crashLeaves()));
                add.accept(CrashRow.of(scheme, CrashMatrix.MID_WRITE, "new producer takes over", newSenderWorks(f, p.mine, m),
                        caps.crashLeaves().contains("taken over"), "a new handle sends, the old consumer gets it"));
            }
        } catch (Exception e) {
            add.accept(CrashRow.failed(scheme, CrashMatrix.MID_WRITE, e));
        }
    }
}
