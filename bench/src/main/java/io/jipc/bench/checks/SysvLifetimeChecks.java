package io.jipc.bench.checks;

import io.jipc.api.Ipc;
import io.jipc.api.IpcException;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcRemoved;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Select;
import io.jipc.bench.report.Fmt;
import io.jipc.os.ChildProcess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * C8 and C9, how long SysV objects live: a semaphore held by a killed process (with and without
 * {@code SEM_UNDO}), a queue that outlives its creator, a queue removed under a sleeping receiver.
 */
final class SysvLifetimeChecks {
    private SysvLifetimeChecks() {
    }

    static String sysvSemUndoKill(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        String undo = "sysv:?key=" + kit.key();
        String noUndo = "sysv:?key=" + kit.key() + "&undo=false";
        Mutex withUndo = CheckKit.mutex(cleanup, undo + "&open=create");
        Mutex without = CheckKit.mutex(cleanup, noUndo + "&open=create");
        ChildProcess holder = CheckKit.child(cleanup, "hold", undo + "&open=open", noUndo + "&open=open");
        holder.awaitOutput("LOCKED", LiveChecks.WAIT);
        boolean heldA = !withUndo.tryLock();
        boolean heldB = !without.tryLock();
        int pid = holder.pid();
        holder.killAndWait();
        boolean gotA = withUndo.tryLock();
        boolean died = gotA && withUndo.ownerDied();
        if (gotA) {
            withUndo.markConsistent();
            withUndo.unlock();
        }
        boolean gotB = without.tryLock();
        if (gotB) {
            without.unlock();
        }
        String seen = "a child JVM (pid " + pid + ") locked both semaphores" + (heldA && heldB ? "" : " (not exclusive!)")
                + " and was killed with SIGKILL; with SEM_UNDO the next tryLock " + (gotA ? "succeeded" : "failed")
                + (gotA ? " and reported ownerDied=" + died : "") + "; without (undo=false) tryLock "
                + (gotB ? "succeeded" : "failed: the semaphore stays taken until removed");
        if (!heldA || !heldB || !gotA || !died || gotB) {
            throw new LiveChecks.Failed(seen);
        }
        return seen;
    }

    static String sysvPersistence(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        String uri = "sysv:?key=" + kit.key();
        cleanup.push(() -> {
            try (MessageChannel q = Ipc.channel(uri + "&open=open")) {
                q.remove();
            } catch (IpcNotFound gone) {
                // never created or already removed
            }
        });
        ChildProcess creator = CheckKit.child(cleanup, "persist", uri + "&open=create");
        int code = creator.waitFor(LiveChecks.WAIT);
        if (code != 0) {
            throw new LiveChecks.Failed("the creating child JVM failed (exit " + code + "): " + creator.output().strip());
        }
        MessageChannel q;
        try {
            q = Ipc.channel(uri + "&open=open");
        } catch (IpcNotFound e) {
            throw new LiveChecks.Failed("a child JVM (pid " + creator.pid() + ") created the queue, sent one message and exited; "
                    + "the queue was gone after it exited (" + e.getMessage() + ")");
        }
        cleanup.push(q::close);
        long msgs = q.stats().messages();
        long sender = q.stats().lastSenderPid();
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long tag = q.tryReceive(b, Select.any());
        String body = tag == MessageChannel.NO_MESSAGE ? "none" : "\"" + CheckKit.string(b) + "\" (tag " + tag + ")";
        String seen = "a child JVM (pid " + creator.pid() + ") created queue " + uri.substring(5) + ", sent one message and "
                + "exited (code 0); afterwards the queue still held " + Fmt.plural(msgs, "message")
                + ", last sender pid " + sender
                + ": " + body;
        if (msgs != 1 || tag != 7) {
            throw new LiveChecks.Failed(seen);
        }
        return seen;
    }

    static String sysvEidrm(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        MessageChannel q = kit.sysvQueue(cleanup);
        AtomicReference<Throwable> woke = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                q.receive(ByteBuffer.allocateDirect(64));
                woke.set(new IllegalStateException("received a message"));
            } catch (Throwable e) {
                woke.set(e);
            }
        }, "jipc-check-rcv");
        receiver.setDaemon(true);
        receiver.start();
        String wchan = awaitSleepingIn("msgrcv", Duration.ofSeconds(10));
        q.remove();
        receiver.join(LiveChecks.WAIT.toMillis());
        Throwable e = woke.get();
        String how = e == null ? "did not wake within " + LiveChecks.WAIT.toSeconds() + " s"
                : e instanceof IpcException ? "woke with " + e.getClass().getSimpleName() + " (errno "
                        + ((IpcException) e).errnoName() + ")"
                : "woke with " + e;
        String seen = "a receiver thread " + (wchan == null ? "(not yet seen asleep in the kernel)"
                : "asleep in the kernel (wchan " + wchan + ")") + "; the queue was removed; the receiver " + how;
        if (!(e instanceof IpcRemoved) || (wchan != null && !"EIDRM".equals(((IpcException) e).errnoName()))) {
            throw new LiveChecks.Failed(seen);
        }
        return seen;
    }

    /** Waits until a thread of this process sleeps in a kernel function whose name contains {@code fn}. */
    private static String awaitSleepingIn(String fn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String w = Files.readString(t.resolve("wchan")).trim();
                        if (w.contains(fn)) {
                            return w;
                        }
                    } catch (IOException vanished) {
                        // a thread that ended meanwhile
                    }
                }
            } catch (IOException noProc) {
                return null;
            }
            Thread.sleep(5);
        }
        return null;
    }
}
