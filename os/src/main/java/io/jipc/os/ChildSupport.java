package io.jipc.os;

/**
 * Helpers for the {@code main} of a child JVM started by {@link Spawner}.
 */
public final class ChildSupport {
    private ChildSupport() {
    }

    /**
     * Exits this JVM (status 99) when the parent that spawned it dies, so that a crashed test or
     * benchmark never leaves children holding IPC objects. Watches {@code getppid()} from a daemon
     * thread every 200 ms.
     */
    public static void exitWhenParentDies() {
        int parent = Proc.ppid();
        Thread t = new Thread(() -> {
            while (true) {
                if (Proc.ppid() != parent) {
                    Runtime.getRuntime().halt(99);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jipc-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** {@return this process's id} */
    public static int pid() {
        return (int) ProcessHandle.current().pid();
    }
}
