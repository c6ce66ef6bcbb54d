package io.jipc.bench;

import java.nio.ByteBuffer;

/**
 * How the C10 server waits on several POSIX queues: with the posix backend's poller on their
 * descriptors. Until that backend offers one, the POSIX rows of C10 are reported as skipped.
 */
final class PosixWait {
    private PosixWait() {
    }

    /** Why the POSIX server cannot run here, or {@code null}. */
    static String unavailable() {
        return "skipped: no poller over POSIX queue descriptors in this build";
    }

    /** Serves requests from {@code in}, replying on {@code reply}. */
    static void serve(Link[] in, Link reply, ByteBuffer buf) {
        throw new UnsupportedOperationException(unavailable());
    }
}
