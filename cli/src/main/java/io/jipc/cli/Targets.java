package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUri;
import io.jipc.api.IpcUriException;
import io.jipc.api.Primitive;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;

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

    /** Refuses an object owned by another user, whatever the kernel would allow (root can remove anything). */
    static void checkOwner(String what, long uid) {
        long me = Inventory.euid();
        if (uid >= 0 && uid != me) {
            throw new Failure("refusing " + what + ": it belongs to " + Procs.user(uid) + " (uid " + uid + "), not to you ("
                    + Procs.user(me) + ", uid " + me + "); jipc only touches its user's own objects");
        }
    }

    /** An object named by a plain path: one that a backend lists there. */
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
        throw new Failure(p + " is not an IPC object jipc knows (no installed backend lists it: 'jipc ls' shows what they do); "
                + "remove it with rm(1) if you are sure");
    }

    /** Removes one inventory object through its backend (owner checked first). */
    static String remove(IpcObject o) {
        checkOwner(o.kind.label + " " + o.address, o.uid);
        Backend b = Ipc.backend(o.info.scheme());
        try {
            b.remove(o.info);
        } catch (IpcNotFound e) {
            // already gone: what was asked holds
        }
        return o.id >= 0 ? "removed " + o.kind.label + " id " + o.id + " (key " + o.name + ")"
                : "removed " + o.kind.label + " " + o.address;
    }

    static IpcHandle open(String uri, Primitive p) {
        switch (p) {
            case CHANNEL: return Ipc.channel(uri);
            case MUTEX: return Ipc.mutex(uri);
            default: return Ipc.region(uri);
        }
    }

    /**
     * An open handle on one existing object named by a URI, and what its backend says of it
     * ({@code info}: null when the backend lists no such object, e.g. a free lock-file path).
     */
    record Found(Primitive primitive, IpcHandle handle, ObjectInfo info) {
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
        List<ObjectInfo> known = b.locate(parse(opened));
        for (Primitive p : Primitive.values()) {
            if (!b.primitives().contains(p) || (kind != null && kind != p)) {
                continue;
            }
            ObjectInfo info = null;
            for (ObjectInfo o : known) {
                if (o.primitive() == p) {
                    checkOwner(o.label() + " " + o.name(), o.ownerUid());
                    info = o;
                }
            }
            try {
                found.add(new Found(p, open(opened, p), info));
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
