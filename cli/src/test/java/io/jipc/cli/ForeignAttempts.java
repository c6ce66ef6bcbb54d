package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.os.ChildSupport;

/**
 * Child JVM of {@link ForeignObjectsTest}, run as another user: for each argument
 * {@code kind|uri} tries to open (and, for a mutex, lock) the object and prints one line
 * {@code CASE <n> <exception class> <message>} or {@code CASE <n> OPENED}, then {@code DONE}.
 */
public final class ForeignAttempts {
    private ForeignAttempts() {
    }

    public static void main(String[] args) {
        ChildSupport.exitWhenParentDies();
        for (int i = 0; i < args.length; i++) {
            String[] a = args[i].split("\\|", 2);
            try {
                IpcHandle h = switch (a[0]) {
                    case "channel" -> Ipc.channel(a[1]);
                    case "mutex" -> Ipc.mutex(a[1]);
                    default -> Ipc.region(a[1]);
                };
                try (h) {
                    if (h instanceof io.jipc.api.Mutex m && m.tryLock()) {
                        m.unlock();
                    }
                }
                System.out.println("CASE " + i + " OPENED");
            } catch (Throwable t) {
                System.out.println("CASE " + i + " " + t.getClass().getName() + " " + String.valueOf(t.getMessage()).replace('\n', ' '));
            }
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
