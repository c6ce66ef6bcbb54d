package io.jipc.cli.demo;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.spi.Backend;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Fresh, unique URIs for the demos' objects, by scheme, and the choice of a default scheme. */
public final class DemoUris {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> FILE_SCHEMES = List.of("fcntl", "ofd", "flock", "lockfile", "linklock", "fifo", "unix");
    private static final List<String> SHM_NAMED = List.of("posix", "ring", "robust");

    private DemoUris() {
    }

    /**
     * A URI for a new object of {@code scheme} ({@code open=create}), unique to this run, or
     * {@code null} when the demos do not know how to name one for that scheme.
     */
    public static String fresh(String scheme, Primitive p, String hint, long regionSize) {
        String name = "jipc-demo-" + ProcessHandle.current().pid() + "-" + hint + "-" + Integer.toHexString(RANDOM.nextInt() & 0xffff);
        String base;
        if (scheme.equals("sysv")) {
            int key = (RANDOM.nextInt() & 0x3fffffff) | 0x40000000;
            base = "sysv:?key=0x" + Integer.toHexString(key) + "&open=create";
        } else if (SHM_NAMED.contains(scheme)) {
            base = scheme + ":/" + name + "?open=create";
        } else if (scheme.equals("lockfile") || scheme.equals("linklock")) {
            // the lock file comes and goes with each lock; open=create would ask for a new directory
            base = scheme + ":" + Path.of(System.getProperty("java.io.tmpdir"), name) + "?open=open-or-create";
        } else if (FILE_SCHEMES.contains(scheme)) {
            base = scheme + ":" + Path.of(System.getProperty("java.io.tmpdir"), name) + "?open=create";
        } else if (scheme.equals("file")) {
            base = "file:/dev/shm/" + name + "?open=create";
        } else {
            return null;
        }
        if (p == Primitive.REGION) {
            base += "&size=" + regionSize;
        }
        return base;
    }

    /** {@code uri} with its {@code open=} option replaced by {@code open=open} (what participants use). */
    public static String openOnly(String uri) {
        return withOpen(uri, "open");
    }

    /** {@code uri} with {@code open=} set to {@code mode}. */
    public static String withOpen(String uri, String mode) {
        IpcUri u = IpcUri.parse(uri);
        StringBuilder sb = new StringBuilder(u.scheme()).append(':').append(u.path());
        char sep = '?';
        for (var e : u.options().entrySet()) {
            if (!e.getKey().equals("open")) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = '&';
            }
        }
        return sb.append(sep).append("open=").append(mode).toString();
    }

    /** Installed schemes offering {@code p} whose capabilities pass {@code test} and that the demos can name. */
    public static List<String> schemes(Primitive p, Predicate<Capabilities> test) {
        List<String> out = new ArrayList<>();
        for (Backend b : Ipc.backends()) {
            if (!b.primitives().contains(p)) {
                continue;
            }
            Capabilities c;
            try {
                c = b.capabilities(p);
            } catch (RuntimeException e) {
                continue;
            }
            if (c.needsRelatedProcesses() || !test.test(c) || fresh(b.scheme(), p, "x", 4096) == null) {
                continue;
            }
            out.add(b.scheme());
        }
        // sysv first: the seeds are about System V
        out.sort((a, b) -> a.equals("sysv") ? -1 : b.equals("sysv") ? 1 : a.compareTo(b));
        return out;
    }
}
