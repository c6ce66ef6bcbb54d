package io.jipc.posix;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Proc;
import io.jipc.os.Spawner;
import io.jipc.os.SystemLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POSIX objects between real processes (child JVMs): queue, region, mutex hand-over and crash, permissions. */
@ExtendWith(PosixLeakCheck.class)
@Timeout(180)
class PosixCrossProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Receives 4 messages in the queue's order, reports each on the reply queue, writes its pid into the region. */
    public static final class Peer {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            try (MessageChannel in = Ipc.channel(args[0]); MessageChannel out = Ipc.channel(args[1]);
                 SharedRegion region = Ipc.region(args[2])) {
                ByteBuffer dst = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < 4; i++) {
                    dst.clear();
                    long prio = in.receive(dst);
                    dst.flip();
                    String text = prio + ":" + StandardCharsets.UTF_8.decode(dst);
                    out.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                }
                region.putLongRelease(0, ChildSupport.pid());
            }
            System.out.println("DONE");
        }
    }

    /** Locks, waits for a message, unlocks, waits for another message, locks again and stays until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            Mutex m = Ipc.mutex(args[0]);
            MessageChannel control = Ipc.channel(args[1]);
            m.lock();
            System.out.println("LOCKED");
            control.receive(ByteBuffer.allocate(64));
            m.unlock();
            System.out.println("UNLOCKED");
            control.receive(ByteBuffer.allocate(64)); // semaphores are not fair: do not race the parent
            m.lock();
            System.out.println("LOCKED2");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Run as another user: tries each URI and prints what happened. */
    public static final class Stranger {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String kind = args[i];
                String uri = args[i + 1];
                String outcome;
                try {
                    switch (kind) {
                        case "channel":
                            try (MessageChannel c = Ipc.channel(uri)) {
                                c.send(ByteBuffer.wrap("stranger".getBytes(StandardCharsets.UTF_8)), 1);
                            }
                            break;
                        case "create":
                            try (MessageChannel c = Ipc.channel(uri)) {
                                c.remove();
                            }
                            break;
                        case "mutex":
                            try (Mutex m = Ipc.mutex(uri)) {
                                m.tryLock();
                            }
                            break;
                        default:
                            try (SharedRegion r = Ipc.region(uri)) {
                                r.putLongRelease(0, 1);
                            }
                    }
                    outcome = "ok";
                } catch (IpcException e) {
                    outcome = e.getClass().getSimpleName() + " " + e.getMessage().replace('\n', ' ');
                }
                System.out.println("RESULT " + i / 2 + " " + outcome);
            }
            System.out.println("DONE");
        }
    }

    @Test
    void aChildReceivesInPriorityOrderAndSharesARegion() throws Exception {
        String in = "posix:" + PosixLeakCheck.name("xin") + "?maxmsg=8&msgsize=64";
        String out = "posix:" + PosixLeakCheck.name("xout") + "?maxmsg=8&msgsize=64";
        String reg = "posix:" + PosixLeakCheck.name("xreg") + "?size=4096";
        try (MessageChannel a = Ipc.channel(in); MessageChannel b = Ipc.channel(out); SharedRegion r = Ipc.region(reg)) {
            try {
                a.send(ByteBuffer.wrap("a".getBytes(StandardCharsets.UTF_8)), 1);
                a.send(ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8)), 5);
                a.send(ByteBuffer.wrap("c".getBytes(StandardCharsets.UTF_8)), 3);
                a.send(ByteBuffer.wrap("d".getBytes(StandardCharsets.UTF_8)), 5);
                try (ChildProcess child = Spawner.jvm(Peer.class, in, out, reg).start()) {
                    List<String> got = new ArrayList<>();
                    ByteBuffer dst = ByteBuffer.allocate(64);
                    for (int i = 0; i < 4; i++) {
                        dst.clear();
                        long p = b.receive(dst, io.jipc.api.Select.any(), 60, TimeUnit.SECONDS);
                        assertEquals(0, p, "no reply within 60 s: " + child.output());
                        dst.flip();
                        got.add(StandardCharsets.UTF_8.decode(dst).toString());
                    }
                    assertEquals(List.of("5:b", "5:d", "3:c", "1:a"), got);
                    assertEquals(0, child.waitFor(WAIT), child.output());
                    assertEquals(child.pid(), r.getLongVolatile(0), "the child's write is visible");
                }
            } finally {
                a.remove();
                b.remove();
                r.remove();
            }
        }
    }

    @Test
    void mutexHandOverAndAKilledHolderLeavesItLocked() throws Exception {
        String mu = "posix:" + PosixLeakCheck.name("xmutex");
        String ctl = "posix:" + PosixLeakCheck.name("xctl") + "?maxmsg=2&msgsize=64";
        Mutex m = Ipc.mutex(mu);
        try (MessageChannel control = Ipc.channel(ctl);
             ChildProcess child = Spawner.jvm(Holder.class, mu, ctl).start()) {
            try {
                child.awaitOutput("LOCKED", WAIT);
                assertFalse(m.tryLock(), "the child holds it");
                control.send(ByteBuffer.wrap(new byte[]{1}));
                assertTrue(m.tryLock(60, TimeUnit.SECONDS), "handed over when the child unlocks");
                m.unlock();
                control.send(ByteBuffer.wrap(new byte[]{2}));
                child.awaitOutput("LOCKED2", WAIT);
                child.killAndWait();
                // the documented outcome: nobody learns of the death, the semaphore stays at 0
                assertFalse(m.tryLock(200, TimeUnit.MILLISECONDS), "a dead holder's lock is never released");
                assertEquals(0, ((PosixMutex) m).value());
                // the documented recovery: sem_unlink and recreate
                m.remove();
                m.close();
                m = Ipc.mutex(mu);
                assertTrue(m.tryLock());
                assertFalse(m.ownerDied(), "owner death is not visible");
                m.unlock();
            } finally {
                control.remove();
            }
        } finally {
            m.remove();
            m.close();
        }
    }

    @Test
    void permissionBitsAreEnforcedForAnotherUser() throws Exception {
        Assumptions.assumeTrue(Proc.euid() == 0, "needs root to run a child as nobody");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                "needs setpriv");
        String closedQ = "posix:" + PosixLeakCheck.name("q600") + "?msgsize=64";
        String openQ = "posix:" + PosixLeakCheck.name("q666") + "?msgsize=64&mode=0666";
        String closedM = "posix:" + PosixLeakCheck.name("m600");
        String closedR = "posix:" + PosixLeakCheck.name("r600") + "?size=4096";
        String openR = "posix:" + PosixLeakCheck.name("r666") + "?size=4096&mode=0666";
        String tooBig = "posix:" + PosixLeakCheck.name("nobodybig") + "?msgsize=64&maxmsg=" + (SystemLimits.mqMsgMax() + 1);
        try (MessageChannel q600 = Ipc.channel(closedQ); MessageChannel q666 = Ipc.channel(openQ);
             Mutex m600 = Ipc.mutex(closedM); SharedRegion r600 = Ipc.region(closedR); SharedRegion r666 = Ipc.region(openR)) {
            try {
                try (ChildProcess child = Spawner.jvm(Stranger.class,
                        "channel", closedQ, "channel", openQ, "mutex", closedM, "region", closedR, "region", openR,
                        "create", tooBig).asUser(65534, 65534).start()) {
                    child.awaitOutput("DONE", Duration.ofSeconds(120));
                    String o = child.output();
                    assertTrue(o.contains("RESULT 0 IpcPermissionDenied"), o);
                    assertTrue(o.contains("RESULT 1 ok"), o);
                    assertTrue(o.contains("RESULT 2 IpcPermissionDenied"), o);
                    assertTrue(o.contains("RESULT 3 IpcPermissionDenied"), o);
                    assertTrue(o.contains("RESULT 4 ok"), o);
                    assertTrue(o.contains("RESULT 5 IpcLimitExceeded") && o.contains("msg_max"), o);
                }
                ByteBuffer dst = ByteBuffer.allocate(64);
                assertEquals(1, q666.tryReceive(dst, io.jipc.api.Select.any()), "the stranger's message arrived");
                assertEquals(1, r666.getLongVolatile(0));
                assertEquals(0, r600.getLongVolatile(0));
            } finally {
                q600.remove();
                q666.remove();
                m600.remove();
                r600.remove();
                r666.remove();
            }
        }
    }
}
