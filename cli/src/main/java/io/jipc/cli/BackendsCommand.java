package io.jipc.cli;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.Primitive;
import io.jipc.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code jipc backends}: every installed scheme, its module, its primitives and their capabilities. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"List the installed backends (URI schemes): the module providing each, the primitives",
                "it offers (channel, mutex, region) and what each can do (limits, tagging, timed operations,",
                "persistence, what a crash leaves behind)."})
public final class BackendsCommand extends BaseCommand {
    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        List<Backend> all = Ipc.backends();
        PrintWriter out = out();
        if (json) {
            out.println(Json.write(describe(all)));
            return Main.EXIT_OK;
        }
        if (all.isEmpty()) {
            out.println("No backend is installed: put a backend module (jipc-sysv, jipc-posix...) on the class path.");
            return Main.EXIT_OK;
        }
        out.println(all.size() + " scheme(s) installed");
        out.println();
        Table t = new Table("scheme", "module", "channel", "mutex", "region", "description");
        for (Backend b : all) {
            t.row(b.scheme(), b.module(), mark(b, Primitive.CHANNEL), mark(b, Primitive.MUTEX),
                    mark(b, Primitive.REGION), b.description());
        }
        t.print(out, "");
        for (Primitive p : Primitive.values()) {
            List<Capabilities> caps = new ArrayList<>();
            for (Backend b : all) {
                if (b.primitives().contains(p)) {
                    caps.add(safeCapabilities(b, p));
                }
            }
            if (caps.isEmpty()) {
                continue;
            }
            out.println();
            out.println("Capabilities: " + p.label() + " (" + caps.stream().map(Capabilities::scheme).collect(Collectors.joining(", ")) + ")");
            List<String> keys = new ArrayList<>();
            for (Capabilities c : caps) {
                for (String k : c.asMap().keySet()) {
                    if (!keys.contains(k) && !k.equals("scheme") && !k.equals("primitive")) {
                        keys.add(k);
                    }
                }
            }
            // One column per scheme keeps the comparison readable.
            List<String> header = new ArrayList<>();
            header.add("");
            caps.forEach(c -> header.add(c.scheme()));
            Table ct = new Table(header.toArray(new String[0])).wrap(caps.size() == 1 ? 90 : Math.max(24, 100 / caps.size()));
            for (String k : keys) {
                List<Object> row = new ArrayList<>();
                row.add(k);
                for (Capabilities c : caps) {
                    row.add(c.asMap().getOrDefault(k, "-"));
                }
                ct.row(row.toArray());
            }
            ct.print(out, "  ");
        }
        return Main.EXIT_OK;
    }

    private static String mark(Backend b, Primitive p) {
        return b.primitives().contains(p) ? "yes" : "-";
    }

    private static Capabilities safeCapabilities(Backend b, Primitive p) {
        try {
            return b.capabilities(p);
        } catch (RuntimeException e) {
            return Capabilities.builder(b.scheme(), p).notes("capabilities unavailable: " + e.getMessage()).build();
        }
    }

    /** The backends as JSON-ready maps. */
    static List<Object> describe(List<Backend> all) {
        List<Object> list = new ArrayList<>();
        for (Backend b : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", b.scheme());
            m.put("module", b.module());
            m.put("description", b.description());
            m.put("primitives", b.primitives().stream().sorted().map(Primitive::label).collect(Collectors.toList()));
            Map<String, Object> caps = new LinkedHashMap<>();
            for (Primitive p : Primitive.values()) {
                if (b.primitives().contains(p)) {
                    caps.put(p.label(), safeCapabilities(b, p).asMap());
                }
            }
            m.put("capabilities", caps);
            list.add(m);
        }
        return list;
    }
}
