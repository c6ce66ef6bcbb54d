package io.jipc.bench.checks;

import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.bench.report.Fmt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * C5, the order queues deliver in: SysV {@code msgtyp} (negative: lowest type first; positive:
 * that type) and POSIX priorities (highest first, FIFO within one, no select).
 */
final class OrderChecks {
    private OrderChecks() {
    }

    static String sysvMsgtypOrder(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = kit.sysvQueue(cleanup);
        long[] sent = {300, 100, 200, 400, 100};
        for (long t : sent) {
            q.send(CheckKit.text("type " + t), t);
        }
        List<Long> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t;
        while (got.size() < 10 && (t = q.tryReceive(b.clear(), Select.upTo(300))) != MessageChannel.NO_MESSAGE) {
            got.add(t);
        }
        long left = q.stats().messages();
        long last = q.tryReceive(b.clear(), Select.any());
        // a positive type selects: with 1, 2, 3 queued, msgtyp 3 takes the 3 first
        for (long x : new long[] {1, 2, 3}) {
            q.send(CheckKit.text("type " + x), x);
        }
        long selected = q.tryReceive(b.clear(), Select.tag(3));
        long next = q.tryReceive(b.clear(), Select.any());
        while (q.tryReceive(b.clear(), Select.any()) != MessageChannel.NO_MESSAGE) {
            // drain
        }
        String seen = "sent types " + CheckKit.join(sent) + "; receive with msgtyp -300 gave " + CheckKit.join(got) + ", then nothing; "
                + Fmt.plural(left, "message") + " left, of type " + last + "; with 1, 2, 3 queued, "
                + "msgtyp 3 took " + selected + " and the next plain receive " + next;
        if (!got.equals(List.of(100L, 100L, 200L, 300L)) || left != 1 || last != 400 || selected != 3 || next != 1) {
            throw new LiveChecks.Failed(seen + " (expected 100, 100, 200, 300, then the 400 left; msgtyp 3 → 3, then 1)");
        }
        return seen;
    }

    static String posixPriorityOrder(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = kit.posixQueue(cleanup, "prio");
        long[] sent = {1, 5, 3, 5, 0};
        for (int i = 0; i < sent.length; i++) {
            q.send(CheckKit.text("m" + i), sent[i]);
        }
        List<String> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t;
        while (got.size() < 10 && (t = q.tryReceive(b.clear(), Select.any())) != MessageChannel.NO_MESSAGE) {
            got.add(t + " (" + CheckKit.string(b) + ")");
        }
        String refused;
        try {
            q.tryReceive(b.clear(), Select.tag(3));
            refused = null;
        } catch (RuntimeException e) {
            refused = e.getClass().getSimpleName();
        }
        String seen = "sent priorities " + CheckKit.join(sent) + " (messages m0-m4); received " + String.join(", ", got)
                + "; receive(tag 3) " + (refused == null ? "was accepted" : "refused with " + refused);
        if (!got.equals(List.of("5 (m1)", "5 (m3)", "3 (m2)", "1 (m0)", "0 (m4)")) || refused == null) {
            throw new LiveChecks.Failed(seen + " (expected highest priority first, FIFO within one, and no select)");
        }
        return seen;
    }
}
