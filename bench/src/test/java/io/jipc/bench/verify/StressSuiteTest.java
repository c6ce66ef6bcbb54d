package io.jipc.bench.verify;

import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stress suite at CI size for every scheme: every channel scheme (producers × consumers in
 * child JVMs, normal and slow consumer) loses, duplicates, corrupts and reorders nothing; every
 * mutex scheme (3 processes × 3 threads) ends with the exact counter and no overlap. The full
 * size is {@code jipc stress --messages 1000000}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StressSuiteTest {
    /** Messages per channel run in CI. */
    static final long CI_MESSAGES = 1000;

    @Test
    void everySchemeKeepsEveryPromise() {
        StressNames names = new StressNames(TestNames.prefix(), TestNames.dir());
        List<StressResult> rows = StressSuite.run(CI_MESSAGES, StressSuite.schemes(), names, 2, null);
        String table = StressSuite.table(rows);
        System.out.println(table);
        assertEquals(ChannelFixture.SCHEMES.size() * 2 + MutexFixture.SCHEMES.size(), rows.size(), table);
        List<String> failures = new ArrayList<>();
        for (StressResult r : rows) {
            if (!r.ok()) {
                failures.add(String.join(" | ", StressSuite.cells(r)));
            }
        }
        assertTrue(failures.isEmpty(), "schemes that broke a promise:\n" + String.join("\n", failures) + "\n\n" + table);
        for (StressResult r : rows) {
            if (r.test().equals("mutex")) {
                assertEquals(r.operations(), r.counter(), r.scheme() + ": counter");
                assertEquals(0, r.overlaps(), r.scheme() + ": overlaps");
            } else {
                assertEquals(0, r.lost(), r.scheme() + " " + r.test() + ": lost");
                assertEquals(0, r.duplicated(), r.scheme() + " " + r.test() + ": duplicated");
                assertEquals(0, r.corrupt(), r.scheme() + " " + r.test() + ": corrupt");
                assertEquals(0, r.outOfOrder(), r.scheme() + " " + r.test() + ": out of order");
            }
        }
    }

    @Test
    void selectionNamesTheUnknownScheme() {
        assertEquals(List.of("channel:sysv", "mutex:sysv"), StressSuite.select("sysv"));
        assertEquals(List.of("channel:unix-stream", "channel:unix-seqpacket"), StressSuite.select("unix"));
        assertEquals(List.of("mutex:robust"), StressSuite.select("mutex:robust"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StressSuite.select("sysv,nosuch"));
        assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
    }

    @Test
    void corruptMessagesAreSeen() {
        StressMessage m = new StressMessage(4096);
        java.nio.ByteBuffer b = m.buffer();
        m.encode(b, 1, 42, 3000);
        assertEquals(StressMessage.Kind.DATA, m.check(b, 3000));
        b.put(2000, (byte) (b.get(2000) ^ 1));
        assertEquals(StressMessage.Kind.CORRUPT, m.check(b, 3000), "a flipped payload bit");
        m.encode(b, 1, 42, 3000);
        assertEquals(StressMessage.Kind.CORRUPT, m.check(b, 2999), "a cut message");
        m.encodePill(b, 0);
        assertEquals(StressMessage.Kind.PILL, m.check(b, StressMessage.HEADER));
    }
}
