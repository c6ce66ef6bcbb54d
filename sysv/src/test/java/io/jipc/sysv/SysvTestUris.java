package io.jipc.sysv;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh {@code sysv:?key=} URIs for tests: keys {@code 0x4aPPPNNN} (0x4a = 'J', PPP from this
 * JVM's pid, NNN a counter), unlikely to meet another program's keys (ftok keys carry the
 * project id, usually small, in their top byte); {@code open=create} in a test would reveal a
 * collision as {@code IpcAlreadyExists}.
 */
final class SysvTestUris {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private SysvTestUris() {
    }

    static int freshKey() {
        return 0x4a000000 | (int) ((PID & 0xfff) << 12) | (COUNTER.incrementAndGet() & 0xfff);
    }

    static String freshKeyUri() {
        return "sysv:?key=0x" + Integer.toHexString(freshKey());
    }
}
