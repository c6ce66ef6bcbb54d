package io.jipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jipc ls}: one inventory of every IPC object on the machine. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List every IPC object on this machine, marking the orphans.",
                "System V queues, semaphore sets and segments (/proc/sysvipc), /dev/shm entries, POSIX queues (/dev/mqueue, mounted first when missing and root) and the lock files, FIFOs and sockets jipc created. Dead pids are marked '(dead)'. Notes (what could not be inspected) go to standard error.",
                "An orphan is an object whose creator and last users are dead and that nobody has attached or open (a SysV queue or semaphore set records no creator; a /dev/shm file or POSIX queue records no pid: there 'nobody has it open or mapped' decides)."})
public final class LsCommand extends BaseCommand {
    @Option(names = "--orphans", description = "Only the orphans.")
    boolean orphans;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--wide", description = "Print each row on one line, however wide (default: fit the terminal, wrapping the long cells).")
    boolean wide;

    @Option(names = "--name", paramLabel = "TEXT", description = "Only objects whose name or address contains TEXT (repeatable; ORed with --pid).")
    List<String> names = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID", description = "Only objects whose creator, last user or opener is PID (repeatable; ORed with --name).")
    List<Long> pids = new ArrayList<>();

    @Override
    public Integer call() {
        Inventory inv = Inventory.take();
        inv.filter(names, pids);
        if (orphans) {
            inv.orphansOnly();
        }
        PrintWriter out = out();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> objs = new ArrayList<>();
            inv.objects.forEach(o -> objs.add(o.toMap()));
            m.put("objects", objs);
            m.put("notes", inv.notes);
            out.println(Json.write(m));
            return Main.EXIT_OK;
        }
        if (print(out, inv.objects, wide ? Integer.MAX_VALUE : columns())) {
            err().println("jipc ls: note: the type, mode and why columns were left out to fit " + columns()
                    + " columns (--wide shows them)");
        }
        for (String n : inv.notes) {
            err().println("jipc ls: note: " + n);
        }
        return Main.EXIT_OK;
    }

    /** Prints the objects as one table per kind. */
    static void print(PrintWriter out, List<IpcObject> objects) {
        print(out, objects, Integer.MAX_VALUE);
    }

    /** The columns a table too wide for the terminal leaves out (--wide shows them). */
    private static final String[] LESS_USEFUL = {"type", "mode", "why"};

    /**
     * Prints the objects as one table per kind, fitted to {@code width} where the words allow: a
     * table that cannot fit leaves out its type, mode and why columns.
     *
     * @return whether some table left columns out
     */
    static boolean print(PrintWriter out, List<IpcObject> objects, int width) {
        boolean hidden = false;
        if (objects.isEmpty()) {
            out.println("No objects.");
            return false;
        }
        for (IpcObject.Kind k : IpcObject.Kind.values()) {
            Table t = emptyTable(k);
            for (IpcObject o : objects) {
                if (o.kind == k) {
                    addRow(t, o);
                }
            }
            if (!t.isEmpty()) {
                if (t.minWidth("  ") > width) {
                    t = t.without(LESS_USEFUL);
                    hidden = true;
                }
                out.println(title(k));
                t.print(out, "  ", width);
                out.println();
            }
        }
        return hidden;
    }

    /** The table for objects of kind {@code k}: its header only. */
    private static Table emptyTable(IpcObject.Kind k) {
        switch (k) {
            case SYSV_QUEUE: return new Table("key", "id", "owner", "mode", "messages", "bytes", "last send pid", "last recv pid", "orphan", "why");
            case SYSV_SEM: return new Table("key", "id", "owner", "mode", "semaphores", "last semop pids", "waiters", "orphan", "why");
            case SYSV_SHM: return new Table("key", "id", "owner", "mode", "size", "creator pid", "last pid", "attached", "orphan", "why");
            case POSIX_MQ: return new Table("path", "owner", "mode", "bytes queued", "open by", "orphan", "why");
            case FILE: return new Table("path", "scheme", "type", "owner", "mode", "creator pid", "open by", "orphan", "why");
            case AERON_DIR: return new Table("path", "owner", "mode", "driver pid", "open by", "orphan", "why");
            default: return new Table("path", "owner", "mode", "size", "open by", "orphan", "why");
        }
    }

    /** Adds {@code o} to {@code t}, the table of its kind, with the columns of {@link #emptyTable}. */
    private static void addRow(Table t, IpcObject o) {
        String orphan = o.orphan ? "ORPHAN" : "no";
        String open = o.openBy.isEmpty() ? "-" : o.openBy.toString();
        switch (o.kind) {
            case SYSV_QUEUE:
                t.row(o.name, o.id, o.owner(), o.modeText(), o.count, o.bytes, o.pidText(o.lastPids.get(0)),
                        o.pidText(o.lastPids.get(1)), orphan, o.why);
                break;
            case SYSV_SEM:
                t.row(o.name, o.id, o.owner(), o.modeText(), o.count, o.lastPidsText(), o.waiters, orphan, o.why);
                break;
            case SYSV_SHM:
                t.row(o.name, o.id, o.owner(), o.modeText(), o.size, o.pidText(o.creatorPid), o.lastPidsText(),
                        o.attached, orphan, o.why);
                break;
            case POSIX_MQ:
                t.row(o.name, o.owner(), o.modeText(), o.bytes < 0 ? "-" : o.bytes, open, orphan, o.why);
                break;
            case FILE:
                t.row(o.name, o.scheme, o.fileType, o.owner(), o.modeText(), o.pidText(o.creatorPid), open, orphan, o.why);
                break;
            case AERON_DIR:
                t.row(o.name, o.owner(), o.modeText(), o.pidText(o.creatorPid), open, orphan, o.why);
                break;
            default:
                t.row(o.name, o.owner(), o.modeText(), o.size, open, orphan, o.why);
                break;
        }
    }

    private static String title(IpcObject.Kind k) {
        switch (k) {
            case SYSV_QUEUE: return "System V message queues (/proc/sysvipc/msg; rm with sysv:?id=ID --kind channel)";
            case SYSV_SEM: return "System V semaphore sets (/proc/sysvipc/sem; rm with sysv:?id=ID --kind mutex)";
            case SYSV_SHM: return "System V shared memory (/proc/sysvipc/shm; rm with sysv:?id=ID --kind region)";
            case SHM_FILE: return "/dev/shm (POSIX shared memory and other tmpfs files; rm with the path)";
            case POSIX_SEM: return "POSIX named semaphores (/dev/shm/sem.*; rm with the path)";
            case POSIX_MQ: return "POSIX message queues (/dev/mqueue; rm with the path)";
            case AERON_DIR: return "Aeron media drivers embedded by jipc (aeron: scheme; rm with the path)";
            case FILE: return "Files created by jipc (lock files, FIFOs, sockets, mapped files; rm with the path)";
            default: return "Other objects";
        }
    }
}
