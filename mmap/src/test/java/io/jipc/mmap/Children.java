package io.jipc.mmap;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildSupport;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM mains used by the tests of this module. */
final class Children {
    private Children() {
    }

    /**
     * Opens the region (args[0], or the environment variable {@code JIPC_URI} when args[0] is
     * {@code "-"}), prints {@code SAW <long at offset 8>} and {@code READY}, adds 1 to the long at
     * offset 0 args[1] times with getAndAddLong, prints {@code DONE}.
     */
    public static final class Adder {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            String uri = args[0].equals("-") ? System.getenv("JIPC_URI") : args[0];
            long n = Long.parseLong(args[1]);
            try (SharedRegion r = Ipc.region(uri)) {
                System.out.println("SAW " + r.getLongVolatile(8));
                System.out.println("READY");
                System.out.flush();
                for (long i = 0; i < n; i++) {
                    r.getAndAddLong(0, 1);
                }
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    /**
     * Opens the robust mutex args[0] and the data region args[1], locks, writes the "half-done"
     * marker -1 at offset 0 of the data, prints {@code HOLDING} and waits to be killed.
     */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            Mutex m = Ipc.mutex(args[0]);
            SharedRegion data = Ipc.region(args[1]);
            m.lock();
            data.putLongRelease(0, -1);
            System.out.println("HOLDING");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    /**
     * Prints {@code READY}, waits for the file args[1] to exist, then opens the robust mutex
     * args[0] (all children at once: concurrent initialisation) and args[2] times locks, increments
     * the plain (non-atomic) long at offset args[3] of the mutex's region, unlocks; prints {@code DONE}.
     */
    public static final class Incrementer {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            System.out.println("READY");
            System.out.flush();
            Path go = Path.of(args[1]);
            while (!Files.exists(go)) {
                Thread.sleep(1);
            }
            int n = Integer.parseInt(args[2]);
            int at = Integer.parseInt(args[3]);
            try (RobustMutex m = (RobustMutex) Ipc.mutex(args[0])) {
                ByteBuffer b = m.region().buffer();
                for (int i = 0; i < n; i++) {
                    m.lock();
                    try {
                        long v = b.getLong(at);
                        if ((i & 15) == 0) {
                            Thread.yield();
                        }
                        b.putLong(at, v + 1);
                    } finally {
                        m.unlock();
                    }
                }
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    /** Opens the region args[0] and prints the exception's class and message, or {@code OPENED}. */
    public static final class TryOpen {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (SharedRegion r = Ipc.region(args[0])) {
                System.out.println("OPENED " + r.size());
            } catch (RuntimeException e) {
                System.out.println("FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            System.out.flush();
        }
    }

    /**
     * Lowers {@code RLIMIT_FSIZE} to args[1] bytes (as {@code ulimit -f}), then opens the region
     * args[0] and prints the exception's class and message, or {@code OPENED}.
     */
    public static final class TryOpenWithFileSizeLimit {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            long limit = Long.parseLong(args[1]);
            if (io.jipc.os.Proc.setRlimit(io.jipc.os.SysResource.RLIMIT_FSIZE, limit, limit) != 0) {
                System.out.println("SETRLIMIT FAILED");
                return;
            }
            TryOpen.main(new String[] {args[0]});
        }
    }
}
