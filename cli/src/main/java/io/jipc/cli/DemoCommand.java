package io.jipc.cli;

import io.jipc.cli.demo.Demos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jipc demo}: the seeds' examples as multi-process programs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run one of the seeds' examples, each participant in its own JVM.",
                "Every step is printed. Without NAME, lists the demos. The demos:",
                "  pingpong     two processes, one queue, types 1 and 2 (seed 002)",
                "  adder        a server adding numbers for clients (seed 002, 000)",
                "  priority     types 300,100,200,400,100 read with upTo(300)",
                "  lock         workers incrementing a counter under each mutex",
                "  shm-monitor  a writer updating a shared region, a reader",
                "Without --uri the demo picks an installed scheme that can do it (sysv first), creates a fresh object and removes it at the end; with --uri it creates that object (it must not exist). Ctrl-C / SIGTERM stops the participants and removes what the demo created."},
        footer = {"", "Examples:", "  jipc demo pingpong", "  jipc demo adder --design shared", "  jipc demo priority --uri posix:/prio",
                "  jipc demo lock", "  jipc demo shm-monitor --uri 'posix:/feed?size=4096'"})
public final class DemoCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "pingpong, adder, priority, lock or shm-monitor (without NAME: list the demos).")
    String name;

    @Option(names = "--uri", paramLabel = "URI", description = "The object the demo uses (created by the demo, removed at the end).")
    String uri;

    @Option(names = "--design", paramLabel = "D", description = "adder only: per-client (default: a private reply queue per client, its name inside the request) or shared (one queue, replies typed with the client's pid, seed 000).")
    String design = "per-client";

    @Option(names = "--clients", paramLabel = "N", description = "adder only: number of client processes (default 2).")
    int clients = 2;

    @Option(names = "--rounds", paramLabel = "N", description = "pingpong: rounds; lock: increments per worker; shm-monitor: updates.")
    Integer rounds;

    /** The demos, each with one line saying what it shows. */
    static final String[][] DEMOS = {
        {"pingpong", "two processes, one queue, types 1 and 2 (seed 002)"},
        {"adder", "a server adding numbers for clients; --design per-client or shared (seeds 002, 000)"},
        {"priority", "types 300,100,200,400,100 read with upTo(300) (seed 000); on posix: priority order"},
        {"lock", "processes incrementing a counter file under each installed mutex, total checked"},
        {"shm-monitor", "a writer updating a shared region, a reader printing it"},
    };

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            out().println("Demos (run one with 'jipc demo NAME'; 'jipc demo --help' for the options):");
            Table t = new Table("name", "what it shows");
            for (String[] d : DEMOS) {
                t.row(d[0], d[1]);
            }
            t.print(out(), "  ", root().columns());
            return Main.EXIT_OK;
        }
        if (uri != null) {
            Targets.backend(Targets.parse(uri));
        }
        if (!design.equals("per-client") && !design.equals("shared")) {
            throw new UsageError("--design must be per-client or shared, not '" + design + "'");
        }
        if (clients < 1 || clients > 16) {
            throw new UsageError("--clients must be between 1 and 16");
        }
        if (rounds != null && (rounds < 1 || rounds > 100000)) {
            throw new UsageError("--rounds must be between 1 and 100000");
        }
        if (!java.util.List.of("pingpong", "adder", "priority", "lock", "shm-monitor").contains(name)) {
            throw new UsageError("unknown demo '" + name + "': choose pingpong, adder, priority, lock or shm-monitor");
        }
        // Ctrl-C / SIGTERM: the participants are stopped and what the demo created is removed
        try (Teardown.Run run = Teardown.watchRun()) {
            return runDemo();
        }
    }

    private int runDemo() throws Exception {
        Demos d = new Demos(out(), uri);
        switch (name) {
            case "pingpong": return d.pingpong(rounds == null ? 3 : rounds);
            case "adder": return d.adder(design.equals("shared"), clients);
            case "priority": return d.priority();
            case "lock": return d.lock(rounds == null ? 200 : rounds);
            case "shm-monitor": return d.shmMonitor(rounds == null ? 5 : rounds);
            default:
                throw new UsageError("unknown demo '" + name + "': choose pingpong, adder, priority, lock or shm-monitor");
        }
    }
}
