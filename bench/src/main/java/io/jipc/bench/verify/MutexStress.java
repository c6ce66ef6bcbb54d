package io.jipc.bench.verify;

import io.jipc.api.Ipc;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mutex stress run: {@code processes} child JVMs × {@code threads} threads increment a plain
 * (non-atomic) counter in a shared file region under the mutex; the final counter must be exact.
 */
final class MutexStress {
    private static final Pattern COUNTED = Pattern.compile("COUNTED overlaps=(\\d+) ownerDied=(\\d+) errors=(\\d+)");

    private MutexStress() {
    }

    static StressResult run(String scheme, StressNames names, int processes, int threads, long perThread) {
        long start = System.nanoTime();
        String layout = processes + "×" + threads;
        long expected = (long) processes * threads * perThread;
        String regionUri = "file:/dev/shm/" + names.unique("counter") + "?size=4096";
        List<ChildProcess> children = new ArrayList<>();
        try (MutexFixture f = MutexFixture.create(scheme, names); SharedRegion region = Ipc.region(regionUri)) {
            AutoCloseable removeRegion = region::remove;
            Cleanups.register(removeRegion);
            try {
                for (int i = 0; i < processes; i++) {
                    children.add(ChannelStress.spawner("count", f.uri, regionUri, Integer.toString(threads),
                            Long.toString(perThread)).start());
                }
                for (ChildProcess c : children) {
                    c.awaitOutput("READY", Duration.ofSeconds(60));
                }
                region.putLongRelease(16, 1);
                long overlaps = 0;
                String problem = null;
                Duration budget = Duration.ofSeconds(120).plusMillis(expected * 5);
                for (ChildProcess c : children) {
                    int code = c.waitFor(budget);
                    Matcher m = COUNTED.matcher(c.output());
                    if (code != 0 || !m.find()) {
                        problem = "child exited " + code + ": " + ChannelStress.tail(c.output());
                        continue;
                    }
                    overlaps += Long.parseLong(m.group(1));
                    if (Long.parseLong(m.group(3)) > 0) {
                        problem = "errors in a child: " + ChannelStress.tail(c.output());
                    }
                }
                long counter = region.getLongVolatile(0);
                return StressResult.mutex(scheme, layout, expected, counter, overlaps, ChannelStress.seconds(start), problem);
            } finally {
                for (ChildProcess c : children) {
                    c.close();
                }
                region.remove();
                Cleanups.done(removeRegion);
            }
        } catch (Exception e) {
            return StressResult.mutex(scheme, layout, expected, -2, 0, ChannelStress.seconds(start), ChannelStress.brief(e));
        }
    }
}
