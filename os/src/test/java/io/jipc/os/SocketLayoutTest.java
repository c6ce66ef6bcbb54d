package io.jipc.os;

import io.jipc.os.layout.PollfdLayout;
import io.jipc.os.layout.SockaddrUnLayout;
import io.jipc.os.layout.UcredLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The layouts the stream channels use, against the C compiler. */
class SocketLayoutTest {
    @Test
    void sockaddrUnMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("sys/socket.h", "sys/un.h"), "struct sockaddr_un",
                List.of("sun_family", "sun_path"));
        assertEquals(SockaddrUnLayout.SIZE, c.get("sizeof"));
        assertEquals(SockaddrUnLayout.SUN_FAMILY, c.get("sun_family"));
        assertEquals(SockaddrUnLayout.SUN_PATH, c.get("sun_path"));
        assertEquals(SockaddrUnLayout.SUN_PATH_SIZE, SockaddrUnLayout.SIZE - SockaddrUnLayout.SUN_PATH);
    }

    @Test
    void ucredMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("sys/socket.h"), "struct ucred", List.of("pid", "uid", "gid"));
        assertEquals(UcredLayout.SIZE, c.get("sizeof"));
        assertEquals(UcredLayout.PID, c.get("pid"));
        assertEquals(UcredLayout.UID, c.get("uid"));
        assertEquals(UcredLayout.GID, c.get("gid"));
    }

    @Test
    void pollfdMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("poll.h"), "struct pollfd", List.of("fd", "events", "revents"));
        assertEquals(PollfdLayout.SIZE, c.get("sizeof"));
        assertEquals(PollfdLayout.FD, c.get("fd"));
        assertEquals(PollfdLayout.EVENTS, c.get("events"));
        assertEquals(PollfdLayout.REVENTS, c.get("revents"));
    }
}
