package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.Mutex;

/**
 * Child JVM for {@link PosixSemaphoreCorruptionTest}: opens each URI given and tries to lock it,
 * printing one line per URI ({@code OK uri} or {@code REFUSED uri <exception class>: <message>});
 * exits 0 when it got through them all. A glibc abort would end it with 134 instead.
 */
public final class OpenMutexPeer {
    private OpenMutexPeer() {
    }

    public static void main(String[] args) {
        for (String uri : args) {
            try (Mutex m = Ipc.mutex(uri)) {
                if (m.tryLock(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    m.unlock();
                }
                System.out.println("OK " + uri);
            } catch (IpcException e) {
                System.out.println("REFUSED " + uri + " " + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' '));
            }
            System.out.flush();
        }
        System.out.println("DONE");
    }
}
