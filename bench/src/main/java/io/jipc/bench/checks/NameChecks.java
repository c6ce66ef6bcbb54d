package io.jipc.bench.checks;

import io.jipc.api.Ipc;
import io.jipc.api.IpcUri;
import io.jipc.api.Primitive;
import io.jipc.api.IpcNotFound;
import io.jipc.api.MessageChannel;
import io.jipc.api.Select;
import io.jipc.bench.BenchSupport;
import io.jipc.bench.report.Fmt;
import io.jipc.os.ChildProcess;
import io.jipc.posix.stream.PeerCredentials;
import io.jipc.posix.stream.UnixChannel;
import io.jipc.spi.Backend;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Deque;

/**
 * C12 and C15, what a name stands for: a POSIX queue unlinked while open (the name goes, the open
 * handle keeps working), and the peer a Unix socket names through {@code SO_PEERCRED}.
 */
final class NameChecks {
    private NameChecks() {
    }

    static String posixUnlinkWhileOpen(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        String name = "/" + BenchSupport.unique("unlink");
        MessageChannel q = kit.posixQueue(cleanup, name, "&mode=0600");
        // the posix backend says where the queue is and what it looks like (nothing here knows its file)
        Backend posix = Ipc.backend("posix");
        IpcUri named = IpcUri.parse("posix:" + name);
        String mode = posix.locate(named).stream().filter(o -> o.primitive() == Primitive.CHANNEL && o.mode() >= 0)
                .map(o -> String.format("%04o", o.mode())).findFirst().orElse(null);
        q.send(CheckKit.text("before unlink"), 0);
        q.remove();
        boolean nameGone = posix.locate(named).stream().noneMatch(o -> o.primitive() == Primitive.CHANNEL);
        String reopen;
        try (MessageChannel again = Ipc.channel("posix:" + name + "?open=open")) {
            reopen = "opened again (the name survived)";
        } catch (IpcNotFound e) {
            reopen = "IpcNotFound";
        }
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        long t = q.tryReceive(b, Select.any());
        String kept = t == MessageChannel.NO_MESSAGE ? "nothing" : "\"" + CheckKit.string(b) + "\"";
        q.send(CheckKit.text("after unlink"), 0);
        long t2 = q.tryReceive(b.clear(), Select.any());
        boolean stillWorks = t2 != MessageChannel.NO_MESSAGE && CheckKit.string(b).equals("after unlink");
        MessageChannel fresh = kit.posixQueue(cleanup, name, "");
        long freshCount = fresh.stats().messages();
        String seen = "queue " + name + (mode == null ? "" : " (mode " + mode + ")") + " unlinked while open: "
                + "the name " + (nameGone || mode == null ? "went" : "stayed") + ", open=open gave " + reopen
                + "; the open handle still received " + kept + " and " + (stillWorks ? "sent and received" : "failed to send and receive")
                + " another; a new create under the name held " + Fmt.plural(freshCount, "message")
                + ": a new object";
        if (!reopen.equals("IpcNotFound") || !kept.equals("\"before unlink\"") || !stillWorks || freshCount != 0) {
            throw new LiveChecks.Failed(seen);
        }
        return seen;
    }

    static String unixPeercred(CheckKit kit, Deque<AutoCloseable> cleanup) throws Exception {
        Path dir = BenchSupport.tempDir("peercred");
        cleanup.push(() -> BenchSupport.deleteQuietly(dir));
        Path sock = dir.resolve("s.sock");
        kit.created(sock.toString());
        String uri = "unix:" + sock;
        UnixChannel server = (UnixChannel) Ipc.channel(uri + "?open=create");
        cleanup.push(server::remove);
        cleanup.push(server::close);
        ChildProcess client = CheckKit.child(cleanup, "connect", uri + "?open=open");
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        server.receive(b, Select.any(), LiveChecks.WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        String msg = CheckKit.string(b);
        PeerCredentials who = server.peerCredentials();
        long myUid = CheckKit.uid();
        String seen = "a child JVM (pid " + client.pid() + ") connected to " + uri + " and sent \"" + msg
                + "\"; SO_PEERCRED on the receiving end gave pid " + who.pid() + ", uid " + who.uid() + ", gid " + who.gid()
                + " (this JVM: pid " + ProcessHandle.current().pid() + ", uid " + myUid + ")";
        if (who.pid() != client.pid() || who.uid() != myUid) {
            throw new LiveChecks.Failed(seen);
        }
        return seen;
    }
}
