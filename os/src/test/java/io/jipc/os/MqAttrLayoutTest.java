package io.jipc.os;

import io.jipc.os.layout.EpollEventLayout;
import io.jipc.os.layout.MqAttrLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The POSIX IPC layouts and constants against the C compiler. */
class MqAttrLayoutTest {
    @Test
    void mqAttrMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("mqueue.h"), "struct mq_attr",
                List.of("mq_flags", "mq_maxmsg", "mq_msgsize", "mq_curmsgs"));
        assertEquals(MqAttrLayout.SIZE, c.get("sizeof"));
        assertEquals(MqAttrLayout.MQ_FLAGS, c.get("mq_flags"));
        assertEquals(MqAttrLayout.MQ_MAXMSG, c.get("mq_maxmsg"));
        assertEquals(MqAttrLayout.MQ_MSGSIZE, c.get("mq_msgsize"));
        assertEquals(MqAttrLayout.MQ_CURMSGS, c.get("mq_curmsgs"));
    }

    @Test
    void epollEventMatchesTheCompiler() throws Exception {
        Map<String, Long> c = CLayoutProbe.probe(List.of("sys/epoll.h"), "struct epoll_event", List.of("events", "data"));
        assertEquals(EpollEventLayout.SIZE, c.get("sizeof"));
        assertEquals(EpollEventLayout.EVENTS, c.get("events"));
        assertEquals(EpollEventLayout.DATA, c.get("data"));
    }

    @Test
    void constantsMatchTheHeaders() throws Exception {
        // offsetof on a one-field probe struct is not usable for constants: compile a tiny program instead
        org.junit.jupiter.api.Assumptions.assumeTrue(CLayoutProbe.hasCompiler(), "no cc");
        Path dir = Files.createTempDirectory("jipc-const-");
        try {
            Path src = dir.resolve("c.c");
            Files.writeString(src, "#define _GNU_SOURCE\n#include <stdio.h>\n#include <semaphore.h>\n#include <unistd.h>\n"
                    + "#include <sys/epoll.h>\n#include <sys/eventfd.h>\n#include <fcntl.h>\n"
                    + "int main(void){printf(\"%ld %d %d %d %d %d %d %d %d %d\\n\",(long)SEM_FAILED,_SC_MQ_PRIO_MAX,"
                    + "EPOLL_CLOEXEC,EPOLL_CTL_ADD,EPOLL_CTL_DEL,EPOLLIN,EPOLLOUT,EFD_CLOEXEC,EFD_NONBLOCK,O_CLOEXEC);return 0;}\n");
            Process p = new ProcessBuilder("cc", "-o", dir.resolve("c").toString(), src.toString()).redirectErrorStream(true).start();
            String err = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), err);
            Process r = new ProcessBuilder(dir.resolve("c").toString()).start();
            String[] v = new String(r.getInputStream().readAllBytes()).trim().split(" ");
            r.waitFor();
            assertEquals(Semaphore.SEM_FAILED, Long.parseLong(v[0]), "SEM_FAILED");
            assertEquals(Unistd._SC_MQ_PRIO_MAX, Integer.parseInt(v[1]), "_SC_MQ_PRIO_MAX");
            assertEquals(Epoll.EPOLL_CLOEXEC, Integer.parseInt(v[2]), "EPOLL_CLOEXEC");
            assertEquals(Epoll.EPOLL_CTL_ADD, Integer.parseInt(v[3]));
            assertEquals(Epoll.EPOLL_CTL_DEL, Integer.parseInt(v[4]));
            assertEquals(Epoll.EPOLLIN, Integer.parseInt(v[5]));
            assertEquals(Epoll.EPOLLOUT, Integer.parseInt(v[6]));
            assertEquals(Eventfd.EFD_CLOEXEC, Integer.parseInt(v[7]));
            assertEquals(Eventfd.EFD_NONBLOCK, Integer.parseInt(v[8]));
            assertEquals(Fcntl.O_CLOEXEC, Integer.parseInt(v[9]));
        } finally {
            Spawner.deleteTree(dir);
        }
    }

    @Test
    void mqPrioMaxComesFromSysconf() {
        assertEquals(32768, SystemLimits.mqPrioMax(), "glibc's MQ_PRIO_MAX on Linux");
    }
}
