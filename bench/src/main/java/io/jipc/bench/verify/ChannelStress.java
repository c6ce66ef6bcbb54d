package io.jipc.bench.verify;

import io.jipc.api.MessageChannel;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One channel stress run: producers and consumers in child JVMs, then the consumers' reports
 * merged into lost / duplicated / corrupt / out-of-order counts.
 */
final class ChannelStress {
    private static final Pattern FULL = Pattern.compile("DONE full=(\\d+) blocked=(\\d+)");

    private ChannelStress() {
    }

    /**
     * Runs {@code messages} messages (split between the producers) through {@code scheme};
     * {@code slowNanos} &gt; 0 makes the consumers pause that long after each message.
     */
    static StressResult run(String scheme, StressNames names, long messages, long slowNanos) {
        long start = System.nanoTime();
        String test = slowNanos > 0 ? "slow consumer" : "channel";
        List<ChildProcess> children = new ArrayList<>();
        List<Path> results = new ArrayList<>();
        String layout = "?";
        try (ChannelFixture f = ChannelFixture.create(scheme, names)) {
            int producers = f.maxProducers();
            int consumers = f.maxConsumers();
            layout = producers + "×" + consumers;
            long perProducer = Math.max(1, messages / producers);
            long total = perProducer * producers;
            int max = f.maxMessage();
            // With one consumer the producers' own end markers stop it; with several, the
            // coordinator sends one per consumer once every producer is done (queues are FIFO).
            boolean producerPills = consumers == 1;
            long idleMs = 20_000;
            List<ChildProcess> consumerProcs = new ArrayList<>();
            List<ChildProcess> producerProcs = new ArrayList<>();
            for (int j = 0; j < consumers; j++) {
                Path res = names.path("consumer-" + j + ".res");
                results.add(res);
                Spawner s = spawner("consume", f.consumerUri(j), Integer.toString(j), Integer.toString(producers), Long.toString(perProducer),
                        Integer.toString(max), Long.toString(slowNanos), Long.toString(idleMs), res.toString(),
                        Integer.toString(producerPills ? producers : 1));
                f.inheritConsumer(j, s);
                ChildProcess c = s.start();
                children.add(c);
                consumerProcs.add(c);
                if (f.consumerFirst()) {
                    c.awaitOutput("READY", Duration.ofSeconds(60));
                }
            }
            for (int i = 0; i < producers; i++) {
                Spawner s = spawner("produce", f.producerUri(i), Integer.toString(i), Long.toString(perProducer), Integer.toString(max),
                        Long.toString(0x1234L * (i + 1) + messages), Integer.toString(producerPills ? 1 : 0));
                f.inheritProducer(i, s);
                ChildProcess p = s.start();
                children.add(p);
                producerProcs.add(p);
            }
            f.childrenStarted();
            Duration budget = Duration.ofSeconds(120).plusNanos(total * 20_000L + (slowNanos + 200_000L) * total);
            long fullCount = 0;
            long blockedPerMille = 0;
            for (ChildProcess p : producerProcs) {
                int code = p.waitFor(budget);
                if (code != 0) {
                    return failed(scheme, test, layout, total, start, "producer exited " + code + ": " + tail(p.output()));
                }
                Matcher m = FULL.matcher(p.output());
                if (m.find()) {
                    fullCount += Long.parseLong(m.group(1));
                    blockedPerMille += Long.parseLong(m.group(2));
                }
            }
            if (!producerPills) {
                MessageChannel coord = f.coordinator();
                StressMessage sm = new StressMessage(Math.max(StressMessage.HEADER, 64));
                ByteBuffer b = sm.buffer();
                for (int j = 0; j < consumers; j++) {
                    sm.encodePill(b, -1);
                    // the lowest tag: after every data message on a priority queue too
                    coord.send(b, f.declared().tagging() == io.jipc.api.Capabilities.Tagging.PRIORITY ? 0 : producers + 1);
                }
            }
            for (ChildProcess c : consumerProcs) {
                int code = c.waitFor(Duration.ofSeconds(60).plusMillis(idleMs));
                if (code != 0) {
                    return failed(scheme, test, layout, total, start, "consumer exited " + code + ": " + tail(c.output()));
                }
            }
            long received = 0;
            long corrupt = 0;
            long dup = 0;
            long ooo = 0;
            BitSet[] union = new BitSet[producers];
            for (int i = 0; i < producers; i++) {
                union[i] = new BitSet((int) perProducer);
            }
            List<String> ends = new ArrayList<>();
            for (Path res : results) {
                StressPeer.ConsumerReport r = StressPeer.ConsumerReport.read(res, perProducer);
                received += r.received;
                corrupt += r.corrupt;
                dup += r.duplicated;
                ooo += r.outOfOrder;
                ends.add(r.end);
                for (int i = 0; i < producers; i++) {
                    BitSet both = (BitSet) union[i].clone();
                    both.and(r.seen[i]);
                    dup += both.cardinality();
                    union[i].or(r.seen[i]);
                }
            }
            long distinct = 0;
            for (BitSet u : union) {
                distinct += u.cardinality();
            }
            long lost = total - distinct;
            String problem = null;
            if (lost > 0 && ends.stream().anyMatch(e -> e.startsWith("nothing for"))) {
                problem = "consumer(s) waited " + idleMs + " ms for " + lost + " missing message(s)";
            }
            double full = 100.0 * fullCount / total;
            double blocked = blockedPerMille / 10.0 / producers;
            return new StressResult(scheme, test, layout, total, lost, dup, corrupt, ooo, full, blocked, -1, 0,
                    seconds(start), problem);
        } catch (Exception e) {
            return failed(scheme, test, layout, messages, start, brief(e));
        } finally {
            for (ChildProcess c : children) {
                c.close();
            }
            for (Path p : results) {
                try {
                    Files.deleteIfExists(p);
                } catch (java.io.IOException ignored) {
                    // reported by the caller's leak check
                }
            }
        }
    }

    /** A stress child with {@code args} (JVM options shared by every stress child). */
    static Spawner spawner(String... args) {
        return Spawner.jvm(StressPeer.class, args).jvmOption("-Xmx128m").jvmOption("-XX:TieredStopAtLevel=1");
    }

    /** An exception in one line: its class, the first 160 characters of its first line, then the rest (a child's output). */
    static String brief(Exception e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        String first = nl < 0 ? msg : msg.substring(0, nl);
        if (first.length() > 160) {
            first = first.substring(0, 160) + "...";
        }
        String rest = nl < 0 ? "" : " | " + tail(msg.substring(nl + 1)).replace('\n', ' ');
        return e.getClass().getSimpleName() + ": " + first + rest;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static String tail(String out) {
        String t = out.trim();
        return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
    }

    private static StressResult failed(String scheme, String test, String layout, long total, long start, String why) {
        return new StressResult(scheme, test, layout, total, -1, -1, -1, -1, 0, 0, -1, 0, seconds(start), why);
    }
}
