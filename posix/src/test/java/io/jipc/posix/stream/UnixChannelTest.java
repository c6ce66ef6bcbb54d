package io.jipc.posix.stream;

import io.jipc.api.Capabilities;
import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.jipc.posix.stream.StreamPeers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LeakGuard.class)
class UnixChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<Path> paths = new ArrayList<>();

    private String fresh(String hint) {
        Path p = TestNames.path(hint);
        paths.add(p);
        return "unix:" + p;
    }

    @AfterEach
    void removeSockets() throws Exception {
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void firstOpenerListensSecondConnects() {
        for (String type : List.of("stream", "seqpacket")) {
            String uri = fresh(type) + "?type=" + type;
            try (UnixChannel a = (UnixChannel) Ipc.channel(uri);
                 UnixChannel b = (UnixChannel) Ipc.channel(uri + "&open=open")) {
                assertFalse(a.isConnected());
                assertTrue(b.isConnected());
                assertEquals(type, a.socketType());
                b.send(text("ping"), 11);
                ByteBuffer buf = ByteBuffer.allocate(64);
                assertEquals(11, a.receive(buf, Select.any(), 30, TimeUnit.SECONDS));
                assertEquals("ping", text(buf));
                a.send(text(""), 0);
                a.send(text("pong"), 12);
                assertEquals(0, b.receive(buf.clear()));
                assertEquals(0, buf.position());
                assertThrows(MessageTooLarge.class, () -> b.receive(ByteBuffer.allocate(3)));
                assertEquals(12, b.receive(buf.clear()));
                assertEquals("pong", text(buf));
                long me = ProcessHandle.current().pid();
                assertEquals(me, a.peerCredentials().pid());
                assertEquals(Proc.uid(), b.peerCredentials().uid());
                assertTrue(a.capabilities().senderIdentity());
                // A listening handle accepts one peer only.
                assertThrows(IpcNotFound.class, () -> Ipc.channel(uri + "&open=open"));
                a.remove();
                assertFalse(Files.exists(Path.of(a.uri().path()), LinkOption.NOFOLLOW_LINKS));
                b.close();
                assertThrows(IpcRemoved.class, () -> a.receive(ByteBuffer.allocate(8)));
            }
        }
    }

    @Test
    void aListenerTimesOutWithoutAPeer() {
        String uri = fresh("alone");
        try (UnixChannel a = (UnixChannel) Ipc.channel(uri)) {
            assertFalse(a.trySend(text("x"), 0));
            assertEquals(MessageChannel.NO_MESSAGE, a.receive(ByteBuffer.allocate(8), Select.any(), 20, TimeUnit.MILLISECONDS));
            assertThrows(IpcAlreadyExists.class, () -> Ipc.channel(uri + "?open=create"));
            a.remove();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnySystemCall() {
        String longPath = "/tmp/" + "d".repeat(103);
        IpcUriException e = assertThrows(IpcUriException.class, () -> Ipc.channel("unix:" + longPath));
        assertTrue(e.getMessage().contains("sun_path") && e.getMessage().contains("108"), e.getMessage());
        assertFalse(Files.exists(Path.of(longPath)));
        assertThrows(IpcUriException.class, () -> UnixServer.listen("unix:" + longPath));
        assertThrows(IpcUriException.class, () -> Ipc.channel("unix:"));
        assertThrows(IpcUriException.class, () -> Ipc.channel("unix:/tmp/x?type=dgram"));
        assertThrows(IpcNotFound.class, () -> Ipc.channel(fresh("missing") + "?open=open"));
        IpcException bad = assertThrows(IpcException.class, () -> Ipc.channel("unix:pair?fd=900"));
        assertTrue(bad.getMessage().contains("900") && bad.getMessage().contains("not open"), bad.getMessage());
        try (PipeChannel pipe = (PipeChannel) Ipc.channel("pipe:")) {
            int[] ends = pipe.takePeerEnds();
            try {
                IpcException notSocket = assertThrows(IpcException.class, () -> Ipc.channel("unix:pair?fd=" + ends[0]));
                assertTrue(notSocket.getMessage().contains("not a socket"), notSocket.getMessage());
            } finally {
                io.jipc.os.Unistd.LIB.close(ends[0]);
                io.jipc.os.Unistd.LIB.close(ends[1]);
            }
        }
    }

    @Test
    void pairInOneProcess() {
        try (UnixChannel parent = (UnixChannel) Ipc.channel("unix:pair?type=seqpacket")) {
            int end = parent.takePeerEnd();
            try (UnixChannel child = (UnixChannel) Ipc.channel("unix:pair?fd=" + end)) {
                assertEquals("seqpacket", child.socketType());
                parent.send(text("record"), 3);
                ByteBuffer buf = ByteBuffer.allocate(32);
                assertEquals(3, child.receive(buf));
                assertEquals("record", text(buf));
                // SO_PEERCRED on a socketpair names the process that created the pair.
                assertEquals(ProcessHandle.current().pid(), child.peerCredentials().pid());
                Capabilities c = parent.capabilities();
                assertTrue(c.needsRelatedProcesses());
                assertTrue(c.senderIdentity());
            }
            assertThrows(IpcRemoved.class, () -> parent.receive(ByteBuffer.allocate(8)));
        }
    }

    @Test
    void echoThroughChildJvmsForStreamAndSeqpacket() throws Exception {
        for (String type : List.of("stream", "seqpacket")) {
            String uri = fresh("echo-" + type) + "?type=" + type + "&open=create";
            try (UnixChannel ch = (UnixChannel) Ipc.channel(uri);
                 ChildProcess child = Spawner.jvm(StreamPeers.Echo.class, uri.replace("open=create", "open=open")).start()) {
                ch.awaitPeer();
                assertEquals(child.pid(), ch.peerCredentials().pid());
                echo(ch, 30, 2000);
                assertEquals(0, child.waitFor(WAIT), child.output());
                ch.remove();
            }
        }
    }

    @Test
    void pairEchoThroughAChildJvm() throws Exception {
        try (UnixChannel ch = (UnixChannel) Ipc.channel("unix:pair");
             ChildProcess child = ch.spawnPeer(StreamPeers.Echo.class)) {
            assertFalse(ch.hasPeerEnd());
            echo(ch, 20, 3000);
            assertEquals(0, child.waitFor(WAIT), child.output());
        }
    }

    private static void echo(MessageChannel ch, int rounds, int step) {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        for (int i = 1; i <= rounds; i++) {
            ByteBuffer m = ByteBuffer.allocateDirect(i * step);
            for (int j = 0; j < m.capacity(); j++) {
                m.put(j, (byte) (i ^ j));
            }
            ch.send(m, i);
            buf.clear();
            assertEquals(i, ch.receive(buf, Select.any(), 60, TimeUnit.SECONDS));
            assertEquals(i * step, buf.position());
            for (int j = 0; j < i * step; j += 997) {
                assertEquals((byte) (i ^ j), buf.get(j));
            }
        }
        ch.send(text("stop"), StreamPeers.STOP);
        assertEquals(StreamPeers.STOP, ch.receive(buf.clear()));
    }

    @Test
    void pairSenderKilledMidFrame() throws Exception {
        try (UnixChannel ch = (UnixChannel) Ipc.channel("unix:pair");
             ChildProcess child = ch.spawnPeer(StreamPeers.HalfFrameWriter.class, "3")) {
            ByteBuffer buf = ByteBuffer.allocateDirect(2000);
            assertEquals(7, ch.receive(buf));
            assertEquals("hello", text(buf));
            child.awaitOutput("PARTIAL 116", WAIT);
            child.killAndWait();
            IpcRemoved e = assertThrows(IpcRemoved.class, () -> ch.receive(buf.clear()));
            assertTrue(e.getMessage().contains("mid-message"), e.getMessage());
            assertEquals(0, buf.position());
        }
    }

    @Test
    void serverAcceptsSeveralClientsAndKnowsWhoTheyAre() throws Exception {
        String uri = fresh("server");
        try (UnixServer server = UnixServer.listen(uri + "?type=seqpacket")) {
            assertNull(server.tryAccept());
            assertNull(server.accept(10, TimeUnit.MILLISECONDS));
            List<ChildProcess> children = new ArrayList<>();
            try {
                Set<Long> pids = new HashSet<>();
                for (int i = 0; i < 2; i++) {
                    ChildProcess c = Spawner.jvm(StreamPeers.Client.class, uri + "?type=seqpacket&open=open").start();
                    children.add(c);
                    pids.add((long) c.pid());
                }
                for (int i = 0; i < 2; i++) {
                    try (UnixChannel client = server.accept(60, TimeUnit.SECONDS)) {
                        assertTrue(client != null, "a client connects");
                        PeerCredentials who = client.peerCredentials();
                        assertTrue(pids.remove((long) who.pid()), "peer pid " + who.pid() + " is one of the children");
                        assertEquals(Proc.uid(), who.uid());
                        assertEquals(Proc.gid(), who.gid());
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        assertEquals(1, client.receive(buf, Select.any(), 60, TimeUnit.SECONDS));
                        assertEquals(Long.toString(who.pid()), text(buf), "the sender is who SO_PEERCRED says");
                        client.send(text("hello " + who.pid()), 2);
                    }
                }
                for (ChildProcess c : children) {
                    assertEquals(0, c.waitFor(WAIT), c.output());
                    assertTrue(c.output().contains("REPLY hello " + c.pid()), c.output());
                }
            } finally {
                for (ChildProcess c : children) {
                    c.close();
                }
                server.remove();
            }
            assertFalse(Files.exists(server.path(), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void aThirdProcessIsRefusedClearlyAndNoAcceptedSendIsLost() throws Exception {
        String uri = fresh("third");
        try (MessageChannel listener = Ipc.channel(uri + "?open=create");
             ChildProcess b = Spawner.jvm(StreamPeers.Connector.class, uri + "?open=open").start();
             ChildProcess c = Spawner.jvm(StreamPeers.Connector.class, uri + "?open=open").start()) {
            b.awaitOutput("OPENED", WAIT);
            c.awaitOutput("OPENED", WAIT);
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            assertEquals(1, listener.receive(buf, Select.any(), 60, TimeUnit.SECONDS), "the one peer's message");
            String from = text(buf);
            assertEquals(0, b.waitFor(WAIT), b.output());
            assertEquals(0, c.waitFor(WAIT), c.output());
            int delivered = 0;
            for (ChildProcess child : List.of(b, c)) {
                String out = child.output();
                if (out.contains("SENT true")) {
                    delivered++;
                    assertEquals("from " + child.pid(), from, "the message said sent is the one received");
                } else {
                    assertTrue(out.contains("REFUSED") || out.contains("FAILED"), "neither sent nor refused: " + out);
                }
                assertFalse(out.contains("SENT false"), out);
            }
            assertEquals(1, delivered, "exactly one peer: " + b.output() + " / " + c.output());
            // and a process that comes later is refused at once, naming the rule
            try (ChildProcess d = Spawner.jvm(StreamPeers.Connector.class, uri + "?open=open").start()) {
                d.awaitOutput("OPENED", WAIT);
                assertTrue(d.output().contains("REFUSED") && d.output().contains("one peer"), d.output());
            }
            listener.remove();
        }
    }

    @Test
    void twoProcessesOpeningTheSamePathAtOnceGetConnected() throws Exception {
        for (int trial = 0; trial < 4; trial++) {
            String uri = fresh("race");
            Path go = TestNames.path("go");
            paths.add(go);
            try (ChildProcess a = Spawner.jvm(StreamPeers.Racer.class, uri, go.toString()).start();
                 ChildProcess b = Spawner.jvm(StreamPeers.Racer.class, uri, go.toString()).start()) {
                a.awaitOutput("READY", WAIT);
                b.awaitOutput("READY", WAIT);
                Files.createFile(go);
                assertEquals(0, a.waitFor(WAIT), "trial " + trial + ": " + a.output());
                assertEquals(0, b.waitFor(WAIT), "trial " + trial + ": " + b.output());
                assertTrue(a.output().contains("GOT pid " + b.pid()), "trial " + trial + ": " + a.output());
                assertTrue(b.output().contains("GOT pid " + a.pid()), "trial " + trial + ": " + b.output());
            }
            try (java.util.stream.Stream<Path> left = Files.list(paths.get(paths.size() - 2).getParent())) {
                String name = paths.get(paths.size() - 2).getFileName().toString();
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("." + name + ".jipc-")),
                        "no temporary socket name left behind");
            }
        }
    }

    @Test
    void aPathThatIsADirectoryIsNamedAsSuch() throws Exception {
        Path dir = TestNames.path("dir");
        Files.createDirectory(dir);
        try {
            for (String open : List.of("open", "open-or-create", "create")) {
                IpcException e = assertThrows(IpcException.class, () -> Ipc.channel("unix:" + dir + "?open=" + open));
                assertTrue(e.getMessage().contains("is a directory, not a Unix socket"), open + ": " + e.getMessage());
            }
        } finally {
            Files.delete(dir);
        }
    }
}
