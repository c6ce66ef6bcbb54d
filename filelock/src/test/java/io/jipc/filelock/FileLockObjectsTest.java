package io.jipc.filelock;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each file-lock backend lists, locates and removes the lock files it created. */
@ExtendWith(LeakGuard.class)
class FileLockObjectsTest {
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
