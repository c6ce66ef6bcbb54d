package io.jipc.filelock;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.os.ChildSupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM mains for the cross-process tests. */
public final class Children {
    private Children() {
    }

    /** Locks args[0], prints LOCKED (with ownerDied), then holds it until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            Mutex m = Ipc.mutex(args[0]);
            m.lock();
            System.out.println("LOCKED ownerDied=" + m.ownerDied());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** One tryLock on args[0]: prints FREE (and unlocks) or BUSY. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            try (Mutex m = Ipc.mutex(args[0])) {
                if (m.tryLock()) {
                    m.unlock();
                    System.out.println("PROBE FREE");
                } else {
                    System.out.println("PROBE BUSY");
                }
            }
            System.out.flush();
        }
    }

    /** The non-atomic read-modify-write the counter tests run under the mutex. */
    static void increment(Mutex m, Path file, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            m.lock();
            try {
                String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
                long v = s.isEmpty() ? 0 : Long.parseLong(s);
                Thread.yield();
                Files.writeString(file, Long.toString(v + 1), StandardCharsets.US_ASCII);
            } finally {
                m.unlock();
            }
        }
    }

    /** Opens each argument and locks it; prints one RESULT line per URI: OK, or the exception's class and message. */
    public static final class Opener {
        public static void main(String[] args) {
            for (String uri : args) {
                try (Mutex m = Ipc.mutex(uri)) {
                    m.lock();
                    m.unlock();
                    System.out.println("RESULT " + uri + " OK");
                } catch (RuntimeException e) {
                    System.out.println("RESULT " + uri + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            System.out.println("END");
            System.out.flush();
        }
    }
}
