package io.jipc.posix;

import io.jipc.os.Errno;
import io.jipc.os.Fcntl;
import io.jipc.os.Native;
import io.jipc.os.PosixMq;
import io.jipc.os.Semaphore;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Test-side leak check for POSIX objects. Every name a test uses comes from {@link #name(String)};
 * after the class, each such name must be gone as a queue (checked by opening it by name:
 * {@code /dev/mqueue} need not be mounted), as a semaphore ({@code /dev/shm/sem.NAME}) and as a
 * shared-memory object ({@code /dev/shm/NAME}). A leftover is removed and fails the class.
 *
 * <p>It does not depend on {@code /dev/mqueue}; when that is mounted (the test kit's
 * {@code LeakGuard} mounts it when root), leftovers with this JVM's prefix found there count too.
 */
public final class PosixLeakCheck implements AfterAllCallback {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    /** A fresh POSIX name ({@code /jipc-test-<pid>-<n>-hint}), recorded for the leak check. */
    public static String name(String hint) {
        String n = TestNames.posixName(hint);
        NAMES.add(n);
        return n;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = new ArrayList<>();
        for (String n : NAMES) {
            int q = PosixMq.LIB.mq_open(n, Fcntl.O_RDONLY, 0, 0);
            if (q >= 0) {
                PosixMq.LIB.mq_close(q);
                PosixMq.LIB.mq_unlink(n);
                leaks.add("queue " + n);
            }
            if (Files.exists(Path.of("/dev/shm/sem." + n.substring(1)))) {
                Semaphore.LIB.sem_unlink(n);
                leaks.add("semaphore " + n);
            }
            if (Files.exists(Path.of("/dev/shm" + n))) {
                io.jipc.os.Mman.LIB.shm_unlink(n);
                leaks.add("shared memory " + n);
            }
        }
        NAMES.clear();
        Path mq = Path.of("/dev/mqueue");
        if (Files.isDirectory(mq)) {
            try (Stream<Path> s = Files.list(mq)) {
                s.filter(p -> p.getFileName().toString().startsWith(TestNames.prefix())).forEach(p -> {
                    PosixMq.LIB.mq_unlink("/" + p.getFileName());
                    leaks.add("queue /" + p.getFileName() + " (found in /dev/mqueue)");
                });
            } catch (IOException ignored) {
                // not listable: the by-name check above stands
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked (now removed): " + leaks);
        }
    }

    /** Is the queue {@code name} present (opened by name)? */
    static boolean queueExists(String name) {
        int q = PosixMq.LIB.mq_open(name, Fcntl.O_RDONLY, 0, 0);
        if (q >= 0) {
            PosixMq.LIB.mq_close(q);
            return true;
        }
        int e = Native.errno();
        if (e != Errno.ENOENT) {
            throw Errno.exception("mq_open", name, e);
        }
        return false;
    }

    /** Does this process have CAP_SYS_RESOURCE (which lifts msg_max, msgsize_max and queues_max)? */
    static boolean hasCapSysResource() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << 24)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return true; // unknown: assume privileged (the caller then skips)
        }
        return true;
    }
}
