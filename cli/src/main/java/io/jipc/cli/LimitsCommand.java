package io.jipc.cli;

import io.jipc.os.SystemLimits;
import io.jipc.spi.Limit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jipc limits}: the IPC limits in force, grouped, each with its unit, source and meaning. */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = {"Show the IPC limits in force on this machine.",
                "System V, POSIX message queues and pipes, each limit with its value, unit, where it was read and what it limits. The table fits the terminal; --wide shows every column in full."})
public final class LimitsCommand extends BaseCommand {
    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--wide", description = "Also show where each value was read (the source column), however wide.")
    boolean wide;

    @Override
    public Integer call() {
        Map<String, List<Limit>> groups = groups();
        PrintWriter out = out();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            groups.forEach((g, ls) -> {
                List<Object> rows = new ArrayList<>();
                for (Limit l : ls) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("name", l.name());
                    r.put("value", l.value());
                    r.put("unit", l.unit());
                    r.put("source", l.source());
                    r.put("meaning", l.meaning());
                    rows.add(r);
                }
                m.put(g.equals("System V IPC") ? "sysv" : g.equals("POSIX message queues") ? "posixMqueue" : "pipes", rows);
            });
            out.println(Json.write(m));
            return Main.EXIT_OK;
        }
        boolean first = true;
        for (Map.Entry<String, List<Limit>> g : groups.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(g.getKey());
            print(out, g.getValue(), wide, columns());
        }
        if (!wide) {
            out.println();
            out.println("(--wide: where each value was read)");
        }
        return Main.EXIT_OK;
    }

    /** The limits, grouped by mechanism. */
    static Map<String, List<Limit>> groups() {
        Map<String, List<Limit>> m = new LinkedHashMap<>();
        m.put("System V IPC", SystemLimits.sysv());
        m.put("POSIX message queues", SystemLimits.posixMqueue());
        m.put("Pipes and FIFOs", SystemLimits.pipes());
        return m;
    }

    static void print(PrintWriter out, List<Limit> limits) {
        print(out, limits, true, Integer.MAX_VALUE);
    }

    /** The limits as a table: compact (no source column, fitted to {@code width}) or wide (everything). */
    static void print(PrintWriter out, List<Limit> limits, boolean wide, int width) {
        Table t = wide ? new Table("name", "value", "unit", "source", "meaning") : new Table("name", "value", "unit", "meaning");
        for (Limit l : limits) {
            if (wide) {
                t.row(l.name(), l.value(), l.unit(), l.source(), l.meaning());
            } else {
                t.row(l.name(), l.value(), l.unit(), l.meaning());
            }
        }
        t.print(out, "  ", wide ? Integer.MAX_VALUE : width);
    }
}
