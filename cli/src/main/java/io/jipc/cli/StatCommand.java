package io.jipc.cli;

import io.jipc.api.ChannelStats;
import io.jipc.api.Capabilities;
import io.jipc.api.IpcHandle;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.RegionStats;
import io.jipc.api.SharedRegion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jipc stat}: the attributes and capabilities of one object. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = {"Show one object: what the kernel says and what its backend can do.",
                "The kernel's view: owner, permissions, pids, queue depth and bytes, region size and attach count; the backend's: limits, tagging, timed operations, persistence. A mutex is probed with one tryLock, released at once.",
                "Never creates anything: the URI's open= is ignored (the object must exist)."},
        footer = {"", "Examples:", "  jipc stat posix:/orders", "  jipc stat sysv:?id=32768 --kind channel", "  jipc stat /dev/shm/jipc-feed"})
public final class StatCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "The object: URI, sysv:?id=N or a path.")
    String target;

    @Option(names = "--kind", paramLabel = "KIND", description = "Which primitive the URI names when it could name several: ${COMPLETION-CANDIDATES}.")
    Primitive kind;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<Map<String, Object>> sections = new ArrayList<>();
        if (target.startsWith("/")) {
            IpcObject o = Targets.byPath(Inventory.take(), target);
            sections.add(section(o.kind.label, json ? o.toMap() : o.describe(), null, null));
        } else {
            List<Targets.Found> found = Targets.openAll("stat", target, kind);
            try {
                Procs procs = found.stream().anyMatch(f -> f.info() != null) ? Procs.scan() : null;
                for (Targets.Found f : found) {
                    Map<String, Object> kernel = new LinkedHashMap<>();
                    if (f.info() != null) {
                        IpcObject o = IpcObject.of(f.info(), procs);
                        kernel.putAll(json ? o.toMap() : o.describe());
                    }
                    sections.add(section(f.primitive().label() + " " + target, kernel, state(f.handle()),
                            f.handle().capabilities()));
                }
            } finally {
                found.forEach(f -> f.handle().close());
            }
        }
        PrintWriter out = out();
        if (json) {
            out.println(Json.write(sections.size() == 1 ? sections.get(0) : sections));
            return Main.EXIT_OK;
        }
        boolean first = true;
        for (Map<String, Object> s : sections) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(s.get("object"));
            for (String part : List.of("kernel", "state", "capabilities")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) s.get(part);
                if (m == null || m.isEmpty()) {
                    continue;
                }
                out.println("  " + part + ":");
                int w = m.keySet().stream().mapToInt(String::length).max().orElse(0);
                m.forEach((k, v) -> out.println("    " + k + " ".repeat(w - k.length()) + "  " + v));
            }
        }
        return Main.EXIT_OK;
    }

    private static Map<String, Object> section(String object, Map<String, Object> kernel, Map<String, Object> state, Capabilities caps) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("object", object);
        s.put("kernel", kernel);
        s.put("state", state);
        if (caps != null) {
            s.put("capabilities", new LinkedHashMap<String, Object>(caps.asMap()));
        }
        return s;
    }

    private static String v(long x) {
        return x == Capabilities.UNKNOWN ? "unknown" : Long.toString(x);
    }

    private static String time(long epochSeconds) {
        return epochSeconds <= 0 ? "never" : java.time.Instant.ofEpochSecond(epochSeconds).toString();
    }

    static Map<String, Object> state(IpcHandle h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h instanceof MessageChannel) {
            ChannelStats s = ((MessageChannel) h).stats();
            m.put("messages queued", v(s.messages()));
            m.put("bytes queued", v(s.bytes()));
            m.put("capacity (messages)", v(s.capacityMessages()));
            m.put("capacity (bytes)", v(s.capacityBytes()));
            m.put("last sender pid", s.lastSenderPid() > 0 ? s.lastSenderPid() + (Procs.alive(s.lastSenderPid()) ? "" : " (dead)") : v(s.lastSenderPid()));
            m.put("last receiver pid", s.lastReceiverPid() > 0 ? s.lastReceiverPid() + (Procs.alive(s.lastReceiverPid()) ? "" : " (dead)") : v(s.lastReceiverPid()));
            m.put("last send", time(s.lastSendEpochSeconds()));
            m.put("last receive", time(s.lastReceiveEpochSeconds()));
        } else if (h instanceof SharedRegion) {
            RegionStats s = ((SharedRegion) h).stats();
            m.put("size", v(s.size()));
            m.put("attached", v(s.attachCount()));
            m.put("creator pid", v(s.creatorPid()));
            m.put("last pid", v(s.lastPid()));
        } else if (h instanceof Mutex) {
            Mutex mx = (Mutex) h;
            boolean got = mx.tryLock();
            if (got) {
                boolean died = mx.ownerDied();
                if (died) {
                    mx.markConsistent();
                }
                mx.unlock();
                m.put("lock", "free (a tryLock succeeded and was released at once)"
                        + (died ? "; the previous holder had died holding it" : ""));
            } else {
                m.put("lock", "held by another process or thread");
            }
        }
        return m;
    }
}
