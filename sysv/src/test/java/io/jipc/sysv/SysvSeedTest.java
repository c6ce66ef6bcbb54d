package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jipc.sysv.Handles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' examples across real processes (child JVMs): seed 002's ping-pong and adder server
 * with a private reply queue, seed 000's two client/server designs, removal while a receiver in
 * another process is blocked, and a queue that outlives the process that created and filled it.
 */
@ExtendWith(LeakGuard.class)
class SysvSeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long WAIT_MS = WAIT.toMillis();
    static final long PING = 1;
    static final long PONG = 2;
    static final long REQ = 1;
    static final long RSP = 2;

    private final Handles h = new Handles();
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (ChildProcess c : children) {
            c.close();
        }
        h.close();
    }

    private ChildProcess spawn(Class<?> main, String... args) {
        ChildProcess c = Spawner.jvm(main, args).start();
        children.add(c);
        return c;
    }

    private static void awaitExit(ChildProcess c) throws Exception {
        int code = c.waitFor(WAIT);
        assertEquals(0, code, "child failed: " + c.output());
    }

    // ------------------------------------------------------------ seed 002: ping-pong

    @Test
    void seed002PingPongOnAPrivateQueueHandedById() throws Exception {
        SysvMessageChannel q = h.channel("sysv:private");
        int rounds = 20;
        ChildProcess child = spawn(PongChild.class, q.idUri(), Integer.toString(rounds));
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        for (int i = 0; i < rounds; i++) {
            q.send(text("ping from parent " + i), PING);
            b.clear();
            assertEquals(PONG, q.receive(b, Select.tag(PONG), WAIT_MS, TimeUnit.MILLISECONDS), child.output());
            assertEquals("pong from child " + i, text(b));
        }
        awaitExit(child);
        assertTrue(child.output().contains("child got msg: 1:ping from parent 0"), child.output());
        assertEquals(0, q.stats().messages());
    }

    /** Seed 002's child: receives type 1, answers type 2. */
    public static final class PongChild {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            int rounds = Integer.parseInt(args[1]);
            try (MessageChannel q = Ipc.channel(args[0])) {
                ByteBuffer b = ByteBuffer.allocateDirect(256);
                for (int i = 0; i < rounds; i++) {
                    b.clear();
                    long type = q.receive(b, Select.tag(PING));
                    String got = text(b);
                    if (i == 0) {
                        System.out.println("child got msg: " + type + ":" + got);
                    }
                    q.send(text(got.replace("ping from parent", "pong from child")), PONG);
                }
            }
        }
    }

    // ------------------------------------------------------------ seed 002: adder server

    @Test
    void seed002AdderServerRepliesOnThePrivateQueueNamedInTheRequest() throws Exception {
        String path = h.ftokPath();
        // Seed 002 uses proj 0; 74 ('J') keeps clear of other programs' ftok keys on the same
        // recycled inode numbers, and the server creates with open=create so a collision shows.
        String serverUri = "sysv:" + path + "?proj=74";
        ChildProcess server = spawn(AdderServer.class, serverUri + "&open=create");
        server.awaitOutput("READY", WAIT);
        h.track(Ipc.channel(serverUri + "&open=open")); // removed by cleanup if the server fails
        try (MessageChannel requests = Ipc.channel(serverUri + "&open=open")) {
            requests.send(text("not a request"), 9); // the server ignores other types
            long[][] cases = {{2, 3}, {40, -38}, {-7, 7}};
            long[] expected = {5, 2, 0};
            for (int i = 0; i < cases.length; i++) {
                SysvMessageChannel reply = h.channel("sysv:private");
                ByteBuffer req = ByteBuffer.allocateDirect(20);
                req.putInt(reply.id()).putLong(cases[i][0]).putLong(cases[i][1]).flip();
                requests.send(req, REQ);
                ByteBuffer rsp = ByteBuffer.allocateDirect(8);
                assertEquals(RSP, reply.receive(rsp, Select.tag(RSP), WAIT_MS, TimeUnit.MILLISECONDS), server.output());
                assertEquals(expected[i], rsp.getLong(0));
                reply.remove();
            }
        }
        awaitExit(server);
        assertTrue(server.output().contains("STOP"), server.output());
        assertThrows(IpcNotFound.class, () -> Ipc.channel(serverUri + "&open=open"),
                "the server removed its queue when a + b == 0");
    }

    /** Seed 002's server: sums a + b, replies on the queue whose id is in the request, stops on 0. */
    public static final class AdderServer {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (MessageChannel q = Ipc.channel(args[0])) { // msgget(ftok(path, proj), IPC_CREAT | IPC_EXCL | 0600)
                System.out.println("READY");
                System.out.flush();
                ByteBuffer req = ByteBuffer.allocateDirect(64);
                ByteBuffer rsp = ByteBuffer.allocateDirect(8);
                long res;
                do {
                    req.clear();
                    if (q.receive(req, Select.any()) != REQ) {
                        res = 1;
                        continue; // ignore
                    }
                    int replyId = req.getInt(0);
                    res = req.getLong(4) + req.getLong(12);
                    rsp.clear();
                    rsp.putLong(0, res);
                    try (MessageChannel reply = Ipc.channel("sysv:?id=" + replyId)) {
                        reply.send(rsp, RSP);
                    }
                } while (res != 0);
                q.remove();
                System.out.println("STOP");
            }
        }
    }

    // ------------------------------------------------------------ seed 000: client/server designs

    @Test
    void seed000OneQueueWithTheClientPidAsType() throws Exception {
        SysvMessageChannel q = h.channel(SysvTestUris.freshKeyUri() + "&open=create");
        int clients = 2;
        int requests = 10;
        List<ChildProcess> cs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            cs.add(spawn(PidTypeClient.class, q.idUri(), Integer.toString(requests)));
        }
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        Map<Long, Integer> served = new HashMap<>();
        for (int i = 0; i < clients * requests; i++) {
            b.clear();
            assertEquals(REQ, q.receive(b, Select.tag(REQ), WAIT_MS, TimeUnit.MILLISECONDS),
                    "request " + i + " did not come: " + cs.get(0).output() + cs.get(1).output());
            String r = text(b); // "pid:n"
            long pid = Long.parseLong(r.substring(0, r.indexOf(':')));
            served.merge(pid, 1, Integer::sum);
            q.send(text("echo " + r), pid);
        }
        for (ChildProcess c : cs) {
            awaitExit(c);
            assertEquals(requests, served.get((long) c.pid()));
            assertTrue(c.output().contains("DONE " + requests), c.output());
        }
    }

    /** Seed 000, design 1: requests go with type 1, the answer comes back with type = our pid. */
    public static final class PidTypeClient {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            int n = Integer.parseInt(args[1]);
            long pid = ChildSupport.pid();
            try (MessageChannel q = Ipc.channel(args[0])) {
                ByteBuffer b = ByteBuffer.allocateDirect(256);
                Select mine = Select.tag(pid);
                for (int i = 0; i < n; i++) {
                    q.send(text(pid + ":" + i), REQ);
                    b.clear();
                    q.receive(b, mine);
                    String got = text(b);
                    if (!got.equals("echo " + pid + ":" + i)) {
                        throw new AssertionError("client " + pid + " got '" + got + "'");
                    }
                }
                System.out.println("DONE " + n);
            }
        }
    }

    @Test
    void seed000OneQueuePerClient() throws Exception {
        SysvMessageChannel server = h.channel(SysvTestUris.freshKeyUri() + "&open=create");
        int clients = 2;
        int requests = 10;
        List<ChildProcess> cs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            cs.add(spawn(OwnQueueClient.class, server.idUri(), Integer.toString(requests)));
        }
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        for (int i = 0; i < clients * requests; i++) {
            b.clear();
            assertEquals(REQ, server.receive(b, Select.any(), WAIT_MS, TimeUnit.MILLISECONDS),
                    "request " + i + " did not come: " + cs.get(0).output() + cs.get(1).output());
            int replyId = b.getInt(0);
            long n = b.getLong(4);
            ByteBuffer rsp = ByteBuffer.allocateDirect(8);
            rsp.putLong(0, n * n);
            try (MessageChannel reply = Ipc.channel("sysv:?id=" + replyId)) {
                reply.send(rsp, RSP);
            }
        }
        for (ChildProcess c : cs) {
            awaitExit(c);
            assertTrue(c.output().contains("DONE " + requests), c.output());
        }
    }

    /** Seed 000, design 2: each client has its own private queue, whose id travels in the request. */
    public static final class OwnQueueClient {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            int n = Integer.parseInt(args[1]);
            try (MessageChannel server = Ipc.channel(args[0]); SysvMessageChannel mine =
                    (SysvMessageChannel) Ipc.channel("sysv:private")) {
                try {
                    ByteBuffer req = ByteBuffer.allocateDirect(12);
                    ByteBuffer rsp = ByteBuffer.allocateDirect(8);
                    for (int i = 1; i <= n; i++) {
                        req.clear();
                        req.putInt(mine.id()).putLong(i).flip();
                        server.send(req, REQ);
                        rsp.clear();
                        mine.receive(rsp, Select.tag(RSP));
                        if (rsp.getLong(0) != (long) i * i) {
                            throw new AssertionError("square of " + i + " came back as " + rsp.getLong(0));
                        }
                    }
                    System.out.println("DONE " + n);
                } finally {
                    mine.remove();
                }
            }
        }
    }

    // ------------------------------------------------------------ removal and persistence

    @Test
    void receiverBlockedInAnotherProcessGetsIpcRemoved() throws Exception {
        SysvMessageChannel q = h.channel("sysv:private");
        ChildProcess child = spawn(BlockedReceiver.class, q.idUri());
        child.awaitOutput("WAITING", WAIT);
        Thread.sleep(300); // let it enter msgrcv (if not yet there, it gets EINVAL: also IpcRemoved)
        q.remove();
        awaitExit(child);
        String out = child.output();
        assertTrue(out.contains("REMOVED io.jipc.api.IpcRemoved"), out);
        assertTrue(out.contains("msgrcv") && out.contains("sysv:?id=" + q.id()), out);
    }

    /** Blocks in receive until the queue is removed; prints what it got. */
    public static final class BlockedReceiver {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (MessageChannel q = Ipc.channel(args[0])) {
                System.out.println("WAITING");
                System.out.flush();
                q.receive(ByteBuffer.allocateDirect(64));
                System.out.println("UNEXPECTED MESSAGE");
                System.exit(3);
            } catch (IpcRemoved e) {
                System.out.println("REMOVED " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void messagesOutliveTheProcessThatCreatedTheQueue() throws Exception {
        String uri = SysvTestUris.freshKeyUri();
        ChildProcess child = spawn(CreateAndFill.class, uri, "3");
        try {
            awaitExit(child);
        } finally {
            // even if the child failed, remove what it may have created
            try {
                h.channel(uri + "&open=open");
            } catch (IpcNotFound ignored) {
                // nothing was created
            }
        }
        SysvMessageChannel q = h.channel(uri + "&open=open");
        assertEquals(3, q.stats().messages(), "the count survives its creator and sender");
        assertEquals(child.pid(), q.stats().lastSenderPid());
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 3; i++) {
            b.clear();
            assertEquals(i + 1, q.tryReceive(b, Select.any()));
            assertEquals("kept " + i, text(b));
        }
    }

    /** Creates the queue, sends N messages, exits without removing it. */
    public static final class CreateAndFill {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (MessageChannel q = Ipc.channel(args[0] + "&open=create")) {
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    q.send(text("kept " + i), i + 1);
                }
            }
        }
    }
}
