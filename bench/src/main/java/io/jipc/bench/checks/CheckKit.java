package io.jipc.bench.checks;

import io.jipc.api.Ipc;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.bench.BenchSupport;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.os.SystemLimits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the live checks share: the objects they create (each recorded, so a test can see they are
 * gone, and pushed on the check's clean-up stack) and small helpers around message bytes.
 */
final class CheckKit {
    /** Objects this run created (SysV keys, POSIX names, paths). */
    private final List<String> created = new ArrayList<>();

    List<String> created() {
        return List.copyOf(created);
    }

    /** Records an object made outside the helpers below (a socket path). */
    void created(String name) {
        created.add(name);
    }

    /** A fresh SysV key, recorded as created. */
    String key() {
        String k = BenchSupport.randomKey();
        created.add(k);
        return k;
    }

    /** A new SysV queue, closed and removed by {@code cleanup}. */
    MessageChannel sysvQueue(Deque<AutoCloseable> cleanup) {
        MessageChannel q = Ipc.channel("sysv:?key=" + key() + "&open=create");
        cleanup.push(q::close);
        cleanup.push(q::remove);
        return q;
    }

    /** A new POSIX queue of a unique name, closed and removed by {@code cleanup}. */
    MessageChannel posixQueue(Deque<AutoCloseable> cleanup, String hint) {
        return posixQueue(cleanup, "/" + BenchSupport.unique(hint), "");
    }

    /** A new POSIX queue {@code name} (10 messages of 64 B), closed and removed by {@code cleanup}. */
    MessageChannel posixQueue(Deque<AutoCloseable> cleanup, String name, String options) {
        created.add(name);
        long maxmsg = Math.min(10, SystemLimits.mqMsgMax());
        MessageChannel q = Ipc.channel("posix:" + name + "?maxmsg=" + maxmsg + "&msgsize=64&open=create" + options);
        cleanup.push(q::close);
        cleanup.push(q::remove);
        return q;
    }

    /** Opens {@code uri}, closed and removed by {@code cleanup}. */
    static Mutex mutex(Deque<AutoCloseable> cleanup, String uri) {
        Mutex m = Ipc.mutex(uri);
        cleanup.push(m::close);
        cleanup.push(m::remove);
        return m;
    }

    /** A {@link CheckChild} JVM running {@code args}, closed (killed) by {@code cleanup}. */
    static ChildProcess child(Deque<AutoCloseable> cleanup, String... args) {
        ChildProcess c = Spawner.jvm(CheckChild.class, args).jvmOption("-Xmx64m").jvmOption("-XX:TieredStopAtLevel=1")
                .start();
        cleanup.push(c::close);
        return c;
    }

    /** This process's real uid. */
    static long uid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        return -1;
    }

    static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes before the position of {@code b}, as UTF-8. */
    static String string(ByteBuffer b) {
        ByteBuffer d = b.duplicate().flip();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    static String join(long[] v) {
        return java.util.Arrays.stream(v).mapToObj(Long::toString).collect(Collectors.joining(", "));
    }

    static String join(List<Long> v) {
        return v.isEmpty() ? "nothing" : v.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
