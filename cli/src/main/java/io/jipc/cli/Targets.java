package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.api.Primitive;
import io.jipc.os.CreatedObjects;
import io.jipc.spi.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what the user typed ({@code posix:/orders}, {@code sysv:?id=32768}, {@code /dev/shm/x})
 * into the objects it names, and removes them: the shared logic of {@code rm} and {@code stat}.
 */
final class Targets {
    private Targets() {
    }

    /** {@code uri} with {@code open=open} added when it has no {@code open=} option: the CLI never creates by accident. */
    static String openExisting(String uri) {
        IpcUri u = parse(uri);
        if (u.has("open")) {
            return uri;
        }
        return uri + (uri.indexOf('?') >= 0 ? "&" : "?") + "open=open";
    }

    /**
     * {@code uri} with {@code open=open} whatever its {@code open=} says: what the inspection
     * commands ({@code stat}, {@code rm}) open, so that they never create an object.
     */
    static String inspectOnly(String uri) {
        parse(uri);
        return io.jipc.cli.demo.DemoUris.withOpen(uri, "open");
    }

    /**
     * Refuses a URI that names no object another process could find: {@code pipe:} (without
     * {@code fd=}), {@code unix:pair} (without {@code fd=}) and {@code sysv:private} make a new
     * object that only this command would hold, so a message sent there could never be read and a
     * receive could never get one.
     */
    static void checkReachable(IpcUri u, String command) {
        String s = u.scheme();
        boolean handedOver = u.has("fd");
        String why = null;
        if (s.equals("unix") && u.path().equals("pair") && !handedOver) {
            why = "unix:pair is a socket pair between a process and the children it spawns";
        } else if (s.equals("sysv") && u.path().equals("private")) {
            why = "sysv:private (IPC_PRIVATE) makes a new object that only related processes can be handed";
        } else if (!handedOver && !u.hasPath()) {
            Backend b = Ipc.backend(s);
            try {
                if (b != null && b.primitives().contains(Primitive.CHANNEL)
                        && b.capabilities(Primitive.CHANNEL).needsRelatedProcesses()) {
                    why = s + ": connects a parent with the children it spawns (related processes only)";
                }
            } catch (RuntimeException e) {
                // no capabilities: let the backend decide
            }
        }
        if (why != null) {
            throw new UsageError("'jipc " + command + " " + u + "' would make a new channel that no other process can reach ("
                    + why + "), so the message could never " + (command.equals("send") ? "be read" : "arrive")
                    + "; use a named channel (posix:/NAME, sysv:?key=K, fifo:/PATH, unix:/PATH, ring:/NAME), "
                    + "or see 'jipc demo' for related processes");
        }
    }

    /** A channel opened by {@code send}/{@code recv}, and whether this command created it. */
    record OpenedChannel(io.jipc.api.MessageChannel channel, boolean created) {
    }

    /**
     * Opens the channel {@code uriText} names for {@code send}/{@code recv}: an existing one unless
     * the URI says {@code open=create} or {@code open=open-or-create}; tells whether it was created
     * here (then a signal before the command ends removes it again).
     */
    static OpenedChannel openChannel(String uriText) {
        IpcUri u = parse(uriText);
        String open = u.has("open") ? u.option("open") : "open";
        switch (open) {
            case "create":
                return new OpenedChannel(Ipc.channel(uriText), true);
            case "open-or-create":
                for (int attempt = 0; ; attempt++) {
                    try {
                        return new OpenedChannel(Ipc.channel(io.jipc.cli.demo.DemoUris.withOpen(uriText, "open")), false);
                    } catch (IpcNotFound e) {
                        try {
                            return new OpenedChannel(Ipc.channel(io.jipc.cli.demo.DemoUris.withOpen(uriText, "create")), true);
                        } catch (io.jipc.api.IpcAlreadyExists raced) {
                            if (attempt >= 10) {
                                throw raced;
                            }
                        }
                    }
                }
            default:
                return new OpenedChannel(Ipc.channel(openExisting(uriText)), false);
        }
    }

    /** Parses, turning a syntax error into a usage error. */
    static IpcUri parse(String uri) {
        try {
            return IpcUri.parse(uri);
        } catch (IpcUriException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The backend for {@code uri}'s scheme, or a usage error listing the installed schemes. */
    static Backend backend(IpcUri uri) {
        Backend b = Ipc.backend(uri.scheme());
        if (b == null) {
            throw new UsageError("unknown scheme '" + uri.scheme() + "' in " + uri + "; installed schemes: " + installed());
        }
        return b;
    }

    static String installed() {
        List<Backend> all = Ipc.backends();
        return all.isEmpty() ? "none" : all.stream().map(Backend::scheme).collect(Collectors.joining(", "));
    }

    static IpcObject.Kind sysvKind(Primitive p) {
        switch (p) {
            case CHANNEL: return IpcObject.Kind.SYSV_QUEUE;
            case MUTEX: return IpcObject.Kind.SYSV_SEM;
            default: return IpcObject.Kind.SYSV_SHM;
        }
    }

    static Primitive primitiveOf(IpcObject.Kind k) {
        switch (k) {
            case SYSV_QUEUE: case POSIX_MQ: return Primitive.CHANNEL;
            case SYSV_SEM: case POSIX_SEM: return Primitive.MUTEX;
            default: return Primitive.REGION;
        }
    }

    /** The SysV objects that {@code sysv:?id=N} or {@code sysv:?key=K} names, from {@code /proc/sysvipc}. */
    static List<IpcObject> sysvMatches(Inventory inv, IpcUri u, Primitive kind) {
        long id = u.has("id") ? u.longOption("id", -1, 0, Integer.MAX_VALUE) : -1;
        long key = u.has("key") ? u.longOption("key", 0, Integer.MIN_VALUE, 0xffffffffL) & 0xffffffffL : -1;
        List<IpcObject> out = new ArrayList<>();
        for (IpcObject o : inv.objects) {
            boolean sysv = o.kind == IpcObject.Kind.SYSV_QUEUE || o.kind == IpcObject.Kind.SYSV_SEM || o.kind == IpcObject.Kind.SYSV_SHM;
            if (!sysv || (kind != null && o.kind != sysvKind(kind))) {
                continue;
            }
            if ((id >= 0 && o.id == id) || (key >= 0 && o.key == key)) {
                out.add(o);
            }
        }
        return out;
    }

    /** The file behind {@code uri}'s object of kind {@code p} when the scheme's layout is known, else null. */
    static Path fileOf(IpcUri u, Primitive p) {
        String path = u.path();
        if (path.isEmpty() || !path.startsWith("/")) {
            return null;
        }
        if (u.scheme().equals("posix")) {
            String name = path.substring(1);
            switch (p) {
                case CHANNEL: return Inventory.DEV_MQUEUE.resolve(name);
                case MUTEX: return Inventory.DEV_SHM.resolve("sem." + name);
                default: return Inventory.DEV_SHM.resolve(name);
            }
        }
        if (u.scheme().equals("ring") || u.scheme().equals("robust")) {
            return Inventory.DEV_SHM.resolve("jipc." + u.scheme() + "." + path.substring(1));
        }
        if (u.scheme().equals("sysv")) {
            return null;
        }
        return Path.of(path);
    }

    static long fileOwner(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Refuses an object owned by another user, whatever the kernel would allow (root can remove anything). */
    static void checkOwner(String what, long uid) {
        long me = Inventory.euid();
        if (uid >= 0 && uid != me) {
            throw new Failure("refusing " + what + ": it belongs to " + Procs.user(uid) + " (uid " + uid + "), not to you ("
                    + Procs.user(me) + ", uid " + me + "); jipc only touches its user's own objects");
        }
    }

    /** An object named by a plain path: a /dev/shm entry, a POSIX queue file or a registered file. */
    static IpcObject byPath(Inventory inv, String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        for (IpcObject o : inv.objects) {
            if (o.address.equals(p.toString())) {
                return o;
            }
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new Failure("no such object: " + p + " does not exist");
        }
        throw new Failure(p + " is not an IPC object jipc knows (not in /dev/shm, /dev/mqueue or the registry "
                + CreatedObjects.file() + "); remove it with rm(1) if you are sure");
    }

    /** Removes one inventory object (owner checked first). */
    static String remove(IpcObject o) {
        checkOwner(o.kind.label + " " + o.address, o.uid);
        switch (o.kind) {
            case SYSV_QUEUE: case SYSV_SEM: case SYSV_SHM:
                removeSysv(o);
                return "removed " + o.kind.label + " id " + o.id + " (key " + o.name + ")";
            case AERON_DIR:
                try {
                    io.jipc.aeron.internal.DriverConnection.removeDeadDirectory(Path.of(o.address));
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    throw new Failure("cannot remove " + o.address + ": " + e.getMessage(), e);
                }
                return "removed " + o.kind.label + " " + o.address;
            default:
                Path p = Path.of(o.address);
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new Failure("cannot remove " + p + ": " + e.getMessage(), e);
                }
                if (o.kind == IpcObject.Kind.FILE) {
                    CreatedObjects.forget(p);
                }
                return "removed " + o.kind.label + " " + p;
        }
    }

    private static void removeSysv(IpcObject o) {
        Primitive p = primitiveOf(o.kind);
        Backend sysv = Ipc.backend("sysv");
        if (sysv != null && sysv.primitives().contains(p)) {
            String uri = "sysv:?id=" + o.id + "&open=open";
            try (IpcHandle h = open(uri, p)) {
                h.remove();
            } catch (IpcNotFound e) {
                // already gone: what was asked holds
            }
            return;
        }
        // No sysv backend installed: ipcrm(1) does the same IPC_RMID.
        String flag = o.kind == IpcObject.Kind.SYSV_QUEUE ? "-q" : o.kind == IpcObject.Kind.SYSV_SEM ? "-s" : "-m";
        try {
            Process pr = new ProcessBuilder("ipcrm", flag, Long.toString(o.id)).redirectErrorStream(true).start();
            String out = new String(pr.getInputStream().readAllBytes()).trim();
            if (pr.waitFor() != 0) {
                throw new Failure("ipcrm " + flag + " " + o.id + " failed: " + out);
            }
        } catch (IOException e) {
            throw new Failure("no sysv backend installed and ipcrm could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    static IpcHandle open(String uri, Primitive p) {
        switch (p) {
            case CHANNEL: return Ipc.channel(uri);
            case MUTEX: return Ipc.mutex(uri);
            default: return Ipc.region(uri);
        }
    }

    /** An open handle on one existing object named by a URI. */
    record Found(Primitive primitive, IpcHandle handle) {
    }

    /**
     * Opens every existing object {@code uriText} names ({@code kind} limits the primitives tried);
     * the caller closes the handles.
     */
    static List<Found> openAll(String command, String uriText, Primitive kind) {
        IpcUri u = parse(uriText);
        Backend b = backend(u);
        if (kind != null && !b.primitives().contains(kind)) {
            throw new UsageError("scheme '" + b.scheme() + "' offers no " + kind.label() + " (it offers "
                    + b.primitives().stream().map(Primitive::label).collect(Collectors.joining(", ")) + ")");
        }
        checkReachable(u, command);
        String opened = inspectOnly(uriText);
        List<Found> found = new ArrayList<>();
        RuntimeException firstError = null;
        Inventory sysvTables = u.scheme().equals("sysv") && (u.has("id") || u.has("key")) ? Inventory.sysvOnly() : null;
        for (Primitive p : Primitive.values()) {
            if (!b.primitives().contains(p) || (kind != null && kind != p)) {
                continue;
            }
            if (sysvTables != null) {
                for (IpcObject o : sysvMatches(sysvTables, u, p)) {
                    checkOwner(o.kind.label + " id " + o.id, o.uid);
                }
            }
            Path f = fileOf(u, p);
            if (f != null && Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                checkOwner(p.label() + " " + uriText, fileOwner(f));
            }
            try {
                found.add(new Found(p, open(opened, p)));
            } catch (IpcNotFound e) {
                // no object of this kind under that name
            } catch (RuntimeException e) {
                if (kind != null) {
                    found.forEach(x -> x.handle().close());
                    throw e;
                }
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        if (found.isEmpty()) {
            if (firstError != null) {
                throw firstError;
            }
            throw new Failure("no such object: nothing exists at " + uriText
                    + (kind == null ? "" : " (as a " + kind.label() + ")"));
        }
        return found;
    }
}
