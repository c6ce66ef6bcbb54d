package io.jipc.bench.verify;

import io.jipc.api.IpcHandle;
import io.jipc.api.IpcNotFound;

import java.util.function.Supplier;

/** Opening a stress object again by its URI: the coordinator's "does it still exist?" check. */
final class Reopen {
    private Reopen() {
    }

    /** {@return {@code uri} with {@code option} ("key=value") appended} */
    static String withOption(String uri, String option) {
        return uri + (uri.contains("?") ? "&" : "?") + option;
    }

    /**
     * Whether the object exists now: {@code open} (a URI with {@code open=open}) succeeds; its
     * handle is closed at once.
     */
    static boolean exists(Supplier<? extends IpcHandle> open) {
        try (IpcHandle h = open.get()) {
            return h != null;
        } catch (IpcNotFound e) {
            return false;
        }
    }
}
