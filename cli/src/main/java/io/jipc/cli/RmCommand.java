package io.jipc.cli;

import io.jipc.api.Primitive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code jipc rm}: removes exactly the objects it is told, or the orphans after asking. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Remove IPC objects: those named, or the orphans.",
                "Exactly the objects named (by URI, by SysV id as sysv:?id=N, or by a path that 'jipc ls' lists), or the orphans that 'jipc ls --orphans' shows (asking first unless --yes). Objects of another user are refused, even for root.",
                "Never creates anything (the URI's open= is ignored); only what jipc created is ever an orphan."},
        footer = {"", "Examples:", "  jipc rm posix:/orders", "  jipc rm sysv:?id=32768 --kind channel",
                "  jipc rm /dev/shm/jipc-feed", "  jipc rm --orphans --dry-run"})
public final class RmCommand extends BaseCommand {
    @Parameters(paramLabel = "URI", arity = "0..*", description = "Objects to remove: URI, sysv:?id=N or a path.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--orphans", description = "Remove the orphans (see 'jipc ls --orphans').")
    boolean orphans;

    @Option(names = "--kind", paramLabel = "KIND", description = "Which primitive the URI names when it could name several: ${COMPLETION-CANDIDATES}.")
    Primitive kind;

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before removing orphans.")
    boolean yes;

    @Option(names = "--name", paramLabel = "TEXT", description = "With --orphans: only those whose name or address contains TEXT (repeatable; ORed with --pid).")
    List<String> names = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID", description = "With --orphans: only those whose creator or last user is PID (repeatable; ORed with --name).")
    List<Long> pids = new ArrayList<>();

    @Override
    public Integer call() {
        if (orphans == !targets.isEmpty()) {
            throw new UsageError(orphans ? "give either URIs or --orphans, not both" : "nothing to remove: give URIs or --orphans");
        }
        if (!orphans && (!names.isEmpty() || !pids.isEmpty())) {
            throw new UsageError("--name and --pid only apply with --orphans");
        }
        return orphans ? orphans() : named();
    }

    private int orphans() {
        PrintWriter out = out();
        Inventory inv = Inventory.take();
        inv.filter(names, pids);
        inv.orphansOnly();
        if (inv.objects.isEmpty()) {
            out.println("No orphans.");
            return Main.EXIT_OK;
        }
        out.println(inv.objects.size() + " orphan(s):");
        LsCommand.print(out, inv.objects);
        if (dryRun) {
            out.println("Dry run: nothing removed.");
            return Main.EXIT_OK;
        }
        if (!yes && !confirm(out, "Remove these " + inv.objects.size() + " object(s)? [y/N] ")) {
            throw new Failure("nothing removed (not confirmed; use --yes to remove without asking)");
        }
        int failed = 0;
        for (IpcObject o : inv.objects) {
            try {
                out.println(Targets.remove(o));
            } catch (Failure | io.jipc.api.IpcException e) {
                err().println("jipc: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }

    private boolean confirm(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(root().in, StandardCharsets.UTF_8)).readLine();
            return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private int named() {
        PrintWriter out = out();
        int failed = 0;
        for (String t : targets) {
            try {
                failed += removeOne(out, t) ? 0 : 1;
            } catch (Failure | io.jipc.api.IpcException e) {
                if (e instanceof io.jipc.api.IpcUriException) {
                    throw e;
                }
                err().println("jipc: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }

    private boolean removeOne(PrintWriter out, String t) {
        if (t.startsWith("/")) {
            IpcObject o = Targets.byPath(Inventory.take(), t);
            if (dryRun) {
                Targets.checkOwner(o.kind.label + " " + o.address, o.uid);
                out.println("would remove " + o.kind.label + " " + o.address);
            } else {
                out.println(Targets.remove(o));
            }
            return true;
        }
        List<Targets.Found> found = Targets.openAll("rm", t, kind);
        try {
            if (found.size() > 1) {
                StringBuilder kinds = new StringBuilder();
                found.forEach(f -> kinds.append(kinds.length() == 0 ? "" : " and a ").append(f.primitive().label()));
                throw new UsageError(t + " names a " + kinds + ": say which with --kind");
            }
            Targets.Found f = found.get(0);
            if (dryRun) {
                out.println("would remove " + f.primitive().label() + " " + t);
            } else {
                if (f.info() != null) {
                    // the backend knows the object: it removes it, refusing what is not provably its own
                    Targets.backend(Targets.parse(t)).remove(f.info());
                } else {
                    f.handle().remove();
                }
                out.println("removed " + f.primitive().label() + " " + t);
            }
            return true;
        } finally {
            found.forEach(f -> f.handle().close());
        }
    }
}
