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

    /** How a run is laid out: producers × consumers, messages per producer, who sends the end markers. */
    private record Shape(int producers, int consumers, long perProducer, long total, int max, boolean producerPills,
                         long slowNanos, long idleMs) {
        static Shape of(ChannelFixture f, long messages, long slowNanos) {
            int producers = f.maxProducers();
            int consumers = f.maxConsumers();
            long perProducer = Math.max(1, messages / producers);
            // With one consumer the producers' own end markers stop it; with several, the
            // coordinator sends one per consumer once every producer is done (queues are FIFO).
            return new Shape(producers, consumers, perProducer, perProducer * producers, f.maxMessage(), consumers == 1,
                    slowNanos, 20_000);
        }

        String layout() {
            return producers + "×" + consumers;
        }
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
            Shape sh = Shape.of(f, messages, slowNanos);
            layout = sh.layout();
            List<ChildProcess> consumerProcs = startConsumers(f, sh, names, children, results);
            List<ChildProcess> producerProcs = startProducers(f, sh, messages, children);
            f.childrenStarted();
            Duration budget = Duration.ofSeconds(120).plusNanos(sh.total * 20_000L + (slowNanos + 200_000L) * sh.total);
            long fullCount = 0;
            long blockedPerMille = 0;
            for (ChildProcess p : producerProcs) {
                int code = p.waitFor(budget);
                if (code != 0) {
                    return failed(scheme, test, layout, sh.total, start, "producer exited " + code + ": " + tail(p.output()));
                }
                Matcher m = FULL.matcher(p.output());
                if (m.find()) {
                    fullCount += Long.parseLong(m.group(1));
                    blockedPerMille += Long.parseLong(m.group(2));
                }
            }
            if (!sh.producerPills) {
                sendPills(f, sh);
            }
            for (ChildProcess c : consumerProcs) {
                int code = c.waitFor(Duration.ofSeconds(60).plusMillis(sh.idleMs));
                if (code != 0) {
                    return failed(scheme, test, layout, sh.total, start, "consumer exited " + code + ": " + tail(c.output()));
                }
            }
            return tally(scheme, test, sh, results, 100.0 * fullCount / sh.total, blockedPerMille / 10.0 / sh.producers, start);
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

    /** Starts the consumers (each writing its report to a file added to {@code results}). */
    private static List<ChildProcess> startConsumers(ChannelFixture f, Shape sh, StressNames names, List<ChildProcess> children,
                                                     List<Path> results) throws java.util.concurrent.TimeoutException, InterruptedException {
        List<ChildProcess> consumerProcs = new ArrayList<>();
        for (int j = 0; j < sh.consumers; j++) {
            Path res = names.path("consumer-" + j + ".res");
            results.add(res);
            Spawner s = spawner("consume", f.consumerUri(j), Integer.toString(j), Integer.toString(sh.producers),
                    Long.toString(sh.perProducer), Integer.toString(sh.max), Long.toString(sh.slowNanos),
                    Long.toString(sh.idleMs), res.toString(), Integer.toString(sh.producerPills ? sh.producers : 1));
            f.inheritConsumer(j, s);
            ChildProcess c = s.start();
            children.add(c);
            consumerProcs.add(c);
            if (f.consumerFirst()) {
                c.awaitOutput("READY", Duration.ofSeconds(60));
            }
        }
        return consumerProcs;
    }

    private static List<ChildProcess> startProducers(ChannelFixture f, Shape sh, long messages, List<ChildProcess> children) {
        List<ChildProcess> producerProcs = new ArrayList<>();
        for (int i = 0; i < sh.producers; i++) {
            Spawner s = spawner("produce", f.producerUri(i), Integer.toString(i), Long.toString(sh.perProducer),
                    Integer.toString(sh.max), Long.toString(0x1234L * (i + 1) + messages),
                    Integer.toString(sh.producerPills ? 1 : 0));
            f.inheritProducer(i, s);
            ChildProcess p = s.start();
            children.add(p);
            producerProcs.add(p);
        }
        return producerProcs;
    }

    /** The coordinator's end markers, one per consumer, once every producer is done. */
    private static void sendPills(ChannelFixture f, Shape sh) {
        MessageChannel coord = f.coordinator();
        StressMessage sm = new StressMessage(Math.max(StressMessage.HEADER, 64));
        ByteBuffer b = sm.buffer();
        for (int j = 0; j < sh.consumers; j++) {
            sm.encodePill(b, -1);
            // the lowest tag: after every data message on a priority queue too
            coord.send(b, f.declared().tagging() == io.jipc.api.Capabilities.Tagging.PRIORITY ? 0 : sh.producers + 1);
        }
    }

    /** Adds up the consumers' reports: lost, duplicated (also across consumers), corrupt, out of order. */
    private static StressResult tally(String scheme, String test, Shape sh, List<Path> results, double full, double blocked,
                                      long start) throws java.io.IOException {
        long received = 0;
        long corrupt = 0;
        long dup = 0;
        long ooo = 0;
        BitSet[] union = new BitSet[sh.producers];
        for (int i = 0; i < sh.producers; i++) {
            union[i] = new BitSet((int) sh.perProducer);
        }
        List<String> ends = new ArrayList<>();
        for (Path res : results) {
            ConsumerReport r = ConsumerReport.read(res, sh.perProducer);
            received += r.received;
            corrupt += r.corrupt;
            dup += r.duplicated;
            ooo += r.outOfOrder;
            ends.add(r.end);
            for (int i = 0; i < sh.producers; i++) {
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
        long lost = sh.total - distinct;
        String problem = null;
        if (lost > 0 && ends.stream().anyMatch(e -> e.startsWith("nothing for"))) {
            problem = "consumer(s) waited " + sh.idleMs + " ms for " + lost + " missing message(s)";
        }
        return new StressResult(scheme, test, sh.layout(), sh.total, lost, dup, corrupt, ooo, full, blocked, -1, 0,
                seconds(start), problem);
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
