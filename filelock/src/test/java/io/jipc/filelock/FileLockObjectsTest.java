package io.jipc.filelock;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** Each file-lock backend lists, locates and removes the lock files it created. */
@ExtendWith(LeakGuard.class)
class FileLockObjectsTest {
    /** One scheme's check. */
    abstract static class Scheme extends ObjectsContract {
        abstract String scheme();

        @Override
        protected List<Primitive> primitives() {
            return List.of(Primitive.MUTEX);
        }

        @Override
        protected String createUri(Primitive p) {
            return scheme() + ":" + TestNames.path("objects-" + scheme());
        }
    }

    @Nested
    class Fcntl extends Scheme {
        @Override
        String scheme() {
            return "fcntl";
        }
    }

    @Nested
    class Ofd extends Scheme {
        @Override
        String scheme() {
            return "ofd";
        }
    }

    @Nested
    class Flock extends Scheme {
        @Override
        String scheme() {
            return "flock";
        }
    }

    @Nested
    class LockFile extends Scheme {
        @Override
        String scheme() {
            return "lockfile";
        }
    }

    @Nested
    class LinkLock extends Scheme {
        @Override
        String scheme() {
            return "linklock";
        }
    }
}
