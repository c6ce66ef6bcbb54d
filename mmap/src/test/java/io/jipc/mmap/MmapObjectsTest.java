package io.jipc.mmap;

import io.jipc.api.Primitive;
import io.jipc.testkit.LeakGuard;
import io.jipc.testkit.ObjectsContract;
import io.jipc.testkit.TestNames;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** The file, robust and ring backends list, locate and remove the files they created. */
@ExtendWith(LeakGuard.class)
class MmapObjectsTest {
    @Nested
    class File extends ObjectsContract {
        @Override
        protected List<Primitive> primitives() {
            return List.of(Primitive.REGION);
        }

        @Override
        protected String createUri(Primitive p) {
            return "file:/dev/shm/" + TestNames.unique("objects-file") + "?size=4096&open=create";
        }
    }

    @Nested
    class Robust extends ObjectsContract {
        @Override
        protected List<Primitive> primitives() {
            return List.of(Primitive.MUTEX);
        }

        @Override
        protected String createUri(Primitive p) {
            return "robust:/" + TestNames.unique("objects-robust") + "?open=create";
        }
    }

    @Nested
    class Ring extends ObjectsContract {
        @Override
        protected List<Primitive> primitives() {
            return List.of(Primitive.CHANNEL);
        }

        @Override
        protected String createUri(Primitive p) {
            return "ring:/" + TestNames.unique("objects-ring") + "?open=create";
        }
    }
}
