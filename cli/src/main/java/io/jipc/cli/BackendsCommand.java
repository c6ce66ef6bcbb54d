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
        description = {"List the installed backends (URI schemes) and what each can do.",
                "For each scheme: the module providing it, the primitives it offers (channel, mutex, region) and its capabilities (limits, tagging, timed operations, persistence, what a crash leaves behind). The tables fit the terminal; --wide shows every capability in full."})
public final class BackendsCommand extends BaseCommand {
    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--wide", description = "One capability table per primitive with every scheme side by side, however wide.")
    boolean wide;

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
        int width = wide ? Integer.MAX_VALUE : columns();
        printSchemes(out, all, width);
        for (Primitive p : Primitive.values()) {
            List<Capabilities> caps = capabilitiesOf(all, p);
            if (!caps.isEmpty()) {
                printCapabilities(out, p, caps, width);
            }
        }
        return Main.EXIT_OK;
    }

    /** The count and the table of schemes: module, primitives, description. */
    private static void printSchemes(PrintWriter out, List<Backend> all, int width) {
        out.println(all.size() + " scheme(s) installed");
        out.println();
        Table t = new Table("scheme", "module", "channel", "mutex", "region", "description");
        for (Backend b : all) {
            t.row(b.scheme(), b.module(), mark(b, Primitive.CHANNEL), mark(b, Primitive.MUTEX),
                    mark(b, Primitive.REGION), b.description());
        }
        t.print(out, "", width);
    }

    /** The capabilities of {@code p} of every backend offering it, in the backends' order. */
    private static List<Capabilities> capabilitiesOf(List<Backend> all, Primitive p) {
        List<Capabilities> caps = new ArrayList<>();
        for (Backend b : all) {
            if (b.primitives().contains(p)) {
                caps.add(safeCapabilities(b, p));
            }
        }
        return caps;
    }

    /** The heading and the capability table(s) of one primitive. */
    private void printCapabilities(PrintWriter out, Primitive p, List<Capabilities> caps, int width) {
        out.println();
        out.println("Capabilities: " + p.label() + (wide ? " (" + caps.stream().map(Capabilities::scheme).collect(Collectors.joining(", ")) + ")" : ""));
        List<String> keys = capabilityKeys(caps);
        List<List<Capabilities>> groups = wide ? List.of(caps) : groupsThatFit(caps, keys, width);
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                out.println();
            }
            Table ct = capabilityTable(groups.get(g), keys);
            if (wide) {
                ct.wrap(caps.size() == 1 ? 90 : Math.max(24, 100 / caps.size())).print(out, "  ");
            } else {
                ct.print(out, "  ", width);
            }
        }
    }

    /** Every capability key of {@code caps} but scheme and primitive, in first-seen order. */
    private static List<String> capabilityKeys(List<Capabilities> caps) {
        List<String> keys = new ArrayList<>();
        for (Capabilities c : caps) {
            for (String k : c.asMap().keySet()) {
                if (!keys.contains(k) && !k.equals("scheme") && !k.equals("primitive")) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /**
     * One column per scheme keeps the comparison readable; compact: as many schemes side by side
     * as fit the terminal, the next ones in a table below.
     */
    private static List<List<Capabilities>> groupsThatFit(List<Capabilities> caps, List<String> keys, int width) {
        List<List<Capabilities>> groups = new ArrayList<>();
        List<Capabilities> group = new ArrayList<>();
        for (Capabilities c : caps) {
            group.add(c);
            if (group.size() > 1 && capabilityTable(group, keys).minWidth("  ") > width) {
                group.remove(group.size() - 1);
                groups.add(group);
                group = new ArrayList<>(List.of(c));
            }
        }
        groups.add(group);
        return groups;
    }

    /** The capabilities of {@code caps} side by side, one row per key. */
    private static Table capabilityTable(List<Capabilities> caps, List<String> keys) {
        List<String> header = new ArrayList<>();
        header.add("");
        caps.forEach(c -> header.add(c.scheme()));
        Table ct = new Table(header.toArray(new String[0]));
        for (String k : keys) {
            List<Object> row = new ArrayList<>();
            row.add(k);
            for (Capabilities c : caps) {
                row.add(c.asMap().getOrDefault(k, "-"));
            }
            ct.row(row.toArray());
        }
        return ct;
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
