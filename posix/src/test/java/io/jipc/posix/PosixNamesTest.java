package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcUriException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POSIX names are checked before any system call, for every primitive. */
@ExtendWith(PosixLeakCheck.class)
@org.junit.jupiter.api.Timeout(60)
class PosixNamesTest {
    private static void refused(String uri, String mentions) {
        for (Executable open : new Executable[]{() -> Ipc.channel(uri), () -> Ipc.mutex(uri), () -> Ipc.region(uri)}) {
            IpcUriException e = assertThrows(IpcUriException.class, open, uri);
            assertTrue(e.getMessage().contains(mentions), e.getMessage());
        }
    }

    @Test
    void emptyNames() {
        refused("posix:", "empty");
        refused("posix:/", "empty");
        refused("posix:?mode=0600", "empty");
    }

    @Test
    void slashesInside() {
        refused("posix:/a/b", "contains '/'");
        refused("posix://a", "contains '/'");
        refused("posix:/a/", "contains '/'");
        refused("posix:noslash", "must start with '/'");
        refused("posix:/..", "'.' and '..'");
    }

    @Test
    void tooLong() {
        String n256 = "x".repeat(256);
        refused("posix:/" + n256, "NAME_MAX");
        // glibc stores a semaphore as /dev/shm/sem.NAME: 252 bytes fit a queue but not a semaphore
        IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.mutex("posix:/" + "y".repeat(252)));
        assertTrue(e.getMessage().contains("251"), e.getMessage());
    }

    @Test
    void unknownOptions() {
        assertThrows(IpcUriException.class, () -> Ipc.mutex("posix:" + PosixLeakCheck.name("m") + "?size=4k"));
        assertThrows(IpcUriException.class, () -> Ipc.region("posix:" + PosixLeakCheck.name("r") + "?maxmsg=4"));
        assertThrows(IpcUriException.class, () -> Ipc.region("posix:" + PosixLeakCheck.name("r") + "?size=0"));
        assertThrows(IpcUriException.class, () -> Ipc.region("posix:" + PosixLeakCheck.name("r") + "?open=create"),
                "creating needs size=");
    }
}
