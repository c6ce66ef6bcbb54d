package io.jipc.testkit;

import io.jipc.api.Ipc;
import io.jipc.api.IpcHandle;
import io.jipc.api.IpcUri;
import io.jipc.api.MessageChannel;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.api.SharedRegion;
import io.jipc.os.ChildProcess;
import io.jipc.os.ChildSupport;
import io.jipc.os.Spawner;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of a backend's object inventory ({@link Backend#objects()},
 * {@link Backend#locate(IpcUri)}, {@link Backend#remove(ObjectInfo)}), for every primitive a
 * subclass names: an object this JVM creates and uses is listed with the right kind, owner and
 * (where the mechanism records one) creator pid, alive; its URI locates it; the backend removes it
 * and lists it no more. An object whose creator, a child JVM, was killed with {@code kill -9}
 * is listed with that creator dead (or, where the kernel records no pid, as not known to be in
 * use), and the backend removes it.
 */
public abstract class ObjectsContract {
    private final List<Primitive> primitives;
    private final Function<Primitive, String> createUri;
    private final boolean recordsPids;

    /**
     * The check of the objects of some primitives of one scheme.
     *
     * @param primitives the primitives to check
     * @param createUri a fresh URI that creates an object of a primitive ({@code open=create})
     * @param recordsPids whether the backend names the process that created or last used an
     *                    object (a creator, a last sender or {@code semop} pid); POSIX objects record none
     */
    protected ObjectsContract(List<Primitive> primitives, Function<Primitive, String> createUri, boolean recordsPids) {
        this.primitives = primitives;
        this.createUri = createUri;
        this.recordsPids = recordsPids;
    }

    /**
     * The check for one primitive whose backend records who created or last used an object.
     *
     * @param primitive the primitive
     * @param createUri a fresh URI that creates an object of it
     */
    protected ObjectsContract(Primitive primitive, java.util.function.Supplier<String> createUri) {
        this(List.of(primitive), p -> createUri.get(), true);
    }

    /** Creates, uses (lock held, message sent, word written), prints READY and waits to be killed. */
    public static final class Creator {
        private Creator() {
        }

        /**
         * Runs the creator.
         *
         * @param args the primitive's name and the URI
         * @throws Exception when the object cannot be made
         */
        public static void main(String[] args) throws Exception {
            ChildSupport.exitWhenParentDies();
            IpcHandle h = openAndUse(Primitive.valueOf(args[0]), args[1]);
            System.out.println("READY " + h.uri());
            Thread.sleep(120_000);
        }
    }

    static IpcHandle openAndUse(Primitive p, String uri) {
        switch (p) {
            case CHANNEL: {
                MessageChannel ch = Ipc.channel(uri);
                ByteBuffer m = ByteBuffer.allocateDirect(8);
                m.putLong(42).flip();
                try {
                    ch.trySend(m, ch.capabilities().tagging() == io.jipc.api.Capabilities.Tagging.SYSV_TYPE ? 1 : ch.capabilities().defaultTag());
                } catch (RuntimeException e) {
                    // no peer yet (a listening socket): creating it is what counts
                }
                return ch;
            }
            case MUTEX: {
                Mutex mx = Ipc.mutex(uri);
                mx.lock();
                return mx;
            }
            default: {
                SharedRegion r = Ipc.region(uri);
                r.putLongRelease(0, 7);
                return r;
            }
        }
    }

    private Backend backend(String uri) {
        Backend b = Ipc.backend(IpcUri.parse(uri).scheme());
        assertTrue(b != null, "no backend for " + uri);
        return b;
    }

    private static Optional<ObjectInfo> located(Backend b, String uri, Primitive p) {
        return b.locate(IpcUri.parse(uri)).stream().filter(o -> o.primitive() == p).findFirst();
    }

    private static boolean listed(Backend b, ObjectInfo o) {
        return b.objects().stream().anyMatch(x -> x.primitive() == o.primitive() && x.name().equals(o.name()));
    }

    private static long myUid() throws Exception {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    @Test
    void anObjectThisProcessCreatedIsListedLocatedAndRemoved() throws Exception {
        long me = ProcessHandle.current().pid();
        for (Primitive p : primitives) {
            String uri = createUri.apply(p);
            Backend b = backend(uri);
            IpcHandle h = openAndUse(p, uri);
            try {
                ObjectInfo o = located(b, uri, p).orElseThrow(() -> new AssertionError(uri + " not located: " + b.objects()));
                assertEquals(b.scheme(), o.scheme(), o.toString());
                assertTrue(listed(b, o), o + " not listed: " + b.objects());
                assertEquals(myUid(), o.ownerUid(), "owner of " + o);
                if (recordsPids) {
                    assertTrue(o.involves(me), "the creator or last user is this process: " + o);
                    assertNotEquals(ObjectInfo.Usage.UNUSED, o.usage(), "in use while its creator lives: " + o);
                }
                if (o.creatorPid() > 0) {
                    assertEquals(me, o.creatorPid(), o.toString());
                    assertTrue(o.creatorAlive(), o.toString());
                }
                assertEquals(o.name(), located(b, o.uri(), p).map(ObjectInfo::name).orElse(null),
                        "the object's own URI " + o.uri() + " locates it");
                b.remove(o);
                assertFalse(located(b, uri, p).isPresent(), uri + " still located after remove");
                assertFalse(listed(b, o), o + " still listed after remove");
            } finally {
                closeQuietly(h);
                removeQuietly(p, uri);
            }
        }
    }

    @Test
    void anObjectOfAKilledCreatorShowsItDeadAndIsRemoved() throws Exception {
        for (Primitive p : primitives) {
            String uri = createUri.apply(p);
            Backend b = backend(uri);
            List<String> args = new ArrayList<>(List.of(p.name(), uri));
            try (ChildProcess child = Spawner.jvm(Creator.class, args.toArray(new String[0])).start()) {
                child.awaitOutput("READY", Duration.ofSeconds(60));
                child.killAndWait();
                ObjectInfo o = located(b, uri, p).orElseThrow(() -> new AssertionError(uri + " not located after kill -9"));
                assertTrue(listed(b, o), o + " not listed: " + b.objects());
                assertFalse(o.creatorAlive(), "creator killed: " + o);
                if (recordsPids) {
                    assertTrue(o.involves(child.pid()), "the killed child created or last used it: " + o);
                }
                assertNotEquals(ObjectInfo.Usage.IN_USE, o.usage(), "nobody uses it after kill -9: " + o);
                b.remove(o);
                assertFalse(listed(b, o), o + " still listed after remove");
            } finally {
                removeQuietly(p, uri);
            }
        }
    }

    private static void closeQuietly(IpcHandle h) {
        try {
            h.close();
        } catch (RuntimeException e) {
            // the test's assertion matters more
        }
    }

    /** Removes what a failed test may have left (through a handle: not what is under test). */
    private static void removeQuietly(Primitive p, String uri) {
        String open = ContractSupport.withOption(uri, "open", "open");
        try (IpcHandle h = p == Primitive.CHANNEL ? Ipc.channel(open) : p == Primitive.MUTEX ? Ipc.mutex(open) : Ipc.region(open)) {
            h.remove();
        } catch (RuntimeException e) {
            // removed by the test, as it should be
        }
    }
}
