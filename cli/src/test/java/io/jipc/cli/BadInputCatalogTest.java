package io.jipc.cli;

import io.jipc.api.Ipc;
import io.jipc.api.IpcAlreadyExists;
import io.jipc.api.IpcException;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcNotFound;
import io.jipc.api.IpcUnsupported;
import io.jipc.api.IpcUriException;
import io.jipc.api.MessageChannel;
import io.jipc.api.MessageTooLarge;
import io.jipc.api.Mutex;
import io.jipc.api.Select;
import io.jipc.api.SharedRegion;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue of bad input (issue 11, deliverable 7), across every backend: each case is an
 * input, the exception type it must raise, and the fragments its message must contain (the
 * operation or option, the object, the limit or errno). One type per kind of mistake:
 * <ul>
 * <li>URI syntax, an unknown option, an option value out of range → {@link IpcUriException}
 * (an {@link IllegalArgumentException}), raised before any system call;</li>
 * <li>an API argument out of range (tag, selection, timeout, alignment) → {@link IllegalArgumentException};
 * an offset outside a region → {@link IndexOutOfBoundsException};</li>
 * <li>something the scheme cannot do (unknown scheme, primitive, tag or selection it lacks) → {@link IpcUnsupported};</li>
 * <li>a message over a limit → {@link MessageTooLarge} naming the limit;</li>
 * <li>an object missing or already there → {@link IpcNotFound} / {@link IpcAlreadyExists};</li>
 * <li>a corrupt, foreign or wrong-kind object under a scheme's name → {@link IpcException} naming the
 * object and what is wrong;</li>
 * <li>mutex misuse → {@link IllegalMonitorStateException} / {@link IllegalStateException}.</li>
 * </ul>
 * Permissions (objects of another user, mode 0000) are in {@link ForeignObjectsTest}: a test run as
 * root bypasses them, so they run in a child JVM as another user.
 */
class BadInputCatalogTest {
    /** What a case does; throws the exception under test. Uses the fixture for names and clean-up. */
    @FunctionalInterface
    interface Action {
        void run(Fixture f) throws Exception;
    }

    /** Unique names for a case, and everything to remove after it. */
    static final class Fixture {
        private final List<Path> paths = new ArrayList<>();
        private final List<IpcHandle> handles = new ArrayList<>();
        /** The object's name or path, named in the message; set by the helpers below. */
        String object = "";

        Path path(String hint) {
            Path p = TestNames.path(hint);
            paths.add(p);
            object = p.toString();
            return p;
        }

        Path shm(String name) {
            Path p = Path.of("/dev/shm", name);
            paths.add(p);
            object = p.toString();
            return p;
        }

        String name(String hint) {
            object = TestNames.unique(hint);
            return object;
        }

        String posix(String hint) {
            object = TestNames.posixName(hint);
            return object;
        }

        Path file(String hint, byte[] content) throws IOException {
            Path p = path(hint);
            Files.write(p, content);
            return p;
        }

        Path dir(String hint) throws IOException {
            Path p = path(hint);
            Files.createDirectories(p);
            return p;
        }

        <T extends IpcHandle> T track(T h) {
            handles.add(h);
            return h;
        }

        MessageChannel channel(String uri) {
            return track(Ipc.channel(uri));
        }

        Mutex mutex(String uri) {
            return track(Ipc.mutex(uri));
        }

        SharedRegion region(String uri) {
            return track(Ipc.region(uri));
        }

        void cleanUp() throws IOException {
            for (IpcHandle h : handles) {
                try {
                    h.remove();
                } catch (RuntimeException ignored) {
                    // best effort: the case may have damaged it on purpose
                }
                h.close();
            }
            for (int i = paths.size() - 1; i >= 0; i--) {
                Path p = paths.get(i);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(q);
                        }
                    }
                } else {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static final List<Arguments> CASES = new ArrayList<>();

    /** A case: {@code input} (its description), the type, the fragments; "{obj}" stands for the fixture's object. */
    private static void bad(String input, Class<? extends Throwable> type, Action action, String... fragments) {
        CASES.add(Arguments.of(input, type, action, fragments));
    }

    private static byte[] garbage(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n);
    }

    static {
        // ---------------------------------------------------------------- URI syntax
        bad("(empty URI)", IpcUriException.class, f -> Ipc.channel(""), "scheme");
        bad("no-colon-at-all", IpcUriException.class, f -> Ipc.channel("no-colon-at-all"), "scheme");
        bad("posix:/q? (nothing after '?')", IpcUriException.class, f -> Ipc.channel("posix:/q?"), "'?' is not followed");
        bad("posix:/q?& (stray '&')", IpcUriException.class, f -> Ipc.channel("posix:/q?&"), "empty option");
        bad("posix:/q?maxmsg (no '=')", IpcUriException.class, f -> Ipc.channel("posix:/q?maxmsg"), "maxmsg", "key=value");
        bad("posix:/q?maxmsg= (no value)", IpcUriException.class, f -> Ipc.channel("posix:/q?maxmsg="), "'maxmsg'", "no value");
        bad("posix:/q?maxmsg=1&maxmsg=2", IpcUriException.class, f -> Ipc.channel("posix:/q?maxmsg=1&maxmsg=2"),
                "'maxmsg'", "more than once");
        bad("posix:/q?x=%zz", IpcUriException.class, f -> Ipc.channel("posix:/q?x=%zz"), "%-escape");
        bad("posix:/q?x=%2", IpcUriException.class, f -> Ipc.channel("posix:/q?x=%2"), "truncated %-escape");
        bad("file:/dev/shm/a<NUL>b", IpcUriException.class, f -> Ipc.region("file:/dev/shm/a\0b?size=1"), "NUL");
        bad("nosuchscheme:/x", IpcUnsupported.class, f -> Ipc.channel("nosuchscheme:/x"), "nosuchscheme", "posix");
        bad("fcntl:/tmp/x as a channel", IpcUnsupported.class, f -> Ipc.channel("fcntl:/tmp/x"), "fcntl", "channel");
        bad("ring:/x as a mutex", IpcUnsupported.class, f -> Ipc.mutex("ring:/x"), "ring", "mutex");
        bad("unix:/tmp/x as a region", IpcUnsupported.class, f -> Ipc.region("unix:/tmp/x"), "unix", "region");
        bad("robust:/x as a channel", IpcUnsupported.class, f -> Ipc.channel("robust:/x"), "robust", "channel");

        // ---------------------------------------------------------------- unknown options
        String[][] unknown = {
            {"channel", "posix:/q?colour=red", "posix channel"},
            {"mutex", "posix:/m?colour=red", "posix mutex"},
            {"region", "posix:/r?size=4k&colour=red", "posix region"},
            {"channel", "sysv:private?colour=red", "sysv channel"},
            {"channel", "fifo:/tmp/f?colour=red", "fifo channel"},
            {"channel", "unix:/tmp/u?colour=red", "unix channel"},
            {"channel", "pipe:?colour=red", "pipe channel"},
            {"mutex", "fcntl:/tmp/l?colour=red", "fcntl mutex"},
            {"mutex", "ofd:/tmp/l?colour=red", "ofd mutex"},
            {"mutex", "flock:/tmp/l?colour=red", "flock mutex"},
            {"mutex", "lockfile:/tmp/l?colour=red", "lockfile mutex"},
            {"mutex", "linklock:/tmp/l?colour=red", "linklock mutex"},
            {"region", "file:/dev/shm/x?colour=red", "file region"},
            {"region", "anon:?size=4k&colour=red", "anon region"},
            {"channel", "ring:/x?colour=red", "ring channel"},
            {"mutex", "robust:/x?colour=red", "robust mutex"},
        };
        for (String[] u : unknown) {
            bad(u[1], IpcUriException.class, f -> open(u[0], u[1]), "'colour'", "unknown for " + u[2]);
        }

        // ---------------------------------------------------------------- bad mode= and open=
        String[][] modes = {
            {"channel", "posix:/q?mode=999"}, {"mutex", "posix:/m?mode=abc"}, {"region", "posix:/r?size=4k&mode=-1"},
            {"channel", "sysv:private?mode=01777"}, {"region", "file:/dev/shm/x?size=4k&mode=999"},
            {"channel", "ring:/x?mode=0x1ff"}, {"mutex", "robust:/x?mode=888"}, {"mutex", "fcntl:/tmp/l?mode=9"},
            {"mutex", "lockfile:/tmp/l?mode=rw"}, {"channel", "fifo:/tmp/f?mode=1000"}, {"channel", "unix:/tmp/u?mode=08"},
        };
        for (String[] m : modes) {
            bad(m[1], IpcUriException.class, f -> open(m[0], m[1]), "'mode'");
        }
        String[][] opens = {
            {"channel", "posix:/q?open=sometimes"}, {"region", "file:/dev/shm/x?size=4k&open=maybe"},
            {"channel", "ring:/x?open=always"}, {"mutex", "robust:/x?open=CREATE"}, {"mutex", "lockfile:/tmp/l?open=new"},
            {"channel", "fifo:/tmp/f?open=open_or_create"}, {"mutex", "sysv:private?open=truncate"},
        };
        for (String[] o : opens) {
            bad(o[1], IpcUriException.class, f -> open(o[0], o[1]), "'open'", "create, open or open-or-create");
        }

        // ---------------------------------------------------------------- sizes and capacities
        bad("file: size=0", IpcUriException.class, f -> Ipc.region("file:" + f.shm(TestNames.unique("s")) + "?size=0"),
                "'size'", "not a positive");
        bad("file: size=-4096", IpcUriException.class, f -> Ipc.region("file:" + f.shm(TestNames.unique("s")) + "?size=-4096"),
                "'size'");
        bad("file: size=3g", IpcUriException.class, f -> Ipc.region("file:" + f.shm(TestNames.unique("s")) + "?size=3g"),
                "'size'", "2147483647");
        bad("file: size=lots", IpcUriException.class, f -> Ipc.region("file:" + f.shm(TestNames.unique("s")) + "?size=lots"),
                "'size'", "not a size");
        bad("file: relative path", IpcUriException.class, f -> Ipc.region("file:dev/shm/x?size=1"), "absolute path");
        bad("file: path ending in '/'", IpcUriException.class, f -> Ipc.region("file:/dev/shm/x/?size=1"), "directory");
        bad("file: open=create without size", IpcUriException.class, f -> Ipc.region("file:/dev/shm/x?open=create"),
                "'size'", "open=create needs size=");
        bad("posix region size=0", IpcUriException.class, f -> Ipc.region("posix:/r?size=0"), "'size'");
        bad("posix region size=-5", IpcUriException.class, f -> Ipc.region("posix:/r?size=-5"), "'size'");
        bad("posix region size=4g", IpcUriException.class, f -> Ipc.region("posix:/r?size=4g"), "'size'");
        bad("posix region open=create without size", IpcUriException.class, f -> Ipc.region("posix:/r?open=create"),
                "'size'");
        bad("anon size=0", IpcUriException.class, f -> Ipc.region("anon:?size=0"), "'size'");
        bad("anon size=-1", IpcUriException.class, f -> Ipc.region("anon:?size=-1"), "'size'");
        bad("sysv region size=0", IpcUriException.class, f -> Ipc.region("sysv:private?size=0"), "'size'");
        bad("sysv channel qbytes=-1", IpcUriException.class, f -> Ipc.channel("sysv:private?qbytes=-1"), "'qbytes'");
        for (String c : new String[] {"3", "100", "0", "-64", "2g", "32", "big"}) {
            bad("ring capacity=" + c, IpcUriException.class, f -> Ipc.channel("ring:/x?capacity=" + c), "'capacity'",
                    c.equals("big") ? "not a size" : "power of two from 64 to 1073741824");
        }
        bad("ring spin=-1", IpcUriException.class, f -> Ipc.channel("ring:/x?spin=-1"), "'spin'");
        bad("posix maxmsg=0", IpcUriException.class, f -> Ipc.channel("posix:/q?maxmsg=0"), "'maxmsg'");
        bad("posix maxmsg=-1", IpcUriException.class, f -> Ipc.channel("posix:/q?maxmsg=-1"), "'maxmsg'");
        bad("posix msgsize=0", IpcUriException.class, f -> Ipc.channel("posix:/q?msgsize=0"), "'msgsize'");
        bad("posix msgsize=abc", IpcUriException.class, f -> Ipc.channel("posix:/q?msgsize=abc"), "'msgsize'");
        bad("sysv proj=256", IpcUriException.class, f -> Ipc.channel("sysv:/tmp?proj=256"), "'proj'", "0..255");
        bad("sysv key=banana", IpcUriException.class, f -> Ipc.channel("sysv:?key=banana"), "'key'", "not an integer");
        bad("sysv key=0", IpcUriException.class, f -> Ipc.channel("sysv:?key=0"), "IPC_PRIVATE");
        bad("sysv: (nothing names the object)", IpcUriException.class, f -> Ipc.channel("sysv:"), "nothing names the object");
        bad("sysv undo=perhaps", IpcUriException.class, f -> Ipc.mutex("sysv:private?undo=perhaps"), "'undo'");
        bad("robust offset=3 with region", IpcUriException.class,
                f -> Ipc.mutex("robust:?region=anon:?size=4096&offset=3"), "'offset'", "multiple of 8");
        bad("robust offset beyond the region", IpcUriException.class,
                f -> Ipc.mutex("robust:?region=anon:?size=4096&offset=4096"), "'offset'", "beyond the end");
        bad("robust offset= without region=", IpcUriException.class, f -> Ipc.mutex("robust:/x?offset=8"), "offset= goes with region=");
        bad("robust init-timeout=-1", IpcUriException.class, f -> Ipc.mutex("robust:/x?init-timeout=-1"), "'init-timeout'");
        bad("lockfile poll=soon", IpcUriException.class, f -> Ipc.mutex("lockfile:/tmp/l?poll=soon"), "'poll'");
        bad("unix type=datagram", IpcUriException.class, f -> Ipc.channel("unix:/tmp/u?type=datagram"), "'type'");

        // ---------------------------------------------------------------- names
        bad("posix:/a/b channel", IpcUriException.class, f -> Ipc.channel("posix:/a/b"), "'/a/b'", "contains '/'");
        bad("posix:/a/b mutex", IpcUriException.class, f -> Ipc.mutex("posix:/a/b"), "contains '/'");
        bad("posix:/a/b region", IpcUriException.class, f -> Ipc.region("posix:/a/b?size=4k"), "contains '/'");
        bad("posix:relative", IpcUriException.class, f -> Ipc.channel("posix:relative"), "must start with '/'");
        bad("posix:/ (empty name)", IpcUriException.class, f -> Ipc.mutex("posix:/"), "empty");
        bad("posix name of 300 characters", IpcUriException.class, f -> Ipc.channel("posix:/" + "n".repeat(300)), "name");
        bad("ring:/a/b", IpcUriException.class, f -> Ipc.channel("ring:/a/b"), "character '/'");
        bad("ring:/ (no name)", IpcUriException.class, f -> Ipc.channel("ring:/"), "needs a name");
        bad("ring:/..", IpcUriException.class, f -> Ipc.channel("ring:/.."), "not a ring name");
        bad("ring name of 201 characters", IpcUriException.class, f -> Ipc.channel("ring:/" + "r".repeat(201)), "longer than 200");
        bad("robust:/a/b", IpcUriException.class, f -> Ipc.mutex("robust:/a/b"), "robust:/name");
        bad("robust:/ (no name)", IpcUriException.class, f -> Ipc.mutex("robust:/"), "robust:/name");
        bad("lockfile: (no path)", IpcUriException.class, f -> Ipc.mutex("lockfile:"), "lockfile");
        bad("fcntl: path ending in '/'", IpcUriException.class, f -> Ipc.mutex("fcntl:/tmp/"), "fcntl");

        // ---------------------------------------------------------------- API arguments
        bad("sysv send tag 0", IllegalArgumentException.class,
                f -> f.channel("sysv:private").send(bytes(1), 0), "send", "sysv:private", "tag 0");
        bad("sysv trySend tag -3", IllegalArgumentException.class,
                f -> f.channel("sysv:private").trySend(bytes(1), -3), "trySend", "tag -3");
        bad("posix send priority -1", IllegalArgumentException.class,
                f -> f.channel("posix:" + f.posix("prio")).send(bytes(1), -1), "send", "{obj}", "tag -1");
        bad("posix send priority 32768 (MQ_PRIO_MAX)", IllegalArgumentException.class,
                f -> f.channel("posix:" + f.posix("prio")).send(bytes(1), 32768), "tag 32768", "MQ_PRIO_MAX");
        bad("ring send tag -1", IllegalArgumentException.class,
                f -> f.channel("ring:/" + f.name("tag") + "?capacity=4k").trySend(bytes(1), -1), "trySend", "{obj}", "tag -1");
        bad("unix pair send tag -1", IllegalArgumentException.class,
                f -> f.channel("unix:pair").send(bytes(1), -1), "send", "tag -1");
        bad("posix receive Select.tag(3)", IpcUnsupported.class,
                f -> f.channel("posix:" + f.posix("sel")).tryReceive(bytes(8192), Select.tag(3)), "tryReceive", "{obj}", "only Select.any()");
        bad("ring receive Select.not(1)", IpcUnsupported.class,
                f -> f.channel("ring:/" + f.name("sel") + "?capacity=4k").tryReceive(bytes(8), Select.not(1)), "only Select.any()");
        bad("Select.tag(0)", IllegalArgumentException.class, f -> Select.tag(0), "tag must be > 0");
        bad("Select.upTo(-300)", IllegalArgumentException.class, f -> Select.upTo(-300), "tag must be > 0");
        bad("Select.parse(\"sometimes\")", IllegalArgumentException.class, f -> Select.parse("sometimes"), "sometimes");
        bad("Select.parse(\"tag:x\")", IllegalArgumentException.class, f -> Select.parse("tag:x"), "not a number");
        bad("posix receive timeout -1", IllegalArgumentException.class,
                f -> f.channel("posix:" + f.posix("to")).receive(bytes(8192), Select.any(), -1, TimeUnit.SECONDS), "negative timeout");
        bad("sysv mutex tryLock(-5 ms)", IllegalArgumentException.class,
                f -> f.mutex("sysv:private").tryLock(-5, TimeUnit.MILLISECONDS), "tryLock", "negative timeout");
        bad("ring send timeout -1", IllegalArgumentException.class,
                f -> f.channel("ring:/" + f.name("to") + "?capacity=4k").send(bytes(1), 0, -1, TimeUnit.SECONDS), "negative timeout");
        bad("region getLongVolatile(-8)", IndexOutOfBoundsException.class,
                f -> f.region("anon:?size=4096").getLongVolatile(-8), "offset -8", "outside");
        bad("region putIntRelease(4096) on 4096 bytes", IndexOutOfBoundsException.class,
                f -> f.region("anon:?size=4096").putIntRelease(4096, 1), "offset 4096");
        bad("region compareAndSetLong(4) misaligned", IllegalArgumentException.class,
                f -> f.region("anon:?size=4096").compareAndSetLong(4, 0, 1), "offset 4", "not aligned to 8");
        bad("region sync(4000, 200) past the end", IndexOutOfBoundsException.class,
                f -> f.region("file:" + f.shm(TestNames.unique("sync")) + "?size=4096").sync(4000, 200), "sync", "outside the region");
        bad("posix mutex unlock without holding", IllegalMonitorStateException.class,
                f -> f.mutex("posix:" + f.posix("um")).unlock(), "unlock");
        bad("fcntl mutex lock twice in one thread", IllegalStateException.class, f -> {
            Mutex m = f.mutex("fcntl:" + f.path("twice"));
            m.lock();
            try {
                m.lock();
            } finally {
                m.unlock();
            }
        }, "lock");
        bad("send on a closed handle", IpcException.class, f -> {
            MessageChannel ch = Ipc.channel("posix:" + f.posix("closed"));
            ch.remove();
            ch.close();
            ch.send(bytes(1));
        }, "closed");

        // ---------------------------------------------------------------- limits
        bad("sysv send over msgmax", MessageTooLarge.class,
                f -> f.channel("sysv:private").send(bytes(1 << 20), 1), "send", "msgmax");
        bad("posix send over msgsize", MessageTooLarge.class,
                f -> f.channel("posix:" + f.posix("big") + "?msgsize=64&maxmsg=2").send(bytes(65), 0), "send", "{obj}", "64");
        bad("posix receive into a buffer smaller than the message", MessageTooLarge.class, f -> {
            MessageChannel ch = f.channel("posix:" + f.posix("small") + "?msgsize=64&maxmsg=2");
            ch.send(bytes(60), 0);
            ch.tryReceive(bytes(8), Select.any());
        }, "{obj}");
        bad("ring send over capacity/2 - 24", MessageTooLarge.class,
                f -> f.channel("ring:/" + f.name("big") + "?capacity=1k").trySend(bytes(489), 0), "trySend", "{obj}", "capacity / 2 - 24");
        bad("ring receive into a short buffer", MessageTooLarge.class, f -> {
            MessageChannel ch = f.channel("ring:/" + f.name("short") + "?capacity=1k");
            ch.send(bytes(10), 0);
            ch.tryReceive(bytes(4), Select.any());
        }, "tryReceive", "stays queued");
        bad("sysv receive into a short buffer", MessageTooLarge.class, f -> {
            MessageChannel ch = f.channel("sysv:private");
            ch.send(bytes(10), 1);
            ch.tryReceive(bytes(4), Select.any());
        }, "E2BIG");
        bad("unix pair send over msgsize", MessageTooLarge.class,
                f -> f.channel("unix:pair?msgsize=16").send(bytes(17)), "send", "16");
        bad("fifo msgsize=-1", IpcUriException.class, f -> Ipc.channel("fifo:/tmp/f?msgsize=-1"), "'msgsize'");
        bad("fifo msgsize=5000 (over PIPE_BUF - 16)", IpcUriException.class, f -> Ipc.channel("fifo:/tmp/f?msgsize=5000"),
                "'msgsize'", "5000 exceeds 4080");
        bad("lockfile: garbage in the lock file", IpcException.class, f -> {
            Path p = f.file("lockgarbage", garbage(100));
            Mutex m = f.mutex("lockfile:" + p);
            m.tryLock();
        }, "lock", "{obj}", "is not a jipc lock file", "\\xff");
        bad("linklock: garbage in the lock file", IpcException.class, f -> {
            Path p = f.file("linkgarbage", garbage(100));
            Mutex m = f.mutex("linklock:" + p);
            m.tryLock();
        }, "lock", "{obj}", "is not a jipc lock file", "\\xff");

        // ---------------------------------------------------------------- existence
        bad("posix channel open=open of a missing queue", IpcNotFound.class,
                f -> Ipc.channel("posix:" + f.posix("missing") + "?open=open"), "mq_open", "{obj}", "ENOENT");
        bad("posix region open=open of a missing object", IpcNotFound.class,
                f -> Ipc.region("posix:" + f.posix("missing") + "?open=open"), "shm_open", "{obj}");
        bad("file: open=open of a missing file", IpcNotFound.class,
                f -> Ipc.region("file:" + f.shm(TestNames.unique("missing")) + "?open=open&size=4k"), "open", "{obj}", "does not exist");
        bad("ring open=open of a missing ring", IpcNotFound.class,
                f -> Ipc.channel("ring:/" + f.name("missing") + "?open=open"), "open", "{obj}", "ENOENT");
        bad("file: open=create of an existing file", IpcAlreadyExists.class, f -> {
            Path p = f.file("exists", new byte[4096]);
            Ipc.region("file:" + p + "?open=create&size=4096");
        }, "open", "{obj}", "already exists");
        bad("ring exists with another capacity", IpcException.class, f -> {
            String n = f.name("cap");
            f.channel("ring:/" + n + "?capacity=4k");
            Ipc.channel("ring:/" + n + "?capacity=8k");
        }, "capacity 4096", "8192");

        // ---------------------------------------------------------------- corrupt or wrong-kind objects
        bad("ring: garbage file at the ring's name", IpcException.class, f -> {
            String n = f.name("garbage");
            Files.write(f.shm("jipc.ring." + n), garbage(4096 + 1024));
            Ipc.channel("ring:/" + n);
        }, "open", "{obj}", "bad magic word");
        bad("ring: file of the wrong size", IpcException.class, f -> {
            String n = f.name("size");
            Files.write(f.shm("jipc.ring." + n), new byte[5000]);
            Ipc.channel("ring:/" + n);
        }, "open", "{obj}", "size 5000 bytes");
        bad("ring: a FIFO at the ring's name", IpcException.class, f -> {
            String n = f.name("fifo");
            Path p = f.shm("jipc.ring." + n);
            if (io.jipc.os.FileOps.mkfifo(p.toString(), 0600) != 0) {
                throw new IllegalStateException("mkfifo " + p);
            }
            Ipc.channel("ring:/" + n);
        }, "open", "{obj}", "a FIFO, not a regular file");
        bad("ring: a directory at the ring's name", IpcException.class, f -> {
            String n = f.name("dir");
            Files.createDirectory(f.shm("jipc.ring." + n));
            Ipc.channel("ring:/" + n);
        }, "open", "{obj}", "EISDIR");
        bad("ring: record length out of range", IpcException.class, f -> {
            String n = f.name("rec");
            MessageChannel ch = f.channel("ring:/" + n + "?capacity=1k");
            ch.send(bytes(3), 1);
            try (SharedRegion raw = Ipc.region("file:" + f.shm("jipc.ring." + n))) {
                raw.putIntRelease(4096, Integer.MAX_VALUE);
            }
            ch.tryReceive(bytes(1024), Select.any());
        }, "tryReceive", "{obj}", "corrupted at index 0", "length 2147483647");
        bad("ring: bad commit word", IpcException.class, f -> {
            String n = f.name("commit");
            MessageChannel ch = f.channel("ring:/" + n + "?capacity=1k");
            ch.send(bytes(3), 1);
            try (SharedRegion raw = Ipc.region("file:" + f.shm("jipc.ring." + n))) {
                raw.putLongRelease(4096 + 16, 42);
            }
            ch.tryReceive(bytes(1024), Select.any());
        }, "tryReceive", "{obj}", "commit word is 42");
        bad("robust: garbage file at the mutex's name", IpcException.class, f -> {
            String n = f.name("rgarbage");
            Files.write(f.shm("jipc.robust." + n), garbage(24));
            Ipc.mutex("robust:/" + n);
        }, "open", "{obj}", "does not hold a jipc robust mutex");
        bad("robust: file larger than a mutex block", IpcException.class, f -> {
            String n = f.name("rlarge");
            Files.write(f.shm("jipc.robust." + n), garbage(4096));
            Ipc.mutex("robust:/" + n);
        }, "open", "{obj}", "4096 bytes");
        bad("robust: overwritten pthread_mutex_t", IpcException.class, f -> {
            String n = f.name("rkind");
            f.mutex("robust:/" + n);
            try (SharedRegion raw = Ipc.region("file:" + f.shm("jipc.robust." + n))) {
                raw.putIntRelease(16 + 16, 7);
            }
            Ipc.mutex("robust:/" + n);
        }, "open", "{obj}", "pthread_mutex_t", "kind 7");
        bad("file: a directory at the path", IpcException.class, f -> {
            Path d = f.dir("isdir");
            Ipc.region("file:" + d + "?size=4096");
        }, "open", "{obj}", "directory");
        bad("file: an empty file without size=", IpcException.class, f -> {
            Path p = f.file("empty", new byte[0]);
            Ipc.region("file:" + p);
        }, "open", "{obj}", "empty");
        bad("file: a file larger than size=", IpcException.class, f -> {
            Path p = f.file("larger", new byte[8192]);
            Ipc.region("file:" + p + "?size=4096");
        }, "open", "{obj}", "8192 bytes", "never shrinks");
        bad("file: a symbolic link", IpcException.class, f -> {
            Path target = f.file("target", new byte[4096]);
            Path link = f.path("link");
            Files.createSymbolicLink(link, target);
            Ipc.region("file:" + link);
        }, "open", "{obj}", "symbolic link");
        bad("posix region that exists with another size", IpcException.class, f -> {
            String n = f.posix("rsize");
            f.region("posix:" + n + "?size=4096");
            Ipc.region("posix:" + n + "?size=8192");
        }, "shm_open", "{obj}", "size 4096");
        bad("lockfile: a directory at the path", IpcException.class, f -> {
            Path d = f.dir("lockdir");
            Ipc.mutex("lockfile:" + d).tryLock();
        }, "{obj}", "directory");
        bad("linklock: a directory at the path", IpcException.class, f -> {
            Path d = f.dir("linkdir");
            Ipc.mutex("linklock:" + d).tryLock();
        }, "{obj}", "directory");
        bad("fcntl: a directory at the path", IpcException.class, f -> {
            Path d = f.dir("fcntldir");
            Ipc.mutex("fcntl:" + d);
        }, "{obj}", "directory");
        bad("fifo: a regular file at the path", IpcException.class, f -> {
            Path p = f.file("notfifo", "hello".getBytes());
            Ipc.channel("fifo:" + p);
        }, "{obj}", "not a FIFO");
        bad("unix: a regular file at the path", IpcException.class, f -> {
            Path p = f.file("notsock", "hello".getBytes());
            Ipc.channel("unix:" + p);
        }, "{obj}", "a regular file (5 bytes), not a Unix socket");
        bad("anon:?fd=987654 (not an open descriptor)", IpcException.class,
                f -> Ipc.region("anon:?fd=987654&size=4096"), "987654");
        bad("pipe:?fd=987654,987655 (not open descriptors)", IpcException.class,
                f -> Ipc.channel("pipe:?fd=987654,987655"), "987654");
        bad("pipe:?fd=abc", IpcUriException.class, f -> Ipc.channel("pipe:?fd=abc"), "'fd'");
        bad("unix:pair?fd=987654 (not an open descriptor)", IpcException.class,
                f -> Ipc.channel("unix:pair?fd=987654"), "987654");
        bad("unix: a directory at the path", IpcException.class, f -> {
            Path d = f.dir("sockdir");
            Ipc.channel("unix:" + d);
        }, "{obj}", "a directory, not a Unix socket");
    }

    /** Opens {@code uri} as the primitive named {@code kind} (and closes it, should it open). */
    private static void open(String kind, String uri) {
        IpcHandle h = switch (kind) {
            case "channel" -> Ipc.channel(uri);
            case "mutex" -> Ipc.mutex(uri);
            default -> Ipc.region(uri);
        };
        h.close();
    }

    static Stream<Arguments> cases() {
        return CASES.stream();
    }

    private final Fixture fixture = new Fixture();

    @AfterEach
    void cleanUp() throws IOException {
        fixture.cleanUp();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void failsClearly(String input, Class<? extends Throwable> type, Action action, String[] fragments) {
        Throwable e = assertThrows(Throwable.class, () -> action.run(fixture), input);
        assertTrue(type.isInstance(e), input + ": expected " + type.getName() + " but got " + e);
        String message = String.valueOf(e.getMessage());
        if (e instanceof IpcException ie) { // every jipc error names the operation, and the object when there is one
            assertTrue(ie.operation() != null && message.startsWith(ie.operation()), input + ": no operation in: " + message);
            if (ie.uri() != null) {
                assertTrue(message.contains(ie.uri()), input + ": the object is not named in: " + message);
            }
        }
        if (e instanceof IpcUriException ue) {
            assertTrue(message.contains("'" + ue.uri() + "'"), input + ": the URI is not named in: " + message);
        }
        for (String fragment : fragments) {
            String want = fragment.replace("{obj}", fixture.object);
            assertTrue(message.contains(want), input + ": '" + want + "' missing from: " + message);
        }
    }

    @org.junit.jupiter.api.Test
    void theCatalogueHasAtLeastAHundredDistinctInputs() {
        assertTrue(CASES.size() >= 100, "only " + CASES.size() + " cases");
        assertEquals(CASES.size(), CASES.stream().map(a -> a.get()[0]).distinct().count(), "duplicate inputs");
    }
}
