package io.jipc.sysv;

import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcPermissionDenied;
import io.jipc.api.IpcRemoved;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Select;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import io.jipc.testkit.LeakGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.time.Duration;

import static io.jipc.sysv.Handles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's "bad input" list for the sysv scheme: each case raises a clear exception of the right
 * type that names the operation, the object and the limit or errno, without reaching the kernel
 * where it can be checked before, and without losing a queued message.
 */
@ExtendWith(LeakGuard.class)
class SysvBadInputTest {
    private final Handles h = new Handles();

    @AfterEach
    void cleanUp() {
        h.close();
    }

    private static <T extends Throwable> T fails(Class<T> type, Executable call, String... mustName) {
        T e = assertThrows(type, call);
        for (String s : mustName) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
        return e;
    }

    @Test
    void malformedUris() {
        fails(IpcUriException.class, () -> Ipc.channel("sysv:relative/path"), "sysv:relative/path", "absolute");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:"), "nothing names the object");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?key=0x10&id=3"), "exclusive");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:/tmp?key=0x10"), "exclusive");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?key=banana"), "'key'", "not an integer");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?key=0"), "IPC_PRIVATE", "sysv:private");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?id=-4"), "'id'");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?proj=3&key=0x10"), "proj");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?key=0x10"), "sysv:private");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?open=open"), "open=open", "sysv:private");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:?id=5&open=create"), "open=create", "id=5");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?mode=0999"), "'mode'");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?open=sometimes"), "'open'");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?truncate=maybe"), "'truncate'");
        fails(IpcUriException.class, () -> Ipc.mutex("sysv:private?undo=perhaps"), "'undo'");
    }

    @Test
    void unknownOptions() {
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?colour=red"), "'colour'", "sysv channel");
        fails(IpcUriException.class, () -> Ipc.mutex("sysv:private?size=4k"), "'size'", "sysv mutex");
        fails(IpcUriException.class, () -> Ipc.region("sysv:private?size=4k&undo=false"), "'undo'", "sysv region");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?size=4k"), "'size'", "sysv channel");
    }

    @Test
    void sizesZeroNegativeOrTooLarge() {
        fails(IpcUriException.class, () -> Ipc.region("sysv:private?size=0"), "'size'", "outside 1..");
        fails(IpcUriException.class, () -> Ipc.region("sysv:private?size=-4096"), "'size'");
        fails(IpcUriException.class, () -> Ipc.region("sysv:private?size=3g"), "'size'", "exceeds");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?qbytes=0"), "'qbytes'");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:private?qbytes=-1"), "'qbytes'");
    }

    @Test
    void tagsMustBePositive() {
        SysvMessageChannel q = h.channel("sysv:private");
        fails(IllegalArgumentException.class, () -> q.send(text("x"), 0), "tag 0", q.uri().toString(), "send");
        fails(IllegalArgumentException.class, () -> q.trySend(text("x"), -3), "tag -3", "trySend");
        fails(IllegalArgumentException.class, () -> Select.tag(0), "tag must be > 0");
        fails(IllegalArgumentException.class, () -> Select.upTo(-300), "tag must be > 0");
        assertEquals(0, q.stats().messages());
    }

    @Test
    void projOutOfRange() {
        String path = h.ftokPath();
        fails(IpcUriException.class, () -> Ipc.channel("sysv:" + path + "?proj=256"), "'proj'", "0..255");
        fails(IpcUriException.class, () -> Ipc.channel("sysv:" + path + "?proj=-1"), "'proj'", "0..255");
        fails(IpcUriException.class, () -> Ipc.mutex("sysv:" + path + "?proj=x"), "'proj'");
    }

    @Test
    void missingPath() {
        String missing = h.ftokPath() + "-does-not-exist";
        fails(IpcNotFound.class, () -> Ipc.channel("sysv:" + missing), "ftok", missing, "does not exist");
        fails(IpcNotFound.class, () -> Ipc.mutex("sysv:" + missing + "?proj=3"), missing);
        fails(IpcNotFound.class, () -> Ipc.region("sysv:" + missing + "?size=4096"), missing);
    }

    @Test
    void openOnMissingAndCreateOnExisting() {
        String uri = SysvTestUris.freshKeyUri();
        String hex = uri.substring(uri.indexOf("0x") + 2);
        fails(IpcNotFound.class, () -> Ipc.channel(uri + "&open=open"), "msgget", hex, "open=open");
        fails(IpcNotFound.class, () -> Ipc.mutex(uri + "&open=open"), "semget", hex);
        fails(IpcNotFound.class, () -> Ipc.region(uri + "&open=open"), "shmget", hex);
        h.channel(uri + "&open=create");
        h.mutex(uri + "&open=create");
        h.region(uri + "&open=create&size=4096");
        fails(IpcAlreadyExists.class, () -> Ipc.channel(uri + "&open=create"), "msgget", hex, "already exists");
        fails(IpcAlreadyExists.class, () -> Ipc.mutex(uri + "&open=create"), "semget", "EEXIST");
        fails(IpcAlreadyExists.class, () -> Ipc.region(uri + "&open=create&size=4096"), "shmget", "EEXIST");
    }

    @Test
    void idsOfMissingOrOtherKindsOfObject() {
        SysvMutex m = h.mutex("sysv:private");
        // SysV ids are per kind: the premise holds only while no queue of this machine has the same id
        Assumptions.assumeFalse(queueIds().contains(m.id()), "a message queue happens to have id " + m.id());
        fails(IpcNotFound.class, () -> Ipc.channel("sysv:?id=" + m.id() + "&open=open"), "no message queue has id");
        SysvMessageChannel q = h.channel("sysv:private");
        q.remove();
        fails(IpcNotFound.class, () -> Ipc.channel(q.idUri()), "msgctl(IPC_STAT)", "id " + q.id());
        fails(IpcNotFound.class, () -> Ipc.region("sysv:?id=" + q.id()), "shared memory segment");
    }

    /** The ids of every message queue on the machine, from {@code /proc/sysvipc/msg}. */
    private static java.util.Set<Integer> queueIds() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/sysvipc/msg"))) {
            return lines.skip(1).map(String::trim).map(l -> l.split("\\s+")).filter(f -> f.length > 1)
                    .map(f -> Integer.parseInt(f[1])).collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void removedObjects() {
        SysvMessageChannel q = h.channel("sysv:private");
        SysvMutex m = h.mutex("sysv:private");
        SysvSharedRegion r = h.region("sysv:private?size=4096");
        q.remove();
        m.remove();
        r.remove();
        fails(IpcRemoved.class, () -> q.send(text("x"), 1), "msgsnd", q.uri().toString(), "removed");
        fails(IpcRemoved.class, () -> q.tryReceive(ByteBuffer.allocate(8), Select.any()), "msgrcv", "removed");
        fails(IpcRemoved.class, q::stats, "IPC_STAT", "removed");
        fails(IpcRemoved.class, m::tryLock, "semop", "removed");
        assertEquals(1, r.stats().attachCount(), "an IPC_RMID'd segment stays while attached");
    }

    @Test
    void messageLargerThanMsgmax() {
        SysvMessageChannel q = h.channel("sysv:private");
        q.send(text("queued"), 2);
        MessageTooLarge e = fails(MessageTooLarge.class,
                () -> q.send(ByteBuffer.allocateDirect((int) q.msgmax() + 100), 1), "send", "msgmax", q.uri().toString());
        assertEquals(q.msgmax(), e.limit());
        assertEquals(1, q.stats().messages(), "nothing sent, nothing lost");
        ByteBuffer b = ByteBuffer.allocate(3);
        fails(MessageTooLarge.class, () -> q.receive(b, Select.any()), "receive", "E2BIG");
        assertEquals(1, q.stats().messages(), "the too-large message stays queued");
    }

    @Test
    void closedHandlesRefuseWork() {
        SysvMessageChannel q = h.channel("sysv:private");
        q.close();
        fails(IpcException.class, () -> q.send(text("x"), 1), "closed", "send");
    }

    @Test
    void permissionDeniedForAnotherUser() throws Exception {
        Assumptions.assumeTrue(io.jipc.os.Proc.uid() == 0, "needs root to run a child as uid 65534");
        Assumptions.assumeTrue(new java.io.File("/usr/bin/setpriv").canExecute() || new java.io.File("/bin/setpriv").canExecute(),
                "needs setpriv");
        String uri = SysvTestUris.freshKeyUri();
        String mutexUri = SysvTestUris.freshKeyUri();
        String regionUri = SysvTestUris.freshKeyUri();
        SysvMessageChannel q = h.channel(uri + "&open=create&mode=0600");
        h.mutex(mutexUri + "&open=create&mode=0600");
        h.region(regionUri + "&open=create&mode=0600&size=4096");
        q.send(text("secret"), 1);
        try (ChildProcess child = Spawner.jvm(Intruder.class, uri + "&open=open", mutexUri + "&open=open",
                regionUri + "&open=open", q.idUri()).asUser(65534, 65534).start()) {
            assertEquals(0, child.waitFor(Duration.ofSeconds(90)), child.output());
            String out = child.output();
            assertTrue(out.contains("uid=65534"), out);
            assertTrue(out.contains("channel: io.jipc.api.IpcPermissionDenied: msgget on " + uri), out);
            assertTrue(out.contains("mutex: io.jipc.api.IpcPermissionDenied: semget"), out);
            assertTrue(out.contains("region: io.jipc.api.IpcPermissionDenied: shmget"), out);
            assertTrue(out.contains("byid: io.jipc.api.IpcPermissionDenied: msgctl(IPC_STAT)"), out);
            assertTrue(out.contains("EACCES"), out);
        }
        assertEquals(1, q.stats().messages(), "the message is untouched");
    }

    /** Runs as uid 65534 and reports what each open raised. */
    public static final class Intruder {
        public static void main(String[] args) {
            ChildSupport.exitWhenParentDies();
            System.out.println("uid=" + io.jipc.os.Proc.uid());
            report("channel", () -> Ipc.channel(args[0]).close());
            report("mutex", () -> Ipc.mutex(args[1]).close());
            report("region", () -> Ipc.region(args[2]).close());
            report("byid", () -> Ipc.channel(args[3]).close());
        }

        private static void report(String what, Runnable r) {
            try {
                r.run();
                System.out.println(what + ": OPENED (unexpected)");
            } catch (IpcException e) {
                System.out.println(what + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
