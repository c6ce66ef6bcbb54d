package io.jipc.filelock;

import io.jipc.api.Ipc;
import io.jipc.api.Mutex;
import io.jipc.api.Primitive;
import io.jipc.os.ChildProcess;
import io.jipc.os.Spawner;
import io.jipc.spi.Backend;
import io.jipc.spi.ObjectInfo;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each file-lock backend lists, locates and removes the lock files it created. */
@ExtendWith(LeakGuard.class)
class FileLockObjectsTest {
    /**
     * A lock file's record names whoever recorded it first through a handle; that process may be
     * dead while another holds the lock. The holder named in the file decides: before, the live
     * holder's lock file showed a dead creator and no opener, an orphan that rm --orphans deleted.
     */
    @Test
    void aLockFileHeldByALiveProcessIsNeverAnOrphanWhateverItsRecordSays() throws Exception {
        for (String scheme : new String[] {"lockfile", "linklock"}) {
            String uri = scheme + ":" + TestNames.path("objects-holder-" + scheme);
            Backend b = Ipc.backend(scheme);
            try (Mutex m = Ipc.mutex(uri)) {
                m.lock(); // this handle records the path (once)
                m.unlock();
                try (ChildProcess child = Spawner.jvm(ObjectsContract.Creator.class, "MUTEX", uri).start()) {
                    child.awaitOutput("READY", Duration.ofSeconds(60)); // the child records it again, then holds it
                    child.killAndWait();
                }
                m.lock(); // takes the dead child's lock file over; the record still names the child
                if (m.ownerDied()) {
                    m.markConsistent();
                }
                ObjectInfo o = b.objects().stream().filter(x -> x.uri().startsWith(uri)).findFirst()
                        .orElseThrow(() -> new AssertionError(uri + " not listed: " + b.objects()));
                assertEquals(ProcessHandle.current().pid(), o.creatorPid(), o.toString());
                assertTrue(o.creatorAlive(), o.toString());
                assertEquals(ObjectInfo.Usage.IN_USE, o.usage(), o.toString());
                m.unlock();
                m.remove();
            }
        }
    }

    @Nested
    class Fcntl extends ObjectsContract {
        Fcntl() {
            super(Primitive.MUTEX, () -> "fcntl:" + TestNames.path("objects-fcntl"));
        }
    }

    @Nested
    class Ofd extends ObjectsContract {
        Ofd() {
            super(Primitive.MUTEX, () -> "ofd:" + TestNames.path("objects-ofd"));
        }
    }

    @Nested
    class Flock extends ObjectsContract {
        Flock() {
            super(Primitive.MUTEX, () -> "flock:" + TestNames.path("objects-flock"));
        }
    }

    @Nested
    class LockFile extends ObjectsContract {
        LockFile() {
            super(Primitive.MUTEX, () -> "lockfile:" + TestNames.path("objects-lockfile"));
        }
    }

    @Nested
    class LinkLock extends ObjectsContract {
        LinkLock() {
            super(Primitive.MUTEX, () -> "linklock:" + TestNames.path("objects-linklock"));
        }
    }
}
